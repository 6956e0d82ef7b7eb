package org.bragg.spotfinding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.bragg.spotfinding.internal.DispersionExtendedThreshold;
import org.bragg.spotfinding.internal.PanelImage;
import org.junit.jupiter.api.Test;

/** The image-viewer threshold maps. */
class ThresholdDebugTest {

	@Test
	void mapsOfEveryMode() {
		int w = 90, h = 70;
		Random r = new Random(2);
		int[] v = new int[w * h];
		for (int k = 0; k < v.length; k++) v[k] = SyntheticData.poisson(r, 2);
		for (int dy = -2; dy <= 2; dy++) for (int dx = -2; dx <= 2; dx++) v[(35 + dy) * w + 45 + dx] += (int) (500 * Math.exp(-(dx * dx + dy * dy) / 2.0));
		boolean[] mask = new boolean[v.length];
		Arrays.fill(mask, true);
		SpotFindingParameters.Threshold t = SpotFindingParameters.Threshold.defaults();
		ThresholdDebug d = ThresholdDebug.compute(v, mask, w, h, t);
		boolean[] expected = new boolean[v.length];
		new DispersionExtendedThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, Double.NaN).threshold(PanelImage.of(w, h, v), mask, expected);
		assertArrayEquals(expected, d.mask(ThresholdDebug.Mode.THRESHOLD));
		assertTrue(d.mask(ThresholdDebug.Mode.THRESHOLD)[35 * w + 45]);
		assertTrue(d.image(ThresholdDebug.Mode.DISPERSION)[35 * w + 45] > 2);
		assertEquals(2, d.image(ThresholdDebug.Mode.MEAN)[10 * w + 10], 1.5);
		for (ThresholdDebug.Mode m : ThresholdDebug.Mode.values()) assertEquals(w * h, d.asDoubles(m).length);
		assertThrows(IllegalArgumentException.class, () -> d.mask(ThresholdDebug.Mode.MEAN));
		assertThrows(IllegalArgumentException.class, () -> d.image(ThresholdDebug.Mode.GLOBAL));
		assertEquals(0, d.globalThreshold(), 0);
		ThresholdDebug auto = ThresholdDebug.compute(v, mask, w, h,
				new SpotFindingParameters.Threshold(ThresholdAlgorithm.DISPERSION, t.dispersion().withAutoGlobalThreshold(), t.radialProfile()));
		assertTrue(auto.globalThreshold() > 0, "Auto resolved from the image");
	}
}
