package org.bragg.spotfinding.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Streaming connected components against a brute-force flood fill of the whole volume. */
class StreamingLabellerTest {

	/** Labels a z-major volume with 6- (3D) or 4-connectivity (2D); labels in order of first voxel. */
	static int[] bruteForce(boolean[] vol, int w, int h, int d, boolean twoD) {
		int[] label = new int[vol.length];
		Arrays.fill(label, -1);
		int next = 0;
		int[] stack = new int[vol.length];
		for (int k = 0; k < vol.length; k++) {
			if (!vol[k] || label[k] >= 0) continue;
			int sp = 0;
			stack[sp++] = k;
			label[k] = next;
			while (sp > 0) {
				int p = stack[--sp];
				int x = p % w, y = (p / w) % h, z = p / (w * h);
				int[] nb = { x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1,
						!twoD && z > 0 ? p - w * h : -1, !twoD && z < d - 1 ? p + w * h : -1 };
				for (int q : nb) if (q >= 0 && vol[q] && label[q] < 0) {
					label[q] = next;
					stack[sp++] = q;
				}
			}
			next++;
		}
		return label;
	}

	@Test
	void componentsMatchAFloodFillIn3dAnd2d() {
		Random r = new Random(99);
		for (int t = 0; t < 40; t++) {
			int w = 1 + r.nextInt(30), h = 1 + r.nextInt(30), d = 1 + r.nextInt(8);
			double density = 0.05 + 0.5 * r.nextDouble();
			boolean[] vol = new boolean[w * h * d];
			for (int k = 0; k < vol.length; k++) vol[k] = r.nextDouble() < density;
			for (boolean twoD : new boolean[] { false, true }) {
				int[] ref = bruteForce(vol, w, h, d, twoD);
				List<StreamingLabeller.Component> out = new ArrayList<>();
				StreamingLabeller lab = new StreamingLabeller(w, h, twoD, false, out::add);
				for (int z = 0; z < d; z++) {
					int[] idx = new int[w * h];
					double[] val = new double[w * h];
					int n = 0;
					for (int k = 0; k < w * h; k++) if (vol[z * w * h + k]) {
						idx[n] = k;
						val[n++] = z * 1000 + k;
					}
					lab.addFrame(z + 5, idx, val, n);
				}
				lab.finish();
				int nref = Arrays.stream(ref).max().orElse(-1) + 1;
				assertEquals(nref, out.size(), "component count");
				assertEquals(nref, lab.numComponents());
				// same partition, and first-pixel keys in flood-fill (z, y, x) order
				out.sort((a, b) -> Long.compare(a.firstKey, b.firstKey));
				for (int c = 0; c < out.size(); c++) {
					StreamingLabeller.Component comp = out.get(c);
					for (int p = 0; p < comp.size; p++) {
						int voxel = (comp.z[p] - 5) * w * h + comp.index[p];
						assertEquals(c, ref[voxel], "voxel " + voxel);
						assertEquals((comp.z[p] - 5) * 1000 + comp.index[p], comp.value[p], 0);
					}
					long expectedFirst = Long.MAX_VALUE;
					for (int k = 0; k < vol.length; k++) if (ref[k] == c) {
						expectedFirst = k + 5L * w * h;
						break;
					}
					assertEquals(expectedFirst, comp.firstKey);
				}
				int total = out.stream().mapToInt(cc -> cc.size).sum();
				int strong = 0;
				for (boolean b : vol) if (b) strong++;
				assertEquals(strong, total);
			}
		}
	}

	@Test
	void finishedComponentsAreReleasedWhileStreaming() {
		// a spot on frames 0-1 must be emitted after frame 2 is added, before finish()
		int w = 10, h = 10;
		List<StreamingLabeller.Component> out = new ArrayList<>();
		StreamingLabeller lab = new StreamingLabeller(w, h, false, false, out::add);
		lab.addFrame(0, new int[] { 11, 12 }, new double[] { 1, 2 }, 2);
		lab.addFrame(1, new int[] { 12 }, new double[] { 3 }, 1);
		assertEquals(0, out.size());
		lab.addFrame(2, new int[] { 55 }, new double[] { 4 }, 1);
		assertEquals(1, out.size());
		assertEquals(3, out.get(0).size);
		lab.finish();
		assertEquals(2, out.size());
	}

	@Test
	void mergingAcrossFramesJoinsComponentsOpenedSeparately() {
		// two blobs on frame 0 joined by one pixel under both on frame 1 ("U" shape in z)
		int w = 8, h = 3;
		List<StreamingLabeller.Component> out = new ArrayList<>();
		StreamingLabeller lab = new StreamingLabeller(w, h, false, false, out::add);
		lab.addFrame(0, new int[] { 1, 3 }, new double[] { 1, 1 }, 2);
		lab.addFrame(1, new int[] { 1, 2, 3 }, new double[] { 1, 1, 1 }, 3);
		lab.finish();
		assertEquals(1, out.size());
		assertEquals(5, out.get(0).size);
		assertEquals(1, lab.numComponents());
	}

	@Test
	void hotPixelsAreStrongOnEveryFrame() {
		StreamingLabeller lab = new StreamingLabeller(10, 10, false, true, c -> {});
		lab.addFrame(0, new int[] { 1, 5, 9 }, new double[3], 3);
		lab.addFrame(1, new int[] { 5, 9, 20 }, new double[3], 3);
		lab.addFrame(2, new int[] { 2, 9 }, new double[2], 2);
		assertArrayEquals(new int[] { 9 }, lab.hotPixels());
	}

	@Test
	void framesMustBeConsecutiveAndIndicesIncreasing() {
		StreamingLabeller lab = new StreamingLabeller(10, 10, false, false, c -> {});
		lab.addFrame(0, new int[] { 1 }, new double[1], 1);
		assertThrows(IllegalArgumentException.class, () -> lab.addFrame(2, new int[] { 1 }, new double[1], 1));
		assertThrows(IllegalArgumentException.class, () -> lab.addFrame(1, new int[] { 3, 2 }, new double[2], 2));
	}

	@Test
	void rowEndsAreNotConnectedToTheNextRow() {
		int w = 5, h = 3;
		List<StreamingLabeller.Component> out = new ArrayList<>();
		StreamingLabeller lab = new StreamingLabeller(w, h, true, false, out::add);
		lab.addFrame(0, new int[] { 4, 5 }, new double[2], 2); // (4,0) and (0,1)
		assertEquals(2, out.size());
		Map<Long, Integer> sizes = new HashMap<>();
		for (StreamingLabeller.Component c : out) sizes.put(c.firstKey, c.size);
		assertEquals(new TreeMap<>(Map.of(4L, 1, 5L, 1)), new TreeMap<>(sizes));
	}
}
