package org.bragg.indexing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bragg.indexing.ReciprocalSpaceMapping;
import org.bragg.indexing.internal.MaxCellEstimator;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.junit.jupiter.api.Test;

/**
 * The rlp of every DIALS strong spot of {@code sim_xray_1a8o_p43212}, mapped with DIALS's refined
 * geometry ({@code indexed.expt}), lies on the lattice of DIALS's crystal: this checks px → mm with
 * parallax, the φ of the array index and the sense of rotation. The max_cell estimate reproduces
 * DIALS's 118.9 Å.
 */
class ReciprocalSpaceMappingTest {

	@Test
	void rlpsFallOnTheDialsLattice() throws Exception {
		ExperimentList el = TestData.experiments("sim_xray_1a8o_p43212/dials_reference/indexed.expt");
		ReflectionTable t = TestData.reflections("sim_xray_1a8o_p43212/dials_reference/strong.refl");
		t.put(Columns.IMAGESET_ID, new int[t.size()]);
		ReciprocalSpaceMapping.centroidPxToMm(el, t);
		ReciprocalSpaceMapping.mapCentroidsToReciprocalSpace(el, t);
		ReciprocalSpaceMapping.calculateEnteringFlags(el, t);
		Mat3 ainv = el.get(0).crystal().a().inverse();
		double[] rlp = t.get(Columns.RLP);
		int close = 0;
		double sum = 0;
		for (int i = 0; i < t.size(); i++) {
			Vec3 f = ainv.times(new Vec3(rlp[3 * i], rlp[3 * i + 1], rlp[3 * i + 2]));
			double d = Math.sqrt(Math.pow(f.x() - Math.rint(f.x()), 2) + Math.pow(f.y() - Math.rint(f.y()), 2) + Math.pow(f.z() - Math.rint(f.z()), 2));
			if (d < 0.1) close++;
			sum += d * d;
		}
		assertTrue(close > 0.97 * t.size(), close + " of " + t.size() + " within 0.1 of a lattice point");
		assertTrue(Math.sqrt(sum / t.size()) < 0.06, "rms fractional deviation " + Math.sqrt(sum / t.size()));
		// s1 has length 1/λ; φ in radians from the scan (0.5° per frame from 0°)
		double[] s1 = t.get(Columns.S1), mm = t.get(Columns.XYZOBS_MM_VALUE), px = t.get(Columns.XYZOBS_PX_VALUE);
		assertEquals(1 / el.get(0).beam().wavelength(), Math.sqrt(s1[0] * s1[0] + s1[1] * s1[1] + s1[2] * s1[2]), 1e-12);
		assertEquals(Math.toRadians(0.5 * px[2]), mm[2], 1e-12);
	}

	@Test
	void maxCellAsDials() throws Exception {
		ExperimentList el = TestData.experiments("sim_xray_1a8o_p43212/dials_reference/imported.expt");
		ReflectionTable t = TestData.reflections("sim_xray_1a8o_p43212/dials_reference/strong.refl");
		t.put(Columns.IMAGESET_ID, new int[t.size()]);
		ReciprocalSpaceMapping.centroidPxToMm(el, t);
		ReciprocalSpaceMapping.mapCentroidsToReciprocalSpace(el, t);
		ReciprocalSpaceMapping.calculateEnteringFlags(el, t);
		MaxCellEstimator.Estimate e = MaxCellEstimator.estimate(t, MaxCellEstimator.Settings.defaults());
		assertEquals(118.9, e.maxCell(), 0.05, "DIALS: Found max_cell: 118.9 Angstrom");
	}
}
