package org.bragg.io.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the shared datasets: system property {@code bragg.shared.data}, then {@code ../shared/data}
 * relative to the working directory, then {@code /work/shared/data}. If none exists the calling test
 * <em>fails</em> (it does not skip), so that a missing data directory cannot pass unnoticed.
 */
final class SharedData {
	private SharedData() {}

	static Path root() {
		List<String> tried = new ArrayList<>();
		String prop = System.getProperty("bragg.shared.data");
		for (String c : new String[] { prop, "../shared/data", "../../shared/data", "../../../shared/data", "/work/shared/data" }) {
			if (c == null || c.isBlank()) continue;
			Path p = Path.of(c).toAbsolutePath().normalize();
			tried.add(p.toString());
			if (Files.isDirectory(p.resolve("sim_xray_1a8o_p43212"))) return p;
		}
		return fail("shared datasets not found (tried " + String.join(", ", tried) + "): set -Dbragg.shared.data=/path/to/shared/data");
	}

	static Path file(String relative) {
		Path p = root().resolve(relative);
		if (!Files.isRegularFile(p)) fail("shared data file missing: " + p);
		return p;
	}

	/** @return every {@code .expt} under {@code *}/dials_reference/ (any depth) plus {@code *}/images/truth.expt, sorted */
	static List<Path> referenceExperimentLists() {
		List<Path> l = find(".expt");
		if (l.size() < 10) fail("expected the DIALS reference .expt files under " + root() + ", found " + l.size());
		return l;
	}

	/** @return every {@code .refl} under {@code *}/dials_reference/ (any depth), sorted */
	static List<Path> referenceReflectionTables() {
		List<Path> l = find(".refl");
		if (l.size() < 3) fail("expected the DIALS reference .refl files under " + root() + ", found " + l.size());
		return l;
	}

	private static List<Path> find(String ext) {
		Path root = root();
		try (Stream<Path> s = Files.walk(root)) {
			return s.filter(p -> p.getFileName().toString().endsWith(ext)).filter(p -> {
				Path rel = root.relativize(p);
				return rel.getNameCount() >= 3 && (rel.getName(1).toString().equals("dials_reference")
						|| (rel.getName(1).toString().equals("images") && p.getFileName().toString().equals("truth.expt")));
			}).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** @return e.g. {@code sim_xray_1a8o_p43212/dials_reference/indexed.expt} */
	static String label(Path p) { return root().relativize(p).toString(); }
}
