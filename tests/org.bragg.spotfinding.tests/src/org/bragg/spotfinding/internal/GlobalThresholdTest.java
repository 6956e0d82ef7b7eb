package org.bragg.spotfinding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** global_threshold=Auto against DIALS's estimate_global_threshold on deterministic images. */
class GlobalThresholdTest {
	@Test
	void matchesDials() {
		// DIALS 3.12: 25.0, 3.0 and 194.0 for these three images
		int[][] cases = { { 50, 20000, 25 }, { 7, 50000, 3 }, { 400, 30000, 194 } };
		for (int[] c : cases) {
			double[] v = new double[c[1]];
			for (int k = 0; k < v.length; k++) v[k] = ((k * 2654435761L) % 1000003) % c[0];
			assertEquals(c[2], GlobalThreshold.estimate(PanelImage.of(v.length, 1, v)), "M=" + c[0]);
		}
	}
}
