package org.bragg.indexing.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;

/**
 * The shared datasets: system property {@code bragg.shared.data}, then {@code ../shared/data}
 * (relative to the working directory, also one and two levels up), then {@code /work/shared/data}.
 * A missing data directory fails the test (it does not skip).
 */
final class TestData {
	private TestData() {}

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

	static ExperimentList experiments(String relative) throws BraggInputException { return ExperimentListIO.read(file(relative)); }

	static ReflectionTable reflections(String relative) throws BraggInputException { return ReflectionTableIO.read(file(relative)); }

	/**
	 * Strong spots of {@code sim_ed_1hpv_p61} found with {@code gain=3}: {@code dials_reference/strong.refl} if
	 * the dataset has one, else a copy cached in the temporary directory, else made by Bragg's own
	 * {@code find_spots imported.expt gain=3} (in this JVM; its spots equal dials.find_spots's) on a copy of
	 * the imported experiments whose relative image template is made absolute.
	 */
	static Path edStrongSpots() throws IOException, InterruptedException {
		Path ref = root().resolve("sim_ed_1hpv_p61/dials_reference/strong.refl");
		if (Files.isRegularFile(ref)) return ref;
		Path dir = Path.of(System.getProperty("java.io.tmpdir"), "bragg-ed1hpv-strong-bragg");
		Path cached = dir.resolve("strong.refl");
		if (Files.isRegularFile(cached) && Files.size(cached) > 0) return cached;
		Files.createDirectories(dir);
		Path work = Files.createTempDirectory(dir, "run");
		String json = Files.readString(file("sim_ed_1hpv_p61/dials_reference/imported.expt"), StandardCharsets.UTF_8);
		String images = root().resolve("sim_ed_1hpv_p61/images").toString();
		json = json.replace("\"../images/", "\"" + images + "/");
		Files.writeString(work.resolve("imported.expt"), json, StandardCharsets.UTF_8);
		java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
		java.io.PrintStream ps = new java.io.PrintStream(log, true, StandardCharsets.UTF_8);
		int rc = org.bragg.cli.Bragg.run(new String[] { "find_spots", "imported.expt", "gain=3", "output.reflections=strong.refl" }, work, ps, ps);
		if (rc != 0) return fail("bragg find_spots gain=3 on sim_ed_1hpv_p61 failed (exit " + rc + "):\n" + log.toString(StandardCharsets.UTF_8));
		Files.move(work.resolve("strong.refl"), cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		return cached;
	}
}
