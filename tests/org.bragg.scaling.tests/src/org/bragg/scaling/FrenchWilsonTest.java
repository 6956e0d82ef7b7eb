package org.bragg.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.bragg.export.mtz.Mtz;
import org.bragg.export.mtz.MtzReader;
import org.junit.jupiter.api.Test;

/** French–Wilson against dials.merge's F/SIGF for the same IMEAN/SIGIMEAN, and limiting cases. */
class FrenchWilsonTest {
	@Test
	void matchesDialsMergedMtz() throws Exception {
		Mtz m = MtzReader.read(Fixtures.shared().resolve("sim_xray_1a8o_p43212/dials_reference/merged.mtz"));
		int n = m.numReflections();
		double[] h = m.column("H"), k = m.column("K"), l = m.column("L"), i = m.column("IMEAN"), s = m.column("SIGIMEAN"), F = m.column("F"), SF = m.column("SIGF");
		int[] hkl = new int[3 * n];
		double[] ds = new double[n];
		var cell = org.bragg.model.symmetry.UnitCell.of(m.cell());
		for (int r = 0; r < n; r++) {
			hkl[3 * r] = (int) h[r]; hkl[3 * r + 1] = (int) k[r]; hkl[3 * r + 2] = (int) l[r];
			ds[r] = cell.dStarSq(hkl[3 * r], hkl[3 * r + 1], hkl[3 * r + 2]);
		}
		FrenchWilson.Result fw = FrenchWilson.apply(hkl, ds, i, s, m.spaceGroup());
		double[] relF = new double[n], relS = new double[n];
		int c = 0;
		double weakMax = 0;
		for (int r = 0; r < n; r++) {
			if (Double.isNaN(F[r]) || Double.isNaN(fw.f()[r])) continue;
			relF[c] = Math.abs(fw.f()[r] - F[r]) / F[r];
			relS[c] = Math.abs(fw.sigF()[r] - SF[r]) / SF[r];
			if (i[r] / s[r] < 1) weakMax = Math.max(weakMax, relF[c]);
			if (relF[c] > 0.1 && Boolean.getBoolean("fw.debug")) System.out.printf("%s I=%.3f s=%.3f cen=%b mine=%.4f dials=%.4f%n", java.util.Arrays.toString(java.util.Arrays.copyOfRange(hkl, 3 * r, 3 * r + 3)), i[r], s[r], m.spaceGroup().isCentric(hkl[3 * r], hkl[3 * r + 1], hkl[3 * r + 2]), fw.f()[r], F[r]);
			c++;
		}
		double[] a = Arrays.copyOf(relF, c), b = Arrays.copyOf(relS, c);
		Arrays.sort(a);
		Arrays.sort(b);
		System.out.printf("French-Wilson vs DIALS: %d reflections, F rel. diff median %.2e p90 %.2e p97 %.2e p99 %.2e max %.2e; SIGF median %.2e p99 %.2e; weak (I/σ<1) max %.3f%n",
				c, a[c / 2], a[(int) (0.90 * c)], a[(int) (0.97 * c)], a[(int) (0.99 * c)], a[c - 1], b[c / 2], b[(int) (0.99 * c)], weakMax);
		// DIALS rejects none of these; Bragg rejects at most one borderline (I/σ ≈ −3.7) reflection
		assertTrue(fw.nRejected() <= 1, "rejected " + fw.nRejected());
		assertTrue(c > 9800);
		assertTrue(a[c / 2] < 1e-3, "median |ΔF|/F " + a[c / 2]);
		// weak high-resolution reflections differ by up to ~30% (DIALS's F exceeds the posterior mean that its own
		// tables give for these I, σ; under investigation), so only the bulk is held to 1%
		assertTrue(a[(int) (0.90 * c)] < 0.01, "90th percentile |ΔF|/F " + a[(int) (0.90 * c)]);
		assertTrue(a[(int) (0.97 * c)] < 0.10, "97th percentile |ΔF|/F " + a[(int) (0.97 * c)]);
		assertTrue(b[c / 2] < 0.01, "median |ΔσF|/σF " + b[c / 2]);
	}

	@Test
	void strongIntensitiesGiveSqrtI() {
		double[] m = FrenchWilson.posterior(10000, 10, false);
		assertEquals(100, m[0], 0.01);
		assertEquals(10 / (2 * 100.0), m[1], 0.002);
		double[] c = FrenchWilson.posterior(10000, 10, true);
		assertEquals(100, c[0], 0.01);
	}

	@Test
	void negativeIntensityGivesPositiveAmplitude() {
		double[] m = FrenchWilson.posterior(-20, 10, false);
		assertTrue(m[0] > 0 && m[1] > 0);
	}
}
