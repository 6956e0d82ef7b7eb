package org.bragg.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bragg.cli.Bragg;
import org.bragg.format.ImageFiles;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.reflection.ReflectionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bragg find_spots} through the command line: output, and an unreadable frame in the middle of a sweep. */
class FindSpotsCommandTest {
	@TempDir Path dir;

	int bragg(ByteArrayOutputStream err, String... args) {
		return Bragg.run(args, dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	/** Copies frames 1–5 of the 1a8o sweep, decompressed, into the temporary directory. */
	private void copyFrames() throws Exception {
		Path images = SharedData.dataset("sim_xray_1a8o_p43212").resolve("images");
		for (int i = 1; i <= 5; i++)
			Files.write(dir.resolve(String.format("frame_%04d.cbf", i)), ImageFiles.readAll(images.resolve(String.format("lyso1a8o_%04d.cbf.bz2", i))));
	}

	@Test
	void findsSpotsOnFiveFrames() throws Exception {
		copyFrames();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(0, bragg(err, "import", dir.resolve("frame_####.cbf").toString()), err.toString());
		assertEquals(0, bragg(err, "find_spots", "imported.expt", "nproc=2"), err.toString());
		ReflectionTable t = ReflectionTableIO.read(dir.resolve("strong.refl"));
		// DIALS 3.12 finds 16 516 spots on 60 frames; five frames hold a proportional share
		assertTrue(t.size() > 900 && t.size() < 1800, "spots on 5 frames: " + t.size());
		assertTrue(Files.readString(dir.resolve("bragg.find_spots.log")).contains("Saved " + t.size() + " reflections to strong.refl"));
	}

	@Test
	void unreadableFrameStopsWithTheFileNamedAndNoOutput() throws Exception {
		copyFrames();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(0, bragg(err, "import", dir.resolve("frame_####.cbf").toString()), err.toString());
		Path bad = dir.resolve("frame_0003.cbf");
		byte[] b = Files.readAllBytes(bad);
		Files.write(bad, Arrays.copyOf(b, b.length - 200_000));
		err.reset();
		assertEquals(1, bragg(err, "find_spots", "imported.expt"));
		String msg = err.toString(StandardCharsets.UTF_8).strip();
		assertEquals(1, msg.lines().count(), msg);
		assertTrue(msg.contains("frame_0003.cbf"), msg);
		assertFalse(Files.exists(dir.resolve("strong.refl")), "no partial strong.refl");
	}
}
