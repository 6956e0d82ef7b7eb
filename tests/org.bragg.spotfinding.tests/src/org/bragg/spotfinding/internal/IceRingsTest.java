package org.bragg.spotfinding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Ice Ih ring d-spacings as cctbx builds them (build_miller_set of P6₃/mmc, a 4.498, c 7.338 Å). */
class IceRingsTest {
	static final double[] ICE = { 4.498, 4.498, 7.338, 90, 90, 120 };

	@Test
	void dSpacingsMatchCctbx() {
		// cctbx: crystal.symmetry((4.498,4.498,7.338,90,90,120), space group 194).build_miller_set(False, d_min=1.5)
		double[] cctbx = { 3.895382, 3.669000, 3.440642, 2.670822, 2.249000, 2.071478, 1.947691, 1.917440, 1.882508, 1.834500, 1.720321, 1.659663,
				1.523655 };
		double[] d = IceRings.dSpacings(ICE, 1.5);
		assertEquals(cctbx.length, d.length);
		for (int i = 0; i < d.length; i++) assertEquals(cctbx[i], d[i], 5e-7);
	}

	@Test
	void systematicAbsences() {
		assertTrue(IceRings.isAbsent(0, 0, 1));
		assertTrue(IceRings.isAbsent(1, 1, 1));
		assertTrue(IceRings.isAbsent(1, -2, 3));
		assertTrue(!IceRings.isAbsent(1, 0, 1));
		assertTrue(!IceRings.isAbsent(0, 0, 2));
	}

	@Test
	void rangesAreSymmetricInInverseDSquared() {
		List<double[]> r = IceRings.ranges(ICE, 3.0, 0.002);
		assertEquals(3, r.size());
		double s = 1 / (3.895382 * 3.895382);
		assertEquals(s + 0.001, 1 / (r.get(0)[0] * r.get(0)[0]), 1e-6);
		assertEquals(s - 0.001, 1 / (r.get(0)[1] * r.get(0)[1]), 1e-6);
	}
}
