package org.bragg.ui.rlv.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bragg.io.ReflectionTableIO;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.ui.rlv.RlvMapper;
import org.bragg.ui.rlv.RlvPoints;
import org.junit.jupiter.api.Test;

/**
 * The mapping to reciprocal space on DIALS 3.12 results: with the refined models the strong spots sit
 * on the refined lattice (fractional indices close to integers), a wrong beam centre or distance moves
 * them off it, and nudging the geometry back puts them back — what a user sees as lines straightening
 * in the viewer.
 */
class RlvMapperTest {

	@Test
	void xray1a8oSpotsLieOnTheRefinedLattice() throws Exception {
		ExperimentList refined = RlvTestData.experiments("sim_xray_1a8o_p43212/dials_reference/refined.expt");
		ReflectionTable strong = RlvTestData.reflections("sim_xray_1a8o_p43212/dials_reference/strong.refl");
		Mat3 a = refined.get(0).crystal().a();
		RlvPoints p = RlvMapper.map(refined, strong, false);
		assertEquals(strong.size(), p.size());
		double f = RlvTestData.fractionNearInteger(p, a, 0.1);
		// DIALS indexes 100 % of the 16 516 spots of this simulated sweep
		assertTrue(f > 0.95, "fraction within 0.1 of integer hkl: " + f);
		assertTrue(p.dMin() > 1.3 && p.dMin() < 1.6, "d_min of the spots " + p.dMin() + " Å (data to about 1.46 Å)");
		double[] z = p.frameRange();
		assertTrue(z[0] >= 0 && z[1] <= 60 && z[1] - z[0] > 55, "frames " + z[0] + "–" + z[1]);

		// a beam centre 0.5 mm off (about 3 px) takes most spots off the lattice ...
		Detector.Intersection bc = RlvMapper.beamCentre(refined);
		ExperimentList off = RlvMapper.withBeamCentre(refined, bc.panel(), bc.xMm() + 0.5, bc.yMm());
		Detector.Intersection moved = RlvMapper.beamCentre(off);
		assertEquals(bc.xMm() + 0.5, moved.xMm(), 1e-9);
		assertEquals(bc.yMm(), moved.yMm(), 1e-9);
		assertEquals(RlvMapper.distance(refined), RlvMapper.distance(off), 1e-9);
		double fOff = RlvTestData.fractionNearInteger(RlvMapper.map(off, strong, false), a, 0.1);
		assertTrue(fOff < f - 0.3, "beam centre +0.5 mm: " + fOff + " vs " + f);
		// ... and nudging it back restores the lattice exactly
		ExperimentList back = RlvMapper.withBeamCentre(off, bc.panel(), bc.xMm(), bc.yMm());
		RlvPoints pb = RlvMapper.map(back, strong, false);
		for (int i = 0; i < p.size() * 3; i += 997) assertEquals(p.xyz()[i], pb.xyz()[i], 1e-6);

		// a distance 3 % long shrinks the lattice radially
		double dist = RlvMapper.distance(refined);
		ExperimentList far = RlvMapper.withDistance(refined, dist * 1.03);
		assertEquals(dist * 1.03, RlvMapper.distance(far), 1e-9);
		double fFar = RlvTestData.fractionNearInteger(RlvMapper.map(far, strong, false), a, 0.1);
		assertTrue(fFar < f - 0.3, "distance +3 %: " + fFar + " vs " + f);
	}

	@Test
	void crystalFramePutsIndexedSpotsAtBh() throws Exception {
		ExperimentList refined = RlvTestData.experiments("sim_xray_1a8o_p43212/dials_reference/refined.expt");
		ReflectionTable strong = RlvTestData.reflections("sim_xray_1a8o_p43212/dials_reference/strong.refl");
		Crystal c = refined.get(0).crystal();
		Mat3 u = RlvMapper.orientationU(c);
		assertTrue(u.times(u.transpose()).approxEquals(Mat3.IDENTITY, 1e-9), "U is orthogonal");
		assertEquals(1, u.determinant(), 1e-9);
		RlvPoints lab = RlvMapper.map(refined, strong, false);
		int n = RlvTestData.assignIndices(strong, lab, c.a());
		assertTrue(n > 0.95 * strong.size(), n + " of " + strong.size() + " indexed");
		RlvPoints cf = RlvMapper.map(refined, strong, true);
		assertTrue(cf.crystalFrame());
		Vec3[] bstar = RlvMapper.reciprocalBasis(c, true);
		int[] hkl = strong.get(org.bragg.model.reflection.Columns.MILLER_INDEX);
		int checked = 0;
		double worst = 0;
		for (int i = 0; i < cf.size(); i++) {
			if (!cf.indexed()[i]) continue;
			Vec3 bh = bstar[0].times(hkl[3 * i]).plus(bstar[1].times(hkl[3 * i + 1])).plus(bstar[2].times(hkl[3 * i + 2]));
			double dx = cf.xyz()[3 * i] - bh.x(), dy = cf.xyz()[3 * i + 1] - bh.y(), dz = cf.xyz()[3 * i + 2] - bh.z();
			// 0.3 of the shortest reciprocal axis (c* = 1/88.9 Å⁻¹) at most, as the assignment tolerance
			worst = Math.max(worst, Math.sqrt(dx * dx + dy * dy + dz * dz));
			checked++;
		}
		assertTrue(checked > 15000, "checked " + checked);
		assertTrue(worst < 0.3 * Math.sqrt(3) / 41.9, "largest |r − B·h| " + worst + " Å⁻¹");
		// B is lower triangular in cctbx: c* lies along z of the crystal frame
		assertEquals(0, bstar[2].x(), 1e-12);
		assertEquals(0, bstar[2].y(), 1e-12);
	}

	@Test
	void electronDiffraction1hpvLiesOnTheLatticeOnlyWithTheRefinedDistance() throws Exception {
		ExperimentList refined = RlvTestData.experiments("sim_ed_1hpv_p61/dials_reference/refined.expt");
		ExperimentList imported = RlvTestData.experiments("sim_ed_1hpv_p61/dials_reference/imported.expt");
		ReflectionTable strong = ReflectionTableIO.read(RlvTestData.edStrongSpots());
		// scan-varying crystal: A at each spot's scan point
		Crystal a = refined.get(0).crystal();
		assertTrue(a.isScanVarying());
		RlvPoints p = RlvMapper.map(refined, strong, false);
		double f = RlvTestData.fractionNearInteger(p, a, 0.1);
		// DIALS indexes 96.9 % of these spots
		assertTrue(f > 0.85, "fraction within 0.1 of integer hkl: " + f);
		// electron wavelength (0.0251 Å): the Ewald sphere is almost flat, spots reach d ≈ 2 Å
		assertTrue(p.dMin() > 1.5 && p.dMin() < 2.6, "d_min " + p.dMin());
		// the header camera length (1600 mm) is 0.7 % shorter than refined: with it the spots leave the refined lattice
		double dImported = RlvMapper.distance(imported), dRefined = RlvMapper.distance(refined);
		assertTrue(Math.abs(dImported / dRefined - 1) > 0.005, dImported + " vs " + dRefined);
		double fImp = RlvTestData.fractionNearInteger(RlvMapper.map(RlvMapper.withDistance(refined, dImported), strong, false), a, 0.1);
		assertTrue(fImp < f - 0.2, "with the header distance: " + fImp + " vs " + f);
	}
}
