package org.bragg.spotfinding;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import org.bragg.format.FormatReader;
import org.bragg.format.FormatRegistry;

/**
 * Locates the shared test data: system property {@code bragg.shared.data}, else {@code ../shared/data}
 * relative to the working directory, else {@code /work/shared/data}.
 */
final class SpotTestData {
	private SpotTestData() {}

	static Path root() {
		String p = System.getProperty("bragg.shared.data");
		if (p != null && Files.isDirectory(Path.of(p))) return Path.of(p);
		Path rel = Path.of("..", "shared", "data");
		if (Files.isDirectory(rel)) return rel.toAbsolutePath().normalize();
		Path rel2 = Path.of("..", "..", "..", "shared", "data");
		if (Files.isDirectory(rel2)) return rel2.toAbsolutePath().normalize();
		return Path.of("/work/shared/data");
	}

	/**
	 * The image readers: {@link FormatRegistry#fromServiceLoader()} plus the readers listed by the class
	 * loaders of the CBF and SMV bundles (in an OSGi test runtime the format bundle's loader does not see
	 * other bundles' {@code META-INF/services}; on a flat class path this adds nothing).
	 */
	static FormatRegistry formats() {
		FormatRegistry r = FormatRegistry.fromServiceLoader();
		for (Class<?> c : new Class<?>[] { org.bragg.format.cbf.CbfMiniPilatusReader.class, org.bragg.format.smv.SmvReader.class })
			for (FormatReader f : ServiceLoader.load(FormatReader.class, c.getClassLoader())) r.add(f);
		return r;
	}

	/** @return a file or directory under the data root; the test is skipped if it is missing */
	static Path require(String relative) {
		Path f = root().resolve(relative);
		assumeTrue(Files.exists(f), "test data missing: " + f);
		return f;
	}
}
