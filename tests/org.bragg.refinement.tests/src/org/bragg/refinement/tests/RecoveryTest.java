package org.bragg.refinement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bragg.model.Beam;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Progress;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.params.Phil;
import org.bragg.refinement.RefinementParameters;
import org.bragg.refinement.RefinementResult;
import org.bragg.refinement.Refiner;
import org.junit.jupiter.api.Test;

/** Refinement from perturbed geometry recovers the truth on synthetic observations. */
class RecoveryTest {

	static Experiment perturb(Experiment e, double dDist, double shift, double tiltRad, double rotRad, double cellScale, double beamTilt) {
		Detector d = e.detector();
		List<Panel> ps = new ArrayList<>();
		Mat3 tilt = Mat3.rotation(new Vec3(1, 0, 0), tiltRad);
		for (Panel p : d.panels()) {
			Vec3 o = tilt.times(p.origin()).plus(new Vec3(shift, -shift, -dDist));
			ps.add(p.withFrame(tilt.times(p.fastAxis()), tilt.times(p.slowAxis()), o));
		}
		Detector nd = d.withPanels(ps);
		if (d.hasExplicitHierarchy()) {
			var h = d.hierarchy();
			nd = nd.withHierarchy(new org.bragg.model.DetectorNode.Group(h.name(), h.type(), tilt.times(h.fastAxis()), tilt.times(h.slowAxis()),
					tilt.times(h.origin()).plus(new Vec3(shift, -shift, -dDist)), h.children()));
		}
		Mat3 r = Mat3.rotation(new Vec3(0.3, -0.5, 0.8), rotRad);
		Crystal c = e.crystal().withA(r.times(e.crystal().a()).times(1 / cellScale));
		Beam b = e.beam().withDirection(Mat3.rotation(new Vec3(0, 1, 0), beamTilt).times(e.beam().direction()));
		return e.withDetector(nd).withCrystal(c).withBeam(b);
	}

	/** Angle (degrees) of U₁·U₂ᵀ with U = A·B⁻¹ (B the cctbx B of each cell). */
	static double misorientationDeg(Crystal a, Crystal b) {
		double[] ua = org.bragg.refinement.internal.Configure.uAndB(a.a())[0], ub = org.bragg.refinement.internal.Configure.uAndB(b.a())[0];
		Mat3 d = Mat3.of(ua).times(Mat3.of(ub).transpose());
		return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (d.get(0, 0) + d.get(1, 1) + d.get(2, 2) - 1) / 2))));
	}

	/** Smallest misorientation over the rotations of the point group (indexing ambiguity). */
	static double misorientationDeg(Crystal a, Crystal b, org.bragg.model.symmetry.SpaceGroup sg) {
		double best = 180;
		for (var op : sg.symOps()) {
			int[] r = op.rotation();
			Mat3 m = new Mat3(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]);
			for (Mat3 mm : new Mat3[] { m, m.transpose() }) {
				Crystal c = Crystal.fromA(a.a().times(mm), a.spaceGroupHall());
				best = Math.min(best, misorientationDeg(c, b));
			}
		}
		return best;
	}

	static RefinementParameters params(String... a) throws Exception {
		return Phil.parse(List.of(a), RefinementParameters.class).params();
	}

	@Test
	void staticRotationRecoversTruth() throws Exception {
		Crystal truthXtal = Synthetic.crystal(new double[] { 41.98, 41.98, 88.92, 90, 90, 90 }, " P 4nw 2abw", 21);
		Experiment truth = Synthetic.rotation(Synthetic.singlePanel(150, true), truthXtal, 0.9795, 60, 0.5);
		ReflectionTable obs = Synthetic.observe(ExperimentList.of(truth), 1.8, 0.2, 0.1, 5);
		Experiment start = perturb(truth, 0.6, 0.15, 0.002, 0.003, 1.003, 0.0003);
		long t0 = System.nanoTime();
		List<String> log = new ArrayList<>();
		RefinementResult r = Refiner.refine(ExperimentList.of(start), obs, params("scan_varying=False"), Progress.NONE, log::add);
		System.out.println(String.join("\n", log));
		System.out.printf("static refinement of %d reflections took %.2f s%n", obs.size(), (System.nanoTime() - t0) / 1e9);
		Experiment e = r.experiments().get(0);
		double[] cell = e.crystal().unitCellParameters();
		assertEquals(41.98, cell[0], 41.98 * 2e-4);
		assertEquals(88.92, cell[2], 88.92 * 2e-4);
		assertEquals(truth.detector().panel(0).distance(), e.detector().panel(0).distance(), 0.02);
		assertTrue(e.detector().panel(0).origin().minus(truth.detector().panel(0).origin()).length() < 0.05);
		// orientation within 0.01°
		double angle = misorientationDeg(e.crystal(), truth.crystal());
		assertTrue(angle < 0.01, "orientation error " + angle + "°");
		var d = r.diagnostics();
		assertEquals(0.2, d.rmsdsByExperiment().get(0).rmsdX(), 0.03);
		assertEquals(3, d.correlations().size());
	}

	@Test
	void scanVaryingRecoversDrift() throws Exception {
		Crystal truthXtal = Synthetic.crystal(new double[] { 63.4, 63.4, 83.8, 90, 90, 120 }, " P 6", 31);
		Experiment truth = Synthetic.rotation(Synthetic.quad(1600), truthXtal, 0.0251, 120, 0.3);
		ExperimentList tl = ExperimentList.of(truth);
		ReflectionTable obs = Synthetic.observe(tl, 2.2, 0.2, 0.1, 6);
		Experiment start = perturb(truth, 0, 0.05, 0, 0.002, 1.002, 0.0001);
		List<String> log = new ArrayList<>();
		RefinementResult r = Refiner.refine(ExperimentList.of(start), obs, params("detector.fix_list=Dist,Tau2,Tau3", "beam.force_static=False"),
				Progress.NONE, log::add);
		System.out.println(String.join("\n", log));
		Experiment e = r.experiments().get(0);
		assertEquals(121, e.crystal().aAtScanPoints().size());
		assertEquals(121, e.beam().s0AtScanPoints().size());
		double[] cell = e.crystal().unitCellParametersAtScanPoint(60);
		assertEquals(63.4, cell[0], 63.4 * 3e-3);
		assertEquals(83.8, cell[2], 83.8 * 3e-3);
	}

	@Test
	void stillsRecoverTruth() throws Exception {
		Crystal truthXtal = Synthetic.crystal(new double[] { 57.8, 57.8, 150, 90, 90, 90 }, " P 4nw 2abw", 41);
		List<Experiment> exps = new ArrayList<>();
		Detector det = Synthetic.singlePanel(200, false);
		// twenty stills of the same crystal in different orientations share the beam and detector
		Beam beam = null;
		for (int i = 0; i < 20; i++) {
			Crystal c = truthXtal.withA(Mat3.rotation(new Vec3(1, 0.2 * i, -0.1 * i).normalize(), 0.05 * i).times(truthXtal.a()));
			Experiment e = Synthetic.still(det, c, 0.97);
			if (beam == null) beam = e.beam();
			exps.add(e.withBeam(beam).withIdentifier("still" + i));
		}
		ExperimentList truth = new ExperimentList(exps);
		ReflectionTable obs = Synthetic.observe(truth, 2.0, 0.3, 0, 8);
		// perturb the shared detector and every crystal
		Experiment p0 = perturb(exps.get(0), 0.3, 0.1, 0.001, 0.002, 1.002, 0);
		List<Experiment> start = new ArrayList<>();
		for (Experiment e : exps) {
			Crystal c = e.crystal().withA(Mat3.rotation(new Vec3(0.3, -0.5, 0.8), 0.002).times(e.crystal().a()).times(1 / 1.002));
			start.add(e.withDetector(p0.detector()).withCrystal(c));
		}
		List<String> log = new ArrayList<>();
		// a global rotation of beam, detector and crystals (and a rotation of detector and crystals about the
		// beam) leaves stills observations unchanged: fix the beam and Tau1 to define the frame
		RefinementResult r = Refiner.refine(new ExperimentList(start), obs, params("beam.fix=all", "detector.fix_list=Tau1"), Progress.NONE, log::add);
		System.out.println(String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size())));
		assertTrue(r.experiments().get(0).detector() == r.experiments().get(5).detector(), "shared detector stays shared");
		assertEquals(truth.get(0).detector().panel(0).distance(), r.experiments().get(0).detector().panel(0).distance(), 0.05);
		for (int i = 0; i < 20; i++) {
			double[] cell = r.experiments().get(i).crystal().unitCellParameters();
			assertEquals(57.8, cell[0], 57.8 * 1e-3);
			double mis = misorientationDeg(r.experiments().get(i).crystal(), truth.get(i).crystal());
			// stills carry no rotation information: the ΔΨ term (σ 1 mrad) pulls each relp onto the sphere, so the
			// orientation is only as good as the spread of the true ΔΨ (|ΔΨ| < 1.5 mrad in these data)
			assertTrue(mis < 0.1, "still " + i + " misorientation " + mis + "°");
		}
	}
}
