package org.bragg.symmetry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bragg.model.symmetry.AsuIndex;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;
import org.bragg.symmetry.SystematicAbsences;
import org.junit.jupiter.api.Test;

/** Screw-axis tests on synthetic merged data. */
class SystematicAbsencesTest {
	/** Merges synthetic observations in the point group of {@code sg} (weighted means). */
	static Object[] merge(SyntheticData d, SpaceGroup mx, boolean dropAxial) {
		Map<String, double[]> m = new HashMap<>();
		List<int[]> keys = new ArrayList<>();
		int[] h = d.hklArray();
		double[] i = d.iArray(), s = d.sigmaArray();
		for (int q = 0; q < i.length; q++) {
			int a0 = h[3 * q], a1 = h[3 * q + 1], a2 = h[3 * q + 2];
			if (dropAxial && ((a0 == 0 && a1 == 0) || (a1 == 0 && a2 == 0) || (a0 == 0 && a2 == 0))) continue;
			AsuIndex a = mx.toAsu(a0, a1, a2);
			String k = a.h() + "," + a.k() + "," + a.l();
			double[] v = m.get(k);
			if (v == null) {
				m.put(k, v = new double[2]);
				keys.add(new int[] { a.h(), a.k(), a.l() });
			}
			double w = 1 / (s[q] * s[q]);
			v[0] += w;
			v[1] += w * i[q];
		}
		int n = keys.size();
		int[] mh = new int[3 * n];
		double[] mi = new double[n], ms = new double[n];
		for (int q = 0; q < n; q++) {
			int[] k = keys.get(q);
			System.arraycopy(k, 0, mh, 3 * q, 3);
			double[] v = m.get(k[0] + "," + k[1] + "," + k[2]);
			mi[q] = v[1] / v[0];
			ms[q] = Math.sqrt(1 / v[0]);
		}
		return new Object[] { mh, mi, ms };
	}

	static SystematicAbsences.Result run(String laue, String truth, UnitCell cell, boolean dropAxial) {
		SyntheticData d = SyntheticData.generate(SpaceGroup.parse(truth), cell, 3.0, 0.9, null, 0, 0, 11);
		SpaceGroup mx = SpaceGroup.parse(truth).pointGroup();
		Object[] m = merge(d, mx, dropAxial);
		return SystematicAbsences.analyse(laue, (int[]) m[0], (double[]) m[1], (double[]) m[2], 0.95, x -> {});
	}

	@Test
	void p43212() {
		SystematicAbsences.Result r = run("P 4/m m m", "P 43 21 2", UnitCell.of(42, 42, 89, 90, 90, 90), false);
		assertEquals("P 41 21 2", r.best(), r.report());
		assertEquals("P 43 21 2", r.enantiomorph());
		assertTrue(r.axialDataPresent());
	}

	@Test
	void p61() {
		SystematicAbsences.Result r = run("P 6/m", "P 61", UnitCell.of(63.5, 63.5, 84, 90, 90, 120), false);
		assertEquals("P 61", r.best(), r.report());
		assertEquals("P 65", r.enantiomorph());
	}

	@Test
	void p6322() {
		SystematicAbsences.Result r = run("P 6/m m m", "P 63 2 2", UnitCell.of(63.5, 63.5, 84, 90, 90, 120), false);
		assertEquals("P 63 2 2", r.best(), r.report());
	}

	@Test
	void p222HasNoScrews() {
		SystematicAbsences.Result r = run("P m m m", "P 2 2 2", UnitCell.of(40, 50, 60, 90, 90, 90), false);
		assertEquals("P 2 2 2", r.best(), r.report());
	}

	@Test
	void noAxialReflectionsKeepsSymmorphicGroupAndSaysSo() {
		SystematicAbsences.Result r = run("P 4/m m m", "P 43 21 2", UnitCell.of(42, 42, 89, 90, 90, 90), true);
		assertEquals("P 4 2 2", r.best());
		assertFalse(r.axialDataPresent());
		assertTrue(r.report().contains("undetermined"), r.report());
		for (SystematicAbsences.ScrewAxisScore a : r.axes()) assertEquals(0, a.nPresent() + a.nAbsent());
	}
}
