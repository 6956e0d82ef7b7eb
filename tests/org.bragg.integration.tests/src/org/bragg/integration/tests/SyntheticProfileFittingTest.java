package org.bragg.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bragg.integration.internal.ProfileFitting;
import org.junit.jupiter.api.Test;

/**
 * Profile fitting on the Kabsch grid: synthetic 3D Gaussian spots (σ = 0.4 of the grid half-width in ε1, ε2, ε3) on a
 * constant background with Poisson noise, fitted with the noiseless normalised profile over all ε3 slabs.
 */
class SyntheticProfileFittingTest {
	static final int N = ProfileFitting.N, N3 = ProfileFitting.N3;

	/** normalised Gaussian on the grid */
	static double[] gaussian() {
		double[] p = new double[N3];
		double s = 0, sig = 0.4 * ProfileFitting.GRID_SIZE;
		for (int z = 0, k = 0; z < N; z++)
			for (int y = 0; y < N; y++)
				for (int x = 0; x < N; x++, k++) {
					double dx = x - N / 2, dy = y - N / 2, dz = z - N / 2;
					p[k] = Math.exp(-0.5 * (dx * dx + dy * dy + dz * dz) / (sig * sig));
					s += p[k];
				}
		for (int k = 0; k < N3; k++) p[k] /= s;
		return p;
	}

	/** @return {mean prf, scatter var prf, mean reported var prf, mean sum, scatter var sum} */
	static double[] trials(double[] p, double intensity, double b, int n, long seed) {
		Random r = new Random(seed);
		double s = 0, s2 = 0, sv = 0, t = 0, t2 = 0;
		for (int i = 0; i < n; i++) {
			float[] g = new float[2 * N3];
			double sum = 0;
			for (int k = 0; k < N3; k++) {
				g[k] = SyntheticSummationTest.poisson(r, b + intensity * p[k]);
				g[N3 + k] = (float) b;
				sum += g[k] - b;
			}
			ProfileFitting.Fit fit = ProfileFitting.fit(new ProfileFitting.Grid(g, (1 << N) - 1), p, 1.0);
			assertTrue(fit.ok(), "fit failed in trial " + i);
			s += fit.intensity();
			s2 += fit.intensity() * fit.intensity();
			sv += fit.variance();
			t += sum;
			t2 += sum * sum;
		}
		double m = s / n, ms = t / n;
		return new double[] { m, s2 / n - m * m, sv / n, ms, t2 / n - ms * ms };
	}

	@Test
	void strongSpotsAreUnbiasedAndVarianceMatchesScatter() {
		double[] p = gaussian();
		double[] r = trials(p, 5000, 0.5, 400, 1);
		System.out.printf("prf strong: <I> %.1f (true 5000), scatter var %.0f, reported var %.0f; summation scatter var %.0f%n", r[0], r[1], r[2], r[4]);
		assertEquals(5000, r[0], 4 * Math.sqrt(r[1] / 400) + 0.002 * 5000);
		assertEquals(1.0, r[2] / r[1], 0.2);
	}

	@Test
	void weakSpotsAreUnbiasedWithLowerVarianceThanSummation() {
		double[] p = gaussian();
		double[] r = trials(p, 100, 1.0, 2000, 2);
		System.out.printf("prf weak: <I> %.2f (true 100), scatter var %.1f, reported var %.1f; summation <I> %.2f scatter var %.1f%n", r[0], r[1], r[2], r[3], r[4]);
		assertEquals(100, r[0], 4 * Math.sqrt(r[1] / 2000) + 1.0);
		assertEquals(1.0, r[2] / r[1], 0.2);
		assertTrue(r[1] < 0.5 * r[4], "prf variance " + r[1] + " not well below summation " + r[4]);
	}
}
