package org.bragg.ui.core.internal;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.bragg.format.PanelData;
import org.bragg.ui.core.DecodedFrame;

/**
 * Max-pooled copies of a decoded frame for zoomed-out display: level k (k ≥ 1) of a panel holds, for
 * each 2<sup>k</sup> × 2<sup>k</sup> block of pixels, the maximum of its <em>valid</em> pixels (see
 * {@link DecodedFrame}), or a sentinel if none is valid ({@link Integer#MIN_VALUE} for integer frames,
 * NaN for floating-point frames). Levels are built down to about 64 pixels per side, at most 6 levels;
 * together they take a third of the frame's memory.
 *
 * <p>With the pyramid a fitted view of a 6M frame reads about 4 values per screen pixel from a small
 * array instead of 9 or more from the full frame, so spots stay visible and the re-map stays fast.
 * Built once per frame (the {@link org.bragg.ui.core.FrameCache} builds it on its decoding thread) and
 * kept while the frame is reachable. Thread-safe.
 */
public final class MaxPyramid {
	private static final Map<DecodedFrame, MaxPyramid> CACHE = Collections.synchronizedMap(new WeakHashMap<>());
	private static final int MAX_LEVELS = 6;

	/** One level of one panel: {@code w × h} block maxima, row-major. Exactly one array is non-null. */
	public record Level(int w, int h, int[] ints, double[] doubles) {}

	private final Level[][] levels;

	private MaxPyramid(DecodedFrame f) {
		levels = new Level[f.panelCount()][];
		for (int k = 0; k < levels.length; k++) levels[k] = build(f, k);
	}

	/** @return the pyramid of a frame, built on first use */
	public static MaxPyramid of(DecodedFrame frame) {
		MaxPyramid p = CACHE.get(frame);
		if (p == null) {
			p = new MaxPyramid(frame);
			CACHE.put(frame, p);
		}
		return p;
	}

	/** @return number of levels of a panel (0 for tiny panels) */
	public int levels(int panel) { return levels[panel].length; }

	/** @return level {@code k} (1 … {@link #levels}) of a panel */
	public Level level(int panel, int k) { return levels[panel][k - 1]; }

	private static Level[] build(DecodedFrame f, int k) {
		PanelData d = f.panel(k);
		int nf = d.nFast(), ns = d.nSlow();
		int count = 0;
		for (int w = nf, h = ns; count < MAX_LEVELS && Math.min(w, h) >= 128; w = (w + 1) / 2, h = (h + 1) / 2) count++;
		Level[] out = new Level[count];
		if (count == 0) return out;
		boolean[] m = f.mask(k);
		double lo = f.trustedMin(k);
		int w = (nf + 1) / 2, h = (ns + 1) / 2;
		if (d.isInteger()) {
			int[] src = d.ints();
			int[] dst = new int[w * h];
			java.util.Arrays.fill(dst, Integer.MIN_VALUE);
			for (int y = 0; y < ns; y++) {
				int row = (y >> 1) * w;
				for (int x = 0, i = y * nf; x < nf; x++, i++) {
					int v = src[i];
					if (v > lo && (m == null || m[i])) {
						int o = row + (x >> 1);
						if (v > dst[o]) dst[o] = v;
					}
				}
			}
			out[0] = new Level(w, h, dst, null);
			for (int l = 1; l < count; l++) {
				Level p = out[l - 1];
				int w2 = (p.w + 1) / 2, h2 = (p.h + 1) / 2;
				int[] q = new int[w2 * h2];
				java.util.Arrays.fill(q, Integer.MIN_VALUE);
				for (int y = 0; y < p.h; y++) {
					int row = (y >> 1) * w2;
					for (int x = 0, i = y * p.w; x < p.w; x++, i++) {
						int v = p.ints[i];
						int o = row + (x >> 1);
						if (v > q[o]) q[o] = v;
					}
				}
				out[l] = new Level(w2, h2, q, null);
			}
		} else {
			double[] src = d.doubles();
			double[] dst = new double[w * h];
			java.util.Arrays.fill(dst, Double.NaN);
			for (int y = 0; y < ns; y++) {
				int row = (y >> 1) * w;
				for (int x = 0, i = y * nf; x < nf; x++, i++) {
					double v = src[i];
					if (v > lo && (m == null || m[i])) {
						int o = row + (x >> 1);
						if (!(v <= dst[o])) dst[o] = v;
					}
				}
			}
			out[0] = new Level(w, h, null, dst);
			for (int l = 1; l < count; l++) {
				Level p = out[l - 1];
				int w2 = (p.w + 1) / 2, h2 = (p.h + 1) / 2;
				double[] q = new double[w2 * h2];
				java.util.Arrays.fill(q, Double.NaN);
				for (int y = 0; y < p.h; y++) {
					int row = (y >> 1) * w2;
					for (int x = 0, i = y * p.w; x < p.w; x++, i++) {
						double v = p.doubles[i];
						int o = row + (x >> 1);
						if (!Double.isNaN(v) && !(v <= q[o])) q[o] = v;
					}
				}
				out[l] = new Level(w2, h2, null, q);
			}
		}
		return out;
	}
}
