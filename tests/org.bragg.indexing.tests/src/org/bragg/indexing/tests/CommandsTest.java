package org.bragg.indexing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bragg index} and {@code bragg search_beam_position} end to end on the 1a8o data. The command line
 * is called through {@code org.bragg.cli.Bragg.run} by reflection, so that the fragment also compiles
 * where only the core bundles are built ({@code dev/quick} without {@code org.bragg.cli}); there the
 * tests are skipped, while under Tycho the fragment requires {@code org.bragg.cli} and they always run.
 */
class CommandsTest {

	static int run(Path dir, ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) throws Exception {
		Class<?> bragg;
		try {
			bragg = Class.forName("org.bragg.cli.Bragg");
		} catch (ClassNotFoundException e) {
			assumeTrue(false, "org.bragg.cli is not on the class path");
			throw e;
		}
		java.lang.reflect.Method m = bragg.getMethod("run", String[].class, Path.class, PrintStream.class, PrintStream.class);
		return (Integer) m.invoke(null, args, dir, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	@Test
	void indexWritesExperimentsReflectionsAndLog(@TempDir Path dir) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int rc = run(dir, out, err, "index", TestData.file("sim_xray_1a8o_p43212/dials_reference/imported.expt").toString(),
				TestData.file("sim_xray_1a8o_p43212/dials_reference/strong.refl").toString(), "space_group=P43212");
		assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
		ExperimentList el = ExperimentListIO.read(dir.resolve("indexed.expt"));
		assertEquals(1, el.size());
		assertNotNull(el.get(0).crystal());
		ReflectionTable t = ReflectionTableIO.read(dir.resolve("indexed.refl"));
		assertEquals(16516, t.size());
		assertTrue(t.has(Columns.MILLER_INDEX) && t.has(Columns.XYZCAL_PX) && t.has(Columns.ID));
		assertEquals(el.get(0).identifier(), t.experimentIdentifiers().get(0), "reflections point at the experiment identifier");
		String log = Files.readString(dir.resolve("bragg.index.log"));
		assertTrue(log.contains("space_group = \"P43212\""), "the modified parameters are logged");
		assertTrue(log.contains("Saving refined experiments to indexed.expt") && log.contains("Saving refined reflections to indexed.refl"));
		assertTrue(log.contains("Space group: P 43 21 2"));
	}

	@Test
	void failureSaysWhatToTry(@TempDir Path dir) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int rc = run(dir, out, err, "index", TestData.file("sim_xray_1a8o_p43212/dials_reference/imported.expt").toString(),
				TestData.file("sim_xray_1a8o_p43212/dials_reference/strong.refl").toString(), "indexing.method=real_space_grid_search");
		assertEquals(1, rc, "a user error");
		String e = err.toString(StandardCharsets.UTF_8);
		assertTrue(e.contains("real_space_grid_search") && e.contains("unit_cell="), e);
		assertTrue(Files.notExists(dir.resolve("indexed.expt")), "no output on failure");
	}

	@Test
	void searchBeamPositionWritesOptimisedExperiments(@TempDir Path dir) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int rc = run(dir, out, err, "search_beam_position", TestData.file("sim_xray_1a8o_p43212/dials_reference/imported.expt").toString(),
				TestData.file("sim_xray_1a8o_p43212/dials_reference/strong.refl").toString());
		assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
		String o = out.toString(StandardCharsets.UTF_8);
		assertTrue(o.contains("Old beam centre: 82.42, 91.02 mm (479.2, 529.2 px)"), o);
		assertTrue(o.contains("Shift: "));
		ExperimentList el = ExperimentListIO.read(dir.resolve("optimised.expt"));
		double[] c = el.get(0).detector().panel(0).beamCentreMm(el.get(0).beam().s0());
		assertEquals(82.53, c[0], 0.1, "DIALS: 82.53");
		assertEquals(90.97, c[1], 0.1, "DIALS: 90.97");
	}
}
