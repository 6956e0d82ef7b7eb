package org.bragg.export.mtz;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves {@code shared/data} (system property {@code bragg.shared.data}, default ../shared/data). */
final class TestData {
	private TestData() {}

	static Path root() {
		String p = System.getProperty("bragg.shared.data");
		Path r = p != null ? Path.of(p) : Path.of("../shared/data");
		if (!Files.isDirectory(r)) r = Path.of("/work/shared/data");
		return r;
	}

	static Path dialsReference() { return root().resolve("sim_xray_1a8o_p43212/dials_reference"); }
}
