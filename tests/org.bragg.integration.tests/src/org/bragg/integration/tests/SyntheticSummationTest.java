package org.bragg.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bragg.integration.internal.Background;
import org.bragg.integration.internal.Summation;
import org.bragg.model.reflection.ShoeboxMask;
import org.junit.jupiter.api.Test;

/** Summation and background on synthetic 3D Gaussian spots with known intensity and Poisson noise. */
class SyntheticSummationTest {
	static final int NX = 15, NY = 15, NZ = 5;

	/** Expected counts per pixel: background b plus a Gaussian (σxy 1.2 px, σz 0.8 frame) of total intensity I over the box. */
	static double[] model(double intensity, double b, double planeX, double planeY) {
		double[] g = new double[NX * NY * NZ];
		double s = 0;
		for (int z = 0, k = 0; z < NZ; z++)
			for (int y = 0; y < NY; y++)
				for (int x = 0; x < NX; x++, k++) {
					double dx = x + 0.5 - NX / 2.0, dy = y + 0.5 - NY / 2.0, dz = z + 0.5 - NZ / 2.0;
					g[k] = Math.exp(-0.5 * (dx * dx + dy * dy) / 1.44 - 0.5 * dz * dz / 0.64);
					s += g[k];
				}
		double[] lam = new double[g.length];
		for (int z = 0, k = 0; z < NZ; z++)
			for (int y = 0; y < NY; y++)
				for (int x = 0; x < NX; x++, k++) lam[k] = intensity * g[k] / s + b + planeX * (x - NX / 2.0) + planeY * (y - NY / 2.0);
		return lam;
	}

	static int[] mask() {
		int[] m = new int[NX * NY * NZ];
		for (int z = 0, k = 0; z < NZ; z++)
			for (int y = 0; y < NY; y++)
				for (int x = 0; x < NX; x++, k++) {
					double dx = x + 0.5 - NX / 2.0, dy = y + 0.5 - NY / 2.0;
					m[k] = ShoeboxMask.VALID | (dx * dx + dy * dy <= 3.6 * 3.6 ? ShoeboxMask.FOREGROUND : ShoeboxMask.BACKGROUND);
				}
		return m;
	}

	static int poisson(Random r, double lam) {
		if (lam > 200) return (int) Math.max(0, Math.round(lam + Math.sqrt(lam) * r.nextGaussian()));
		double l = Math.exp(-lam), p = 1;
		int k = 0;
		do {
			k++;
			p *= r.nextDouble();
		} while (p > l);
		return k - 1;
	}

	/** Runs n trials; returns {mean I, empirical variance, mean reported variance, expected I}. */
	static double[] trials(String algo, double intensity, double b, int n, long seed) {
		double[] lam = model(intensity, b, 0, 0);
		int[] m0 = mask();
		double expected = 0;
		for (int k = 0; k < lam.length; k++) if ((m0[k] & ShoeboxMask.FOREGROUND) != 0) expected += lam[k] - b;
		Random r = new Random(seed);
		double s = 0, s2 = 0, sv = 0;
		for (int t = 0; t < n; t++) {
			float[] d = new float[lam.length];
			for (int k = 0; k < d.length; k++) d[k] = poisson(r, lam[k]);
			int[] m = m0.clone();
			double mu = switch (algo) {
			case "glm" -> Background.glm(d, m);
			case "simple" -> Background.simple(d, m, false);
			default -> 0;
			};
			Summation.Result res = Summation.integrate(d, m, NX, NY, NZ, mu, 1.0);
			assertTrue(res.success());
			s += res.intensity();
			s2 += res.intensity() * res.intensity();
			sv += res.variance();
		}
		double mean = s / n;
		return new double[] { mean, s2 / n - mean * mean, sv / n, expected };
	}

	@Test
	void summationWithGlmBackgroundIsUnbiasedAndVarianceMatchesScatter() {
		double[] r = trials("glm", 1000, 2.0, 3000, 42);
		System.out.printf("glm: <I> %.2f expected %.2f, scatter var %.1f, reported var %.1f%n", r[0], r[3], r[1], r[2]);
		double se = Math.sqrt(r[1] / 3000);
		assertEquals(r[3], r[0], 4 * se + 0.01 * r[3]);
		assertEquals(1.0, r[2] / r[1], 0.10);
	}

	@Test
	void summationWithSimpleBackgroundIsUnbiasedAndVarianceMatchesScatter() {
		double[] r = trials("simple", 500, 1.0, 3000, 7);
		System.out.printf("simple: <I> %.2f expected %.2f, scatter var %.1f, reported var %.1f%n", r[0], r[3], r[1], r[2]);
		double se = Math.sqrt(r[1] / 3000);
		assertEquals(r[3], r[0], 4 * se);
		assertEquals(1.0, r[2] / r[1], 0.10);
	}

	@Test
	void summationWithNullBackgroundOnZeroBackground() {
		double[] r = trials("null", 300, 0.0, 3000, 3);
		System.out.printf("null: <I> %.2f expected %.2f, scatter var %.1f, reported var %.1f%n", r[0], r[3], r[1], r[2]);
		double se = Math.sqrt(r[1] / 3000);
		assertEquals(r[3], r[0], 4 * se);
		assertEquals(1.0, r[2] / r[1], 0.10);
	}

	@Test
	void glmRecoversAConstantBackgroundDespiteAnOutlier() {
		Random r = new Random(5);
		int[] m = mask();
		float[] d = new float[m.length];
		for (int k = 0; k < d.length; k++) d[k] = poisson(r, 3.0);
		d[0] = 500; // a zinger in the background
		double mu = Background.glm(d, m);
		assertEquals(3.0, mu, 0.2);
		double mus = Background.simple(d, m.clone(), true);
		assertEquals(3.0, mus, 0.2);
	}

	@Test
	void linear2dRecoversAPlaneBackgroundAndUnbiasedIntensity() {
		double b0 = 5.0, gx = 0.3, gy = -0.2;
		double[] lam = model(800, b0, gx, gy);
		int[] m0 = mask();
		double expected = 0;
		double[] lamBg = model(0, b0, gx, gy);
		for (int k = 0; k < lam.length; k++) if ((m0[k] & ShoeboxMask.FOREGROUND) != 0) expected += lam[k] - lamBg[k];
		Random r = new Random(11);
		int n = 2000;
		double s = 0, s2 = 0, maxPlaneErr = 0;
		for (int t = 0; t < n; t++) {
			float[] d = new float[lam.length];
			for (int k = 0; k < d.length; k++) d[k] = poisson(r, lam[k]);
			int[] m = m0.clone();
			float[] bg = Background.linear2d(d, m, NX, NY, NZ);
			assertTrue(bg != null);
			Summation.Result res = Summation.integrate(d, m, bg, NX, NY, NZ, 1.0);
			s += res.intensity();
			s2 += res.intensity() * res.intensity();
			if (t == 0) for (int k = 0; k < bg.length; k++) maxPlaneErr = Math.max(maxPlaneErr, Math.abs(bg[k] - lamBg[k]));
		}
		// noiseless plane: recovered exactly
		float[] exact = new float[lamBg.length];
		for (int k = 0; k < exact.length; k++) exact[k] = (float) lamBg[k];
		float[] fit = Background.linear2d(exact, m0.clone(), NX, NY, NZ);
		for (int k = 0; k < fit.length; k++) assertEquals(lamBg[k], fit[k], 1e-3);
		double mean = s / n, se = Math.sqrt((s2 / n - mean * mean) / n);
		System.out.printf("linear2d: <I> %.2f expected %.2f (se %.2f); max plane error on one noisy shoebox %.2f counts%n", mean, expected, se, maxPlaneErr);
		assertEquals(expected, mean, 4 * se);
		// one noisy shoebox: the fitted plane is within about 1 count of the truth
		assertTrue(maxPlaneErr < 2.5);
	}
}
