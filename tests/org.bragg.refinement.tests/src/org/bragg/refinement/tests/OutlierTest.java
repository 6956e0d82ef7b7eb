package org.bragg.refinement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bragg.refinement.RefinementParameters;
import org.bragg.refinement.internal.FastMcd;
import org.bragg.refinement.internal.Outliers;
import org.bragg.refinement.internal.Stats;
import org.junit.jupiter.api.Test;

class OutlierTest {
	@Test
	void chiSquaredQuantilesMatchBoost() {
		assertEquals(9.348403604496148, Stats.qchisq(0.975, 3), 1e-9); // boost quantile(chi_squared(3), 0.975)
		assertEquals(7.377758908227871, Stats.qchisq(0.975, 2), 1e-9);
		assertEquals(2.365973884375338, Stats.qchisq(0.5, 3), 1e-9);
	}

	private static double[][] gaussian(int n, long seed, int nOut) {
		Random r = new Random(seed);
		double[][] d = new double[3][n];
		for (int i = 0; i < n; i++) {
			d[0][i] = 0.03 * r.nextGaussian();
			d[1][i] = 0.02 * r.nextGaussian() + 0.3 * d[0][i];
			d[2][i] = 0.001 * r.nextGaussian();
			if (i < nOut) {
				d[0][i] += 0.5;
				d[2][i] -= 0.02;
			}
		}
		return d;
	}

	@Test
	void mcdFlagsTheExpectedFractionOfGaussianDataAndTheOutliers() {
		for (int n : new int[] { 400, 7000 }) {
			int nOut = n / 20;
			double[][] d = gaussian(n, 3, nOut);
			FastMcd m = new FastMcd(d, 0.5, 5, 300, 500, 2, 2, 100, new Random(42));
			double[][] ts = m.correctedTandS();
			double[] d2 = FastMcd.mahaDistSq(d, ts[0], ts[1]);
			double cut = Stats.qchisq(0.975, 3);
			int flaggedOut = 0, flaggedIn = 0;
			for (int i = 0; i < n; i++) if (d2[i] > cut) {
				if (i < nOut) flaggedOut++;
				else flaggedIn++;
			}
			assertEquals(nOut, flaggedOut, "all planted outliers found (n=" + n + ")");
			double frac = (double) flaggedIn / (n - nOut);
			System.out.printf("MCD n=%d: %.2f%% of inliers flagged%n", n, 100 * frac);
			assertTrue(frac > 0.01 && frac < 0.07, "fraction of Gaussian inliers flagged: " + frac);
		}
	}

	@Test
	void tukeyFlagsFarPoints() {
		double[][] d = gaussian(1000, 5, 10);
		Outliers.Data data = new Outliers.Data();
		data.n = 1000;
		data.id = new int[1000];
		data.panel = new int[1000];
		data.phiObs = new double[1000];
		data.resid = d;
		RefinementParameters.Outlier opt = RefinementParameters.Outlier.defaults();
		boolean[] out = Outliers.detect(data, RefinementParameters.OutlierAlgorithm.TUKEY, opt, null, 1, null);
		for (int i = 0; i < 10; i++) assertTrue(out[i]);
	}
}
