package org.bragg.spotfinding.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.bragg.model.reflection.ShoeboxMask;
import org.junit.jupiter.api.Test;

/** Centroid, variance, intensity, peak and shoebox of single spots, worked by hand. */
class SpotBuilderTest {
	static final int W = 20;

	/** Builds one component from (x, y, z, value) quadruples. */
	static StreamingLabeller.Component component(double[][] pixels) {
		List<StreamingLabeller.Component> out = new ArrayList<>();
		StreamingLabeller lab = new StreamingLabeller(W, 20, false, false, out::add);
		int zmin = Integer.MAX_VALUE, zmax = Integer.MIN_VALUE;
		for (double[] p : pixels) {
			zmin = Math.min(zmin, (int) p[2]);
			zmax = Math.max(zmax, (int) p[2]);
		}
		for (int z = zmin; z <= zmax; z++) {
			List<double[]> f = new ArrayList<>();
			for (double[] p : pixels) if ((int) p[2] == z) f.add(p);
			f.sort((a, b) -> Integer.compare((int) (a[1] * W + a[0]), (int) (b[1] * W + b[0])));
			int[] idx = new int[f.size()];
			double[] v = new double[f.size()];
			for (int i = 0; i < idx.length; i++) {
				idx[i] = (int) (f.get(i)[1] * W + f.get(i)[0]);
				v[i] = f.get(i)[3];
			}
			lab.addFrame(z, idx, v, idx.length);
		}
		lab.finish();
		assertEquals(1, out.size());
		return out.get(0);
	}

	@Test
	void singlePixel() {
		SpotBuilder.Spot s = SpotBuilder.build(component(new double[][] { { 5, 7, 2, 10 } }), 0, W);
		assertArrayEquals(new int[] { 5, 6, 7, 8, 2, 3 }, s.bbox());
		assertArrayEquals(new double[] { 5.5, 7.5, 2.5 }, s.xyz(), 0);
		assertArrayEquals(new double[] { 1.0 / 12, 1.0 / 12, 1.0 / 12 }, s.xyzVar(), 0, "W² = Σw²: DIALS falls back to 1/12");
		assertEquals(10, s.intensity(), 0);
		assertEquals(10, s.intensityVariance(), 0);
		assertEquals(1, s.nSignal());
		assertArrayEquals(new double[] { 5.5, 7.5, 2.5 }, s.peak(), 0);
	}

	@Test
	void twoPixelsWeightedMeanAndUnbiasedVariance() {
		SpotBuilder.Spot s = SpotBuilder.build(component(new double[][] { { 5, 7, 2, 10 }, { 6, 7, 2, 30 } }), 3, W);
		assertEquals(3, s.panel());
		assertArrayEquals(new double[] { 6.25, 7.5, 2.5 }, s.xyz(), 1e-15);
		// Σw(c−m)² = 10·0.75² + 30·0.25² = 7.5; unbiased 7.5·40/(1600 − 1000) = 0.5; /W = 0.0125
		assertEquals(0.0125 + 1.0 / 12, s.xyzVar()[0], 1e-15);
		assertEquals(1.0 / 12, s.xyzVar()[1], 1e-15);
		assertEquals(1.0 / 12, s.xyzVar()[2], 1e-15);
		assertArrayEquals(new double[] { 6.5, 7.5, 2.5 }, s.peak(), 0);
		assertEquals(40, s.intensity(), 0);
		int[] mask = s.shoebox().mask();
		assertArrayEquals(new int[] { ShoeboxMask.VALID | ShoeboxMask.FOREGROUND, ShoeboxMask.VALID | ShoeboxMask.FOREGROUND }, mask);
	}

	@Test
	void threeDimensionalSpotWithHoleInTheBox() {
		// L-shaped over two frames: (1,1,0)=4, (2,1,0)=2, (2,1,1)=6
		SpotBuilder.Spot s = SpotBuilder.build(component(new double[][] { { 1, 1, 0, 4 }, { 2, 1, 0, 2 }, { 2, 1, 1, 6 } }), 0, W);
		assertArrayEquals(new int[] { 1, 3, 1, 2, 0, 2 }, s.bbox());
		double w = 12;
		double mx = (4 * 0.5 + 2 * 1.5 + 6 * 1.5) / w, mz = (4 * 0.5 + 2 * 0.5 + 6 * 1.5) / w;
		assertEquals(1 + mx, s.xyz()[0], 1e-15);
		assertEquals(1.5, s.xyz()[1], 1e-15);
		assertEquals(mz, s.xyz()[2], 1e-15);
		double dz = 4 * (0.5 - mz) * (0.5 - mz) + 2 * (0.5 - mz) * (0.5 - mz) + 6 * (1.5 - mz) * (1.5 - mz);
		assertEquals(dz * w / (w * w - (16 + 4 + 36)) / w + 1.0 / 12, s.xyzVar()[2], 1e-15);
		// the box has 4 voxels, one not strong: mask 0, data 0
		assertArrayEquals(new float[] { 4, 2, 0, 6 }, s.shoebox().data());
		assertArrayEquals(new int[] { 5, 5, 0, 5 }, s.shoebox().mask());
		assertArrayEquals(new double[] { 2.5, 1.5, 1.5 }, s.peak(), 0, "peak = maximum 6 at (2,1,1)");
	}

	@Test
	void intensityIsAccumulatedInFloatAsDials() {
		SpotBuilder.Spot s = SpotBuilder.build(component(new double[][] { { 1, 1, 0, 0.1 }, { 2, 1, 0, 0.2 }, { 3, 1, 0, 0.3 } }), 0, W);
		float expected = 0f;
		expected += 0.1f;
		expected += 0.2f;
		expected += 0.3f;
		assertEquals((double) expected, s.intensity(), 0);
	}

	@Test
	void nonPositiveWeightsFallBackToTheBoxCentre() {
		SpotBuilder.Spot s = SpotBuilder.build(component(new double[][] { { 1, 1, 0, -1 }, { 2, 1, 0, -2 } }), 0, W);
		assertArrayEquals(new double[] { 2.0, 1.5, 0.5 }, s.xyz(), 0);
		assertArrayEquals(new double[] { 0, 0, 0 }, s.xyzVar(), 0);
		assertEquals(-3, s.intensity(), 0);
		assertEquals(3, s.intensityVariance(), 0);
	}

	@Test
	void peakCentroidDistanceIsThreeDimensional() {
		SpotBuilder.Spot s = SpotBuilder.build(component(new double[][] { { 1, 1, 0, 1 }, { 1, 1, 1, 1 }, { 1, 1, 2, 100 } }), 0, W);
		double dz = s.peak()[2] - s.xyz()[2];
		assertEquals(Math.abs(dz), s.peakCentroidDistance(), 1e-12);
	}
}
