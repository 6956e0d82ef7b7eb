package org.bragg.spotfinding.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The dispersion kernels against a plain reference, analytic cases and edge cases. */
class DispersionKernelsTest {

	/** Poisson background (mean bg) with nSpots Gaussian spots; some pixels masked, some huge. */
	static double[] image(Random r, int w, int h, double bg, int nSpots, boolean integer) {
		double[] v = new double[w * h];
		double[] lambda = new double[w * h];
		Arrays.fill(lambda, bg);
		for (int s = 0; s < nSpots; s++) {
			double cx = r.nextDouble() * w, cy = r.nextDouble() * h, amp = 5 + r.nextDouble() * 400, sig = 0.6 + r.nextDouble() * 2;
			for (int y = Math.max(0, (int) (cy - 5 * sig)); y < Math.min(h, (int) (cy + 5 * sig) + 1); y++)
				for (int x = Math.max(0, (int) (cx - 5 * sig)); x < Math.min(w, (int) (cx + 5 * sig) + 1); x++)
					lambda[y * w + x] += amp * Math.exp(-((x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy)) / (2 * sig * sig));
		}
		for (int k = 0; k < v.length; k++) v[k] = poisson(r, lambda[k]);
		if (!integer) for (int k = 0; k < v.length; k++) v[k] /= 3.0;
		return v;
	}

	static int poisson(Random r, double mean) {
		if (mean > 60) return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
		double l = Math.exp(-mean), p = 1;
		int k = 0;
		do {
			k++;
			p *= r.nextDouble();
		} while (p > l);
		return k - 1;
	}

	static boolean[] mask(Random r, double[] v, int w, int h) {
		boolean[] m = new boolean[v.length];
		for (int k = 0; k < v.length; k++) m[k] = r.nextDouble() > 0.01;
		for (int x = 0; x < w; x++) m[(h / 3) * w + x] = false; // a module gap
		return m;
	}

	static boolean[] run(ThresholdKernel k, double[] v, boolean[] mask, int w, int h, boolean asInts) {
		boolean[] dst = new boolean[v.length];
		if (asInts) {
			int[] iv = new int[v.length];
			for (int i = 0; i < v.length; i++) iv[i] = (int) v[i];
			k.threshold(PanelImage.of(w, h, iv), mask, dst);
		} else k.threshold(PanelImage.of(w, h, v), mask, dst);
		return dst;
	}

	@Test
	void kernelsAgreeBitForBitWithTheReference() {
		Random r = new Random(42);
		int[][] sizes = { { 97, 61 }, { 160, 123 }, { 40, 300 }, { 17, 9 } };
		int[][] kernels = { { 3, 3 }, { 2, 4 }, { 1, 1 } };
		double[] gains = { Double.NaN, 1.0, 2.5 };
		int cases = 0;
		for (int[] sz : sizes) {
			int w = sz[0], h = sz[1];
			for (boolean integer : new boolean[] { true, false }) {
				double[] v = image(r, w, h, integer ? 1.5 : 12.0, w * h / 400 + 2, integer);
				v[(h / 2) * w + w / 2] = (1 << 24) + 3; // excluded from the windows but still a candidate
				boolean[] m = mask(r, v, w, h);
				for (int[] ks : kernels) {
					for (double g : gains) {
						for (double thr : new double[] { 0, 4 }) {
							int minLocal = ks[0] == 1 ? 0 : 2;
							boolean[] ref = ReferenceDispersion.dispersion(v, m, w, h, ks[0], ks[1], 6, 3, thr, minLocal, g);
							boolean[] refExt = ReferenceDispersion.dispersionExtended(v, m, w, h, ks[0], ks[1], 6, 3, thr, minLocal, g);
							for (boolean asInts : integer ? new boolean[] { true, false } : new boolean[] { false }) {
								assertArrayEquals(ref, run(new DispersionThreshold(ks, 6, 3, thr, minLocal, g), v, m, w, h, asInts),
										"dispersion " + w + "x" + h + " k=" + Arrays.toString(ks) + " gain=" + g + " thr=" + thr);
								assertArrayEquals(refExt, run(new DispersionExtendedThreshold(ks, 6, 3, thr, minLocal, g), v, m, w, h, asInts),
										"dispersion_extended " + w + "x" + h + " k=" + Arrays.toString(ks) + " gain=" + g + " thr=" + thr);
								cases++;
							}
						}
					}
				}
			}
		}
		assertTrue(cases > 100);
	}

	@Test
	void reusedKernelsKeepNoStateBetweenImages() {
		// one instance per worker thread sees many images: buffers must not leak between them
		Random r = new Random(77);
		DispersionThreshold d = new DispersionThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, Double.NaN);
		DispersionExtendedThreshold e = new DispersionExtendedThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, Double.NaN);
		for (int t = 0; t < 6; t++) {
			int w = 60 + 7 * (t % 2), h = 50;
			double[] v = image(r, w, h, t % 3 == 0 ? 0.2 : 3, t == 2 ? 0 : 8, true);
			boolean[] m = mask(r, v, w, h);
			assertArrayEquals(ReferenceDispersion.dispersion(v, m, w, h, 3, 3, 6, 3, 0, 2, Double.NaN), run(d, v, m, w, h, true), "image " + t);
			assertArrayEquals(ReferenceDispersion.dispersionExtended(v, m, w, h, 3, 3, 6, 3, 0, 2, Double.NaN), run(e, v, m, w, h, true), "image " + t);
		}
	}

	@Test
	void erosionEqualsChebyshevDistanceCriterion() {
		Random r = new Random(5);
		for (int t = 0; t < 60; t++) {
			int w = 1 + r.nextInt(40), h = 1 + r.nextInt(40);
			double density = r.nextDouble();
			boolean[] a = new boolean[w * h];
			for (int k = 0; k < a.length; k++) a[k] = r.nextDouble() < density;
			for (int e = 1; e <= 4; e++) {
				int[] d = ReferenceDispersion.chebyshev(a, false, w, h);
				boolean[] expected = new boolean[a.length];
				for (int k = 0; k < a.length; k++) expected[k] = a[k] && d[k] >= e;
				boolean[] b = a.clone();
				boolean[] junk = new boolean[a.length];
				for (int k = 0; k < junk.length; k++) junk[k] = r.nextBoolean(); // stale work buffer
				DispersionExtendedThreshold.erode(b, junk, w, h, e - 1);
				assertArrayEquals(expected, b, w + "x" + h + " e=" + e);
			}
		}
	}

	@Test
	void flatPoissonBackgroundGivesNoSpots() {
		Random r = new Random(17);
		int w = 600, h = 500;
		for (double bg : new double[] { 0.3, 2, 20 }) {
			double[] v = image(r, w, h, bg, 0, true);
			boolean[] m = new boolean[v.length];
			Arrays.fill(m, true);
			for (ThresholdKernel k : new ThresholdKernel[] { new DispersionThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, Double.NaN),
					new DispersionExtendedThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, Double.NaN) }) {
				boolean[] dst = run(k, v, m, w, h, true);
				// strong pixels may occur, but not as spots of 3 or more connected pixels
				int[] sizes = componentSizes(dst, w, h);
				int big = 0;
				for (int s : sizes) if (s >= 3) big++;
				assertEquals(0, big, k.getClass().getSimpleName() + " on Poisson(" + bg + ")");
			}
		}
	}

	/** 4-connected component sizes of a 2D mask (simple flood fill). */
	static int[] componentSizes(boolean[] a, int w, int h) {
		boolean[] seen = new boolean[a.length];
		java.util.List<Integer> sizes = new java.util.ArrayList<>();
		int[] stack = new int[a.length];
		for (int k = 0; k < a.length; k++) {
			if (!a[k] || seen[k]) continue;
			int n = 0, sp = 0;
			stack[sp++] = k;
			seen[k] = true;
			while (sp > 0) {
				int p = stack[--sp];
				n++;
				int x = p % w, y = p / w;
				int[] nb = { x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1 };
				for (int q : nb) if (q >= 0 && a[q] && !seen[q]) {
					seen[q] = true;
					stack[sp++] = q;
				}
			}
			sizes.add(n);
		}
		return sizes.stream().mapToInt(Integer::intValue).toArray();
	}

	@Test
	void gainNormalisesTheDispersion() {
		// counts = 3 × Poisson: index of dispersion 3
		Random r = new Random(3);
		int w = 300, h = 200;
		double[] v = image(r, w, h, 5, 0, true);
		for (int k = 0; k < v.length; k++) v[k] *= 3;
		boolean[] m = new boolean[v.length];
		Arrays.fill(m, true);
		boolean[] noGain = run(new DispersionThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, Double.NaN), v, m, w, h, true);
		boolean[] gain3 = run(new DispersionThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, 3.0), v, m, w, h, true);
		assertTrue(count(noGain) > 500, "without the gain, noise is strong: " + count(noGain));
		assertTrue(count(gain3) < 10, "with gain 3: " + count(gain3));
	}

	@Test
	void pixelsAbove2To24AreLeftOutOfTheWindowSums() {
		Random r = new Random(8);
		int w = 80, h = 60;
		double[] v = image(r, w, h, 2, 4, true);
		boolean[] m = new boolean[v.length];
		Arrays.fill(m, true);
		int big = 30 * w + 40;
		v[big] = 1 << 24;
		boolean[] masked = m.clone();
		masked[big] = false;
		boolean[] a = run(new DispersionExtendedThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, Double.NaN), v, m, w, h, true);
		boolean[] b = run(new DispersionExtendedThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, Double.NaN), v, masked, w, h, true);
		for (int k = 0; k < v.length; k++) if (k != big) assertEquals(b[k], a[k], "pixel " + k);
	}

	@Test
	void tinyImagesAndEmptyMasks() {
		for (int[] sz : new int[][] { { 1, 1 }, { 1, 7 }, { 7, 1 }, { 2, 2 } }) {
			int w = sz[0], h = sz[1];
			double[] v = new double[w * h];
			Arrays.fill(v, 100);
			v[0] = 1000;
			boolean[] none = new boolean[v.length];
			boolean[] all = new boolean[v.length];
			Arrays.fill(all, true);
			for (boolean[] m : new boolean[][] { none, all }) {
				ThresholdKernel[] ks = { new DispersionThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, Double.NaN),
						new DispersionExtendedThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, Double.NaN),
						new RadialProfileThreshold(6, null, 10, 1.0, new double[v.length], w, h) };
				for (ThresholdKernel k : ks) {
					boolean[] dst = run(k, v, m, w, h, false);
					if (m == none) assertFalse(any(dst), k.getClass().getSimpleName() + " marks masked pixels");
				}
			}
		}
	}

	@Test
	void invalidParametersAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> new DispersionThreshold(new int[] { 3, 3 }, 6, 3, -1, 2, Double.NaN));
		assertThrows(IllegalArgumentException.class, () -> new DispersionThreshold(new int[] { 3, 3 }, 6, 3, 0, 1, Double.NaN));
		assertThrows(IllegalArgumentException.class, () -> new DispersionThreshold(new int[] { 3, 3 }, 6, 3, 0, 50, Double.NaN));
		assertThrows(IllegalArgumentException.class, () -> new DispersionExtendedThreshold(new int[] { 0, 3 }, 6, 3, 0, 2, Double.NaN));
		assertThrows(IllegalArgumentException.class, () -> new DispersionExtendedThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, 0.0));
		ThresholdKernel k = new DispersionThreshold(new int[] { 3, 3 }, 6, 3, 0, 2, Double.NaN);
		assertThrows(IllegalArgumentException.class, () -> k.threshold(PanelImage.of(2, 2, new int[4]), new boolean[3], new boolean[4]));
	}

	@Test
	void debugMapsAreConsistentWithTheThreshold() {
		Random r = new Random(12);
		int w = 120, h = 90;
		double[] v = image(r, w, h, 3, 12, true);
		boolean[] m = mask(r, v, w, h);
		DispersionThreshold d = new DispersionThreshold(new int[] { 3, 3 }, 6, 3, 2, 2, Double.NaN);
		ThresholdMaps maps = new ThresholdMaps(v.length);
		d.debug(PanelImage.of(w, h, v), m, maps);
		assertArrayEquals(run(d, v, m, w, h, false), maps.finalMask);
		DispersionExtendedThreshold e = new DispersionExtendedThreshold(new int[] { 3, 3 }, 6, 3, 2, 2, Double.NaN);
		ThresholdMaps me = new ThresholdMaps(v.length);
		e.debug(PanelImage.of(w, h, v), m, me);
		assertArrayEquals(run(e, v, m, w, h, false), me.finalMask);
		for (int k = 0; k < v.length; k++) {
			if (me.finalMask[k]) assertTrue(me.dispersionMask[k] && me.strongMask[k] && me.globalMask[k] && !me.backgroundMask[k]);
			if (maps.finalMask[k]) assertTrue(maps.dispersionMask[k] && maps.strongMask[k] && maps.globalMask[k]);
			if (maps.mean[k] > 0) assertEquals(maps.variance[k] / maps.mean[k], maps.dispersion[k], 1e-12);
		}
	}

	static int count(boolean[] b) {
		int c = 0;
		for (boolean x : b) if (x) c++;
		return c;
	}

	static boolean any(boolean[] b) { return count(b) > 0; }
}
