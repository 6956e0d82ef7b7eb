package org.bragg.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bragg.cli.Bragg;
import org.bragg.io.ExperimentListIO;
import org.bragg.model.ExperimentList;
import org.bragg.model.symmetry.SpaceGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bragg process} on the first 10 frames (5°) of the 1a8o sweep, the README's main job: every
 * step runs, the tetragonal lattice is found, and the MTZ files are written.
 */
class ProcessCommandTest {
	@TempDir Path dir;

	@Test
	void processTenFrames() throws Exception {
		Path images = SharedData.dataset("sim_xray_1a8o_p43212").resolve("images");
		for (int i = 1; i <= 10; i++) {
			String n = String.format("lyso1a8o_%04d.cbf.bz2", i);
			Files.copy(images.resolve(n), dir.resolve(n));
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int st = Bragg.run(new String[] { "process", dir.resolve("lyso1a8o_####.cbf.bz2").toString() }, dir,
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, st, err.toString(StandardCharsets.UTF_8));
		for (String f : new String[] { "imported.expt", "strong.refl", "indexed.expt", "indexed.refl", "reindexed.refl", "refined.expt",
				"refined.refl", "integrated.expt", "integrated.refl", "symmetrized.expt", "symmetrized.refl", "scaled.expt", "scaled.refl",
				"merged.mtz", "scaled.mtz", "bragg.process.log" })
			assertTrue(Files.exists(dir.resolve(f)), f + " written");
		ExperimentList refined = ExperimentListIO.read(dir.resolve("refined.expt"));
		double[] cell = refined.get(0).crystal().unitCellParameters();
		// truth a = b = 41.98, c = 88.92 Å (P4₃2₁2); 5° of data constrain the cell to a few 0.1 %
		assertEquals(41.98, cell[0], 0.2);
		assertEquals(41.98, cell[1], 0.2);
		assertEquals(88.92, cell[2], 0.4);
		SpaceGroup sg = SpaceGroup.fromHall(ExperimentListIO.read(dir.resolve("symmetrized.expt")).get(0).crystal().spaceGroupHall());
		assertEquals("4/mmm", sg.laueGroupSymbol().replace(" ", "").replace("P", ""), "Laue group of " + sg.hermannMauguin());
	}
}
