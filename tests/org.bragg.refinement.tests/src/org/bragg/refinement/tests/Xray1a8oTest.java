package org.bragg.refinement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.refinement.Diagnostics;
import org.bragg.refinement.RefinementResult;
import org.bragg.refinement.Refiner;
import org.bragg.refinement.internal.SimpleIndexer;
import org.junit.jupiter.api.Test;

/** Refinement of sim_xray_1a8o_p43212 from DIALS's indexed model and strong spots. */
class Xray1a8oTest {
	static final String DS = "sim_xray_1a8o_p43212/dials_reference/";

	/** DIALS indexed.expt and strong.refl indexed by rounding (tolerance 0.3). */
	static Object[] input() throws Exception {
		ExperimentList el = ExperimentListIO.read(TestData.require(DS + "indexed.expt"));
		ReflectionTable strong = ReflectionTableIO.read(TestData.require(DS + "strong.refl"));
		int n = SimpleIndexer.assign(el, strong, 0.3);
		return new Object[] { el, strong, n };
	}

	@Test
	void refinesToTheTrueCellWithDialsLikeRmsds() throws Exception {
		Object[] in = input();
		ExperimentList el = (ExperimentList) in[0];
		ReflectionTable refl = (ReflectionTable) in[1];
		int nIndexed = (Integer) in[2];
		assertTrue(nIndexed > 0.99 * refl.size(), "indexed " + nIndexed + " of " + refl.size());
		// the tP setting recommended by refine_bravais_settings (cb_op a,b,c)
		Experiment e = el.get(0);
		el = ExperimentList.of(e.withCrystal(e.crystal().withSpaceGroupHall(SpaceGroup.fromSymbol("P 4").hallSymbol())));
		List<String> log = new ArrayList<>();
		long t0 = System.nanoTime();
		// as the DIALS pipeline: refine_bravais_settings refines the tP setting statically, then dials.refine
		RefinementResult bravais = Refiner.refine(el, refl, RecoveryTest.params("scan_varying=False"), Progress.NONE, s -> {});
		RefinementResult r = Refiner.refine(bravais.experiments(), refl, RecoveryTest.params(), Progress.NONE, log::add);
		double secs = (System.nanoTime() - t0) / 1e9;
		System.out.println(String.join("\n", log));
		double[] cell = r.experiments().get(0).crystal().unitCellParameters();
		System.out.printf("1a8o: %d indexed, refinement %.2f s, cell %.4f %.4f %.4f (truth 41.98 88.92, DIALS 41.973 88.943)%n", nIndexed, secs, cell[0], cell[1],
				cell[2]);
		assertEquals(41.98, cell[0], 41.98 * 5e-4);
		assertEquals(41.98, cell[1], 41.98 * 5e-4);
		assertEquals(88.92, cell[2], 88.92 * 5e-4);
		Diagnostics.ExperimentRmsd rm = r.diagnostics().rmsdsByExperiment().get(0);
		System.out.printf("1a8o RMSDs %.4f px %.4f px %.4f images (DIALS 0.2106 0.1448 0.1130)%n", rm.rmsdX(), rm.rmsdY(), rm.rmsdZ());
		assertTrue(rm.rmsdX() <= 1.1 * 0.2106, "RMSD X " + rm.rmsdX());
		assertTrue(rm.rmsdY() <= 1.1 * 0.1448, "RMSD Y " + rm.rmsdY());
		assertTrue(rm.rmsdZ() <= 1.1 * 0.1130, "RMSD Z " + rm.rmsdZ());
		assertEquals(61, r.experiments().get(0).crystal().aAtScanPoints().size());
		// orientation against the truth
		ExperimentList truth = ExperimentListIO.read(TestData.require("sim_xray_1a8o_p43212/images/truth.expt"));
		double mis = RecoveryTest.misorientationDeg(r.experiments().get(0).crystal(), truth.get(0).crystal(), SpaceGroup.fromSymbol("P 4 2 2"));
		System.out.printf("1a8o misorientation vs truth %.4f°%n", mis);
		assertTrue(mis < 0.05, "misorientation " + mis);
		var cr = r.experiments().get(0).crystal();
		double maxSv = 0;
		for (var asp : cr.aAtScanPoints()) maxSv = Math.max(maxSv, RecoveryTest.misorientationDeg(Crystal.fromA(asp, cr.spaceGroupHall()), cr));
		System.out.printf("1a8o scan-point orientation vs static: max %.4f°%n", maxSv);
	}

	/**
	 * Conventions of the scan-varying crystal (A at the starts of the images plus one, U and B at each point relative
	 * to the static model): with the beam and detector fixed (which removes the near-degeneracy of a common rotation of
	 * beam, detector and scan-varying crystal about a lab axis, see the org.bragg.refinement package documentation) the
	 * scan-varying orientation must stay on the static one and on the truth, for a crystal that does not move, and
	 * predict no worse.
	 */
	@Test
	void scanVaryingOrientationAgreesWithStaticAndTruth() throws Exception {
		Object[] in = input();
		ExperimentList el = (ExperimentList) in[0];
		ReflectionTable refl = (ReflectionTable) in[1];
		Experiment e = el.get(0);
		el = ExperimentList.of(e.withCrystal(e.crystal().withSpaceGroupHall(SpaceGroup.fromSymbol("P 4").hallSymbol())));
		RefinementResult st = Refiner.refine(el, refl, RecoveryTest.params("scan_varying=False"), Progress.NONE, s -> {});
		RefinementResult sv = Refiner.refine(st.experiments(), refl, RecoveryTest.params("scan_varying=True", "beam.fix=all", "detector.fix=all"),
				Progress.NONE, s -> {});
		Crystal c = sv.experiments().get(0).crystal(), c0 = st.experiments().get(0).crystal();
		assertEquals(61, c.aAtScanPoints().size(), "60 images: scan points at the start of each image plus one");
		assertEquals(0, RecoveryTest.misorientationDeg(c, c0), 1e-9, "the static model is not changed by the scan-varying run");
		Crystal truth = ExperimentListIO.read(TestData.require("sim_xray_1a8o_p43212/images/truth.expt")).get(0).crystal();
		SpaceGroup pg = SpaceGroup.fromSymbol("P 4 2 2");
		double maxStatic = 0, maxTruth = 0;
		for (var a : c.aAtScanPoints()) {
			Crystal ci = Crystal.fromA(a, c.spaceGroupHall());
			maxStatic = Math.max(maxStatic, RecoveryTest.misorientationDeg(ci, c));
			maxTruth = Math.max(maxTruth, RecoveryTest.misorientationDeg(ci, truth, pg));
		}
		double staticTruth = RecoveryTest.misorientationDeg(c0, truth, pg);
		var r0 = st.diagnostics().rmsdsByExperiment().get(0);
		var r1 = sv.diagnostics().rmsdsByExperiment().get(0);
		System.out.printf("1a8o scan-varying (beam, detector fixed): scan points vs static max %.4f°, vs truth max %.4f° (static vs truth %.4f°); "
				+ "RMSDs static %.4f %.4f px %.4f images, scan-varying %.4f %.4f px %.4f images%n", maxStatic, maxTruth, staticTruth, r0.rmsdX(), r0.rmsdY(),
				r0.rmsdZ(), r1.rmsdX(), r1.rmsdY(), r1.rmsdZ());
		assertTrue(maxStatic < 0.01, "scan-point orientation vs static " + maxStatic);
		assertTrue(maxTruth < staticTruth + 0.01 && maxTruth < 0.06, "scan-point orientation vs truth " + maxTruth);
		// X, Y and φ trade against each other; their squared RMSDs relative to the static ones must not grow in sum
		double q = sq(r1.rmsdX() / r0.rmsdX()) + sq(r1.rmsdY() / r0.rmsdY()) + sq(r1.rmsdZ() / r0.rmsdZ());
		assertTrue(q < 3.0, "scan-varying predicts worse than static: sum of squared RMSD ratios " + q);
	}

	private static double sq(double x) {
		return x * x;
	}
}
