package org.bragg.indexing.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
	 * the dataset has one, else a copy cached in the temporary directory, else made by running
	 * {@code dials.find_spots imported.expt gain=3} on a copy of the imported experiments whose relative
	 * image template is made absolute. Fails if none of these is possible.
	 */
	static Path edStrongSpots() throws IOException, InterruptedException {
		Path ref = root().resolve("sim_ed_1hpv_p61/dials_reference/strong.refl");
		if (Files.isRegularFile(ref)) return ref;
		Path dir = Path.of(System.getProperty("java.io.tmpdir"), "bragg-ed1hpv-strong");
		Path cached = dir.resolve("strong.refl");
		if (Files.isRegularFile(cached) && Files.size(cached) > 0) return cached;
		Files.createDirectories(dir);
		String json = Files.readString(file("sim_ed_1hpv_p61/dials_reference/imported.expt"), StandardCharsets.UTF_8);
		String images = root().resolve("sim_ed_1hpv_p61/images").toString();
		json = json.replace("\"../images/", "\"" + images + "/");
		Files.writeString(dir.resolve("imported.expt"), json, StandardCharsets.UTF_8);
		Process p;
		try {
			p = new ProcessBuilder("dials.find_spots", "imported.expt", "gain=3", "output.reflections=strong.tmp.refl").directory(dir.toFile())
					.redirectErrorStream(true).redirectOutput(dir.resolve("find_spots.out").toFile()).start();
		} catch (IOException e) {
			return fail("sim_ed_1hpv_p61 has no strong.refl and dials.find_spots could not be run (" + e.getMessage()
					+ "); put DIALS strong spots (gain=3) in " + cached);
		}
		if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) return fail("dials.find_spots failed; see " + dir.resolve("find_spots.out"));
		Files.move(dir.resolve("strong.tmp.refl"), cached, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		return cached;
	}
}
