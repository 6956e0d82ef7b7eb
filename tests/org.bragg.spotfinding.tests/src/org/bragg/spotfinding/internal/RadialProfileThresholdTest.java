package org.bragg.spotfinding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** radial_profile on a radially symmetric, non-Poisson background. */
class RadialProfileThresholdTest {

	@Test
	void medianAndIqrAsDialsBinnedStatistics() {
		assertEquals(0, RadialProfileThreshold.median(new double[0]), 0);
		assertEquals(2.5, RadialProfileThreshold.median(new double[] { 1, 2, 3, 4 }), 0);
		assertEquals(3, RadialProfileThreshold.median(new double[] { 1, 2, 3, 4, 5 }), 0);
		assertEquals(1.5, RadialProfileThreshold.median(new double[] { 1, 2 }), 0);
		// (n−1)·q positions: n = 5 → 1 and 3 → q1 = 2, q3 = 4
		assertEquals(2, RadialProfileThreshold.iqr(new double[] { 1, 2, 3, 4, 5 }), 0);
		// n = 4 → 0.75 and 2.25 → 1.75 and 3.25
		assertEquals(1.5, RadialProfileThreshold.iqr(new double[] { 1, 2, 3, 4 }), 1e-15);
		assertEquals(0, RadialProfileThreshold.iqr(new double[] { 7 }), 0);
	}

	@Test
	void findsSpotsOnASteepRadialHalo() {
		int w = 256, h = 256;
		double cx = 128, cy = 128;
		double[] tt = new double[w * h];
		double[] lambda = new double[w * h];
		for (int j = 0; j < h; j++)
			for (int i = 0; i < w; i++) {
				double r = Math.hypot(i - cx, j - cy);
				tt[j * w + i] = Math.atan(r * 0.1 / 100);
				lambda[j * w + i] = 2000 / (1 + (r / 20) * (r / 20));
			}
		int[][] spots = { { 60, 70 }, { 200, 180 }, { 140, 40 }, { 30, 200 } };
		for (int[] s : spots)
			for (int dy = -2; dy <= 2; dy++)
				for (int dx = -2; dx <= 2; dx++) lambda[(s[1] + dy) * w + s[0] + dx] += 3000 * Math.exp(-(dx * dx + dy * dy) / 2.0);
		Random r = new Random(4);
		int[] v = new int[w * h];
		for (int k = 0; k < v.length; k++) v[k] = DispersionKernelsTest.poisson(r, lambda[k]);
		boolean[] mask = new boolean[v.length];
		Arrays.fill(mask, true);
		boolean[] dst = new boolean[v.length];
		new RadialProfileThreshold(6, null, 100, 1.0, tt, w, h).threshold(PanelImage.of(w, h, v), mask, dst);
		for (int[] s : spots) assertTrue(dst[s[1] * w + s[0]], "spot centre at " + Arrays.toString(s));
		int[] sizes = DispersionKernelsTest.componentSizes(dst, w, h);
		int big = 0;
		for (int n : sizes) if (n >= 3) big++;
		assertEquals(spots.length, big, "only the spots form components of 3 or more pixels");
		// a blurred version still finds them
		new RadialProfileThreshold(6, "narrow", 100, 1.0, tt, w, h).threshold(PanelImage.of(w, h, v), mask, dst);
		for (int[] s : spots) assertTrue(dst[s[1] * w + s[0]]);
	}
}
