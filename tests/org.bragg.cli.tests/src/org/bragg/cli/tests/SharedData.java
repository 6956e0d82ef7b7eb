package org.bragg.cli.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared/data}: system property {@code bragg.shared.data}, then ../shared/data, then /work/shared/data. */
final class SharedData {
	private SharedData() {}

	static Path root() {
		String prop = System.getProperty("bragg.shared.data");
		for (String c : new String[] { prop, "../shared/data", "../../shared/data", "../../../shared/data", "/work/shared/data" }) {
			if (c == null) continue;
			Path p = Path.of(c).toAbsolutePath().normalize();
			if (Files.isDirectory(p.resolve("sim_xray_1a8o_p43212"))) return p;
		}
		return fail("shared datasets not found: set -Dbragg.shared.data=/path/to/shared/data");
	}

	static Path dataset(String name) { return root().resolve(name); }
}
