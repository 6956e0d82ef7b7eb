package org.bragg.refinement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.refinement.RefinementResult;
import org.bragg.refinement.Refiner;
import org.bragg.refinement.Reindex;
import org.bragg.refinement.internal.SimpleIndexer;
import org.junit.jupiter.api.Test;

/** Electron diffraction (sim_ed_1hpv_p61): refinement with Dist/Tau2/Tau3 fixed and a scan-varying beam. */
class Ed1hpvTest {
	static final String DS = "sim_ed_1hpv_p61/dials_reference/";

	/**
	 * gain=3 strong spots: from dials_reference if present, else made once in the temp directory by Bragg's
	 * own find_spots in this JVM (its spots equal dials.find_spots's).
	 */
	static Path strongSpots() throws Exception {
		Path ref = TestData.root().resolve(DS + "strong.refl");
		if (Files.exists(ref)) return ref;
		Path dir = Path.of(System.getProperty("java.io.tmpdir"), "bragg-ed1hpv-strong-bragg");
		Path out = dir.resolve("strong.refl");
		if (Files.isRegularFile(out) && Files.size(out) > 0) return out;
		Files.createDirectories(dir);
		Path work = Files.createTempDirectory(dir, "run");
		Path imported = TestData.require(DS + "imported.expt");
		String json = Files.readString(imported, java.nio.charset.StandardCharsets.UTF_8)
				.replace("\"../images/", "\"" + TestData.root().resolve("sim_ed_1hpv_p61/images") + "/");
		Files.writeString(work.resolve("imported.expt"), json, java.nio.charset.StandardCharsets.UTF_8);
		java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
		java.io.PrintStream ps = new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8);
		int rc = org.bragg.cli.Bragg.run(new String[] { "find_spots", "imported.expt", "gain=3", "output.reflections=strong.refl" }, work, ps, ps);
		if (rc != 0) throw new AssertionError("bragg find_spots gain=3 failed (exit " + rc + "):\n" + log.toString(java.nio.charset.StandardCharsets.UTF_8));
		Files.move(work.resolve("strong.refl"), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		return out;
	}

	@Test
	void fixedDistanceRefinementRecoversTheCell() throws Exception {
		ExperimentList el = ExperimentListIO.read(TestData.require(DS + "indexed.expt"));
		ReflectionTable refl = ReflectionTableIO.read(strongSpots());
		int n = SimpleIndexer.assign(el, refl, 0.3);
		System.out.printf("ED: indexed %d of %d strong spots (%.1f%%)%n", n, refl.size(), 100.0 * n / refl.size());
		// reindex to the hP setting that refine_bravais_settings recommends (DIALS solution 12, cb_op -a,b,-c)
		Reindex.Result rx = Reindex.reindex(el, refl, "-a,b,-c", "P 6");
		el = rx.experiments();
		refl = rx.reflections();
		List<String> log = new ArrayList<>();
		// condition numbers with and without the electron-diffraction fixes, from the same start
		RefinementResult fixed = Refiner.refine(el, refl, RecoveryTest.params("detector.fix_list=Dist,Tau2,Tau3", "scan_varying=False",
				"refinery.journal.track_condition_number=True"), Progress.NONE, log::add);
		RefinementResult free = Refiner.refine(el, refl, RecoveryTest.params("scan_varying=False", "refinery.journal.track_condition_number=True"),
				Progress.NONE, log::add);
		double condFixed = fixed.diagnostics().finalConditionNumber(), condFree = free.diagnostics().finalConditionNumber();
		System.out.printf("ED condition number of the Jacobian: %.4g with Dist free, %.4g with detector.fix_list=Dist,Tau2,Tau3 (%.0f× lower)%n",
				condFree, condFixed, condFree / condFixed);
		assertTrue(condFree > 20 * condFixed, "fixing Dist/Tau2/Tau3 should reduce the condition number a lot");
		double[] cFree = free.experiments().get(0).crystal().unitCellParameters();
		double[] cFixed = fixed.experiments().get(0).crystal().unitCellParameters();
		System.out.printf("ED static cell, Dist free: %.3f %.3f; Dist fixed at the indexed %.2f mm: %.3f %.3f (truth 63.4 83.8; DIALS 63.536 83.911)%n",
				cFree[0], cFree[2], el.get(0).detector().hierarchy().origin().dot(el.get(0).detector().hierarchy().normal()), cFixed[0], cFixed[2]);
		assertEquals(63.4, cFree[0], 63.4 * 3e-3);
		assertEquals(83.8, cFree[2], 83.8 * 3e-3);
		// the ED protocol: camera length from the free refinement, then Dist/Tau2/Tau3 fixed with a scan-varying beam
		RefinementResult sv = Refiner.refine(free.experiments(), refl, RecoveryTest.params("detector.fix_list=Dist,Tau2,Tau3", "beam.force_static=False"),
				Progress.NONE, log::add);
		Experiment e = sv.experiments().get(0);
		double[] cell = e.crystal().unitCellParameters();
		System.out.printf("ED cell with Dist,Tau2,Tau3 fixed after a free refinement: %.3f %.3f %.3f %.2f %.2f %.2f%n", cell[0], cell[1], cell[2], cell[3], cell[4],
				cell[5]);
		assertEquals(63.4, cell[0], 63.4 * 3e-3);
		assertEquals(83.8, cell[2], 83.8 * 3e-3);
		assertEquals(121, e.beam().s0AtScanPoints().size(), "scan-varying beam written");
		assertEquals(121, e.crystal().aAtScanPoints().size());
		var rm = sv.diagnostics().rmsdsByExperiment().get(0);
		System.out.printf("ED RMSDs %.4f px %.4f px %.4f images (DIALS 0.116 0.158 0.124)%n", rm.rmsdX(), rm.rmsdY(), rm.rmsdZ());
		assertTrue(n > 0.96 * refl.size());
	}
}
