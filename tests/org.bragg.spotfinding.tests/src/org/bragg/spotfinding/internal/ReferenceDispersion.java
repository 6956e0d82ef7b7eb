package org.bragg.spotfinding.internal;

/**
 * A deliberately plain reference implementation of DIALS's dispersion thresholds for tests: a full
 * summed-area table of the whole image (as {@code DispersionThreshold::compute_sat}), per-pixel window
 * sums, and for dispersion_extended the two-pass Chebyshev distance transform followed by erosion,
 * exactly in the steps of DIALS's {@code local.h}. Slow and memory-hungry, but simple enough to check
 * by eye; the production kernels must agree with it bit for bit.
 */
final class ReferenceDispersion {
	private ReferenceDispersion() {}

	private static final double BIG = 1 << 24;

	/** Full SAT: m (int), x, y over included pixels below 2^24; row-major. */
	static Object[] sat(double[] src, boolean[] include, int w, int h) {
		int[] m = new int[w * h];
		double[] x = new double[w * h], y = new double[w * h];
		for (int j = 0, k = 0; j < h; j++) {
			int mm = 0;
			double xx = 0, yy = 0;
			for (int i = 0; i < w; i++, k++) {
				if (include[k] && src[k] < BIG) {
					mm += 1;
					xx += src[k];
					yy += src[k] * src[k];
				}
				if (j == 0) {
					m[k] = mm;
					x[k] = xx;
					y[k] = yy;
				} else {
					m[k] = m[k - w] + mm;
					x[k] = x[k - w] + xx;
					y[k] = y[k - w] + yy;
				}
			}
		}
		return new Object[] { m, x, y };
	}

	/** @return {m, x, y} of the clipped window of half-sizes (ky, kx) around (i, j) */
	static double[] window(Object[] sat, int w, int h, int i, int j, int ky, int kx) {
		int[] m = (int[]) sat[0];
		double[] x = (double[]) sat[1], y = (double[]) sat[2];
		int i0 = i - kx - 1, i1 = Math.min(i + kx, w - 1);
		int j0 = j - ky - 1, j1 = Math.min(j + ky, h - 1);
		double mm = 0, xx = 0, yy = 0;
		if (i0 >= 0 && j0 >= 0) {
			mm += m[j0 * w + i0] - (m[j1 * w + i0] + m[j0 * w + i1]);
			xx += x[j0 * w + i0] - (x[j1 * w + i0] + x[j0 * w + i1]);
			yy += y[j0 * w + i0] - (y[j1 * w + i0] + y[j0 * w + i1]);
		} else if (i0 >= 0) {
			mm -= m[j1 * w + i0];
			xx -= x[j1 * w + i0];
			yy -= y[j1 * w + i0];
		} else if (j0 >= 0) {
			mm -= m[j0 * w + i1];
			xx -= x[j0 * w + i1];
			yy -= y[j0 * w + i1];
		}
		mm += m[j1 * w + i1];
		xx += x[j1 * w + i1];
		yy += y[j1 * w + i1];
		return new double[] { mm, xx, yy };
	}

	static boolean[] dispersion(double[] src, boolean[] mask, int w, int h, int ky, int kx, double nb, double ns, double thr, int minCount, double gain) {
		int minC = minCount <= 0 ? (2 * ky + 1) * (2 * kx + 1) : minCount;
		Object[] sat = sat(src, mask, w, h);
		boolean[] dst = new boolean[w * h];
		for (int j = 0; j < h; j++) {
			for (int i = 0; i < w; i++) {
				int k = j * w + i;
				double[] s = window(sat, w, h, i, j, ky, kx);
				double m = s[0], x = s[1], y = s[2];
				if (mask[k] && m >= minC && x >= 0 && src[k] > thr) {
					if (Double.isNaN(gain)) {
						double a = m * y - x * x - x * (m - 1), b = m * src[k] - x, c = x * nb * Math.sqrt(2 * (m - 1)), d = ns * Math.sqrt(x * m);
						dst[k] = a > c && b > d;
					} else {
						double a = m * y - x * x, b = m * src[k] - x, c = gain * x * (m - 1 + nb * Math.sqrt(2 * (m - 1))), d = ns * Math.sqrt(gain * x * m);
						dst[k] = a > c && b > d;
					}
				}
			}
		}
		return dst;
	}

	/** Two-pass Chebyshev distance to the nearest pixel equal to {@code value}; outside the image is far. */
	static int[] chebyshev(boolean[] src, boolean value, int w, int h) {
		int[] d = new int[w * h];
		int far = w + h;
		for (int j = 0; j < h; j++) {
			for (int i = 0; i < w; i++) {
				int n = j > 0 ? d[(j - 1) * w + i] : far;
				int we = i > 0 ? d[j * w + i - 1] : far;
				int nw = j > 0 && i > 0 ? d[(j - 1) * w + i - 1] : far;
				int ne = j > 0 && i < w - 1 ? d[(j - 1) * w + i + 1] : far;
				d[j * w + i] = src[j * w + i] == value ? 0 : 1 + Math.min(Math.min(n, we), Math.min(ne, nw));
			}
		}
		for (int j = h; j > 0; j--) {
			for (int i = w; i > 0; i--) {
				int s = j < h ? d[j * w + i - 1] : far;
				int e = i < w ? d[(j - 1) * w + i] : far;
				int sw = j < h && i > 1 ? d[j * w + i - 2] : far;
				int se = j < h && i < w ? d[j * w + i] : far;
				int other = Math.min(Math.min(s, e), Math.min(se, sw));
				if (other < d[(j - 1) * w + i - 1]) d[(j - 1) * w + i - 1] = 1 + other;
			}
		}
		return d;
	}

	static boolean[] dispersionExtended(double[] src, boolean[] mask, int w, int h, int ky, int kx, double nb, double ns, double thr, int minCount,
			double gain) {
		int minC = minCount <= 0 ? (2 * ky + 1) * (2 * kx + 1) : minCount;
		Object[] sat = sat(src, mask, w, h);
		boolean[] dst = new boolean[w * h];
		for (int j = 0; j < h; j++) {
			for (int i = 0; i < w; i++) {
				int k = j * w + i;
				double[] s = window(sat, w, h, i, j, ky, kx);
				double m = s[0], x = s[1], y = s[2];
				if (mask[k] && m >= minC && x >= 0) {
					if (Double.isNaN(gain)) dst[k] = m * y - x * x - x * (m - 1) > x * nb * Math.sqrt(2 * (m - 1));
					else dst[k] = m * y - x * x > gain * x * (m - 1 + nb * Math.sqrt(2 * (m - 1)));
				}
			}
		}
		int[] dist = chebyshev(dst, false, w, h);
		int e = Math.min(ky, kx);
		for (int k = 0; k < dst.length; k++) dst[k] = mask[k] ? !(dst[k] && dist[k] >= e) : false;
		Object[] sat2 = sat(src, dst, w, h);
		boolean[] out = new boolean[w * h];
		for (int j = 0; j < h; j++) {
			for (int i = 0; i < w; i++) {
				int k = j * w + i;
				double[] s = window(sat2, w, h, i, j, ky + 2, kx + 2);
				double m = s[0], x = s[1];
				if (mask[k] && m >= 0 && x >= 0) {
					double mean = m >= 2 ? x / m : 0;
					boolean local = Double.isNaN(gain) ? src[k] >= mean + ns * Math.sqrt(mean) : src[k] >= mean + ns * Math.sqrt(gain * mean);
					out[k] = !dst[k] && src[k] > thr && local;
				}
			}
		}
		return out;
	}
}
