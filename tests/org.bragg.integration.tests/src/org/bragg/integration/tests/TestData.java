package org.bragg.integration.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared datasets: system property {@code bragg.shared.data}, then {@code ../shared/data}
 * relative to the working directory, then {@code /work/shared/data}. Tests that need data fail when it is
 * absent.
 */
final class TestData {
	private TestData() {}

	static Path root() {
		String p = System.getProperty("bragg.shared.data");
		if (p != null && Files.isDirectory(Path.of(p))) return Path.of(p);
		Path rel = Path.of("../shared/data");
		if (Files.isDirectory(rel)) return rel;
		return Path.of("/work/shared/data");
	}

	static Path require(String relative) {
		Path f = root().resolve(relative);
		assertTrue(Files.exists(f), "shared data not found: " + f + " (set -Dbragg.shared.data)");
		return f;
	}
}
