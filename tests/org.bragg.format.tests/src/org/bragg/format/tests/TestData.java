package org.bragg.format.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared test data ({@code /work/shared/data}: real and simulated images with DIALS
 * 3.12 reference outputs): the system property {@code bragg.shared.data} if set, else
 * {@code ../shared/data} relative to the working directory, else {@code /work/shared/data}.
 */
public final class TestData {
	private TestData() {}

	/** @return the shared data directory (which may not exist) */
	public static Path dir() {
		String p = System.getProperty("bragg.shared.data");
		if (p != null && !p.isBlank()) return Path.of(p);
		Path rel = Path.of("..", "shared", "data").toAbsolutePath().normalize();
		if (Files.isDirectory(rel)) return rel;
		return Path.of("/work/shared/data");
	}

	/**
	 * @return an existing file or directory under the shared data directory (the test fails, naming
	 *         the path, if it is missing)
	 */
	public static Path file(String relative) {
		Path f = dir().resolve(relative);
		assertTrue(Files.exists(f), "shared test data missing: " + f + " (set -Dbragg.shared.data)");
		return f;
	}
}
