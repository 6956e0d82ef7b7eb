package org.bragg.spotfinding.internal;

/**
 * A summed-area table (integral image) of the count m, the sum x and (optionally) the sum of
 * squares y of the included pixels, kept only for the last {@code capacity} rows.
 *
 * <p><b>Definition:</b> for image row r and column i, {@code M[r][i]} = number of included pixels
 * (x', y') with x' ≤ i and y' ≤ r, and likewise {@code X} (Σ value) and {@code Y} (Σ value²). A
 * pixel is included if its {@code include} flag is set and its value is below 2<sup>24</sup>, the
 * limit DIALS uses to keep saturated or flagged pixels (e.g. Pilatus −2, 2<sup>24</sup>−1 and above)
 * out of the statistics.
 *
 * <p><b>Arithmetic:</b> each row is the previous row plus the running row prefix, evaluated in
 * exactly the order of DIALS's {@code DispersionThreshold::compute_sat} ({@code local.h}), with x and
 * y in {@code double} and m in {@code int}, so window sums (and therefore every threshold decision)
 * are bit-for-bit those of DIALS 3.12 for integer and floating-point images alike.
 *
 * <p><b>Memory layout:</b> a ring of {@code capacity} rows; image row r lives in slot
 * {@code r % capacity} of {@code m}, {@code x} and {@code y}, each slot one {@code width}-long array.
 * Memory is O(capacity·width) instead of the O(width·height) of a full table (a 16M frame would
 * need 320 MB per thread for a full table). A window of half-height k needs rows j−k−1 … j+k, so
 * {@code capacity} = 2k + 2.
 *
 * <p>Not thread-safe: one instance per thread.
 */
final class SatRing {
	/** Values at or above this are excluded from the sums (DIALS: {@code BIG = 1 << 24}). */
	static final double BIG = 1 << 24;

	final int width;
	final int capacity;
	private final double limit;
	final int[][] m;
	final double[][] x;
	final double[][] y;
	private final double[] row;
	private int next;

	/**
	 * @param width    row length in pixels
	 * @param capacity number of rows kept
	 * @param squares  whether to keep the sum of squares
	 */
	SatRing(int width, int capacity, boolean squares) {
		this(width, capacity, squares, BIG);
	}

	/**
	 * @param limit values at or above this are excluded ({@link #BIG}, or +∞ to include every flagged
	 *              pixel, as DIALS's {@code MeanAndVarianceFilterMasked} sums do)
	 */
	SatRing(int width, int capacity, boolean squares, double limit) {
		this.limit = limit;
		this.width = width;
		this.capacity = capacity;
		this.m = new int[capacity][width];
		this.x = new double[capacity][width];
		this.y = squares ? new double[capacity][width] : null;
		this.row = new double[width];
	}

	/** Starts a new image. */
	void reset() { next = 0; }

	/** @return the slot holding image row r (which must be among the last {@code capacity} rows built) */
	int slot(int r) { return r % capacity; }

	/**
	 * Builds the table rows up to and including {@code r} (rows already built are kept).
	 *
	 * @param image   the image (row length must equal {@link #width})
	 * @param include per-pixel inclusion flags, same layout as the image. Not modified.
	 */
	void buildThrough(int r, PanelImage image, boolean[] include) {
		final int w = width;
		final double[] v = row;
		final double big = limit;
		while (next <= r) {
			int j = next++;
			image.loadRow(j, v);
			int off = j * w;
			int s = j % capacity;
			int[] mr = m[s];
			double[] xr = x[s];
			double[] yr = y != null ? y[s] : null;
			int cm = 0;
			double cx = 0, cy = 0;
			if (j == 0) {
				for (int i = 0; i < w; i++) {
					double val = v[i];
					if (include[off + i] && val < big) {
						cm++;
						cx += val;
						cy += val * val;
					}
					mr[i] = cm;
					xr[i] = cx;
					if (yr != null) yr[i] = cy;
				}
			} else {
				int p = (j - 1) % capacity;
				int[] mp = m[p];
				double[] xp = x[p];
				double[] yp = y != null ? y[p] : null;
				if (yr != null) {
					for (int i = 0; i < w; i++) {
						double val = v[i];
						if (include[off + i] && val < big) {
							cm++;
							cx += val;
							cy += val * val;
						}
						mr[i] = mp[i] + cm;
						xr[i] = xp[i] + cx;
						yr[i] = yp[i] + cy;
					}
				} else {
					for (int i = 0; i < w; i++) {
						double val = v[i];
						if (include[off + i] && val < big) {
							cm++;
							cx += val;
						}
						mr[i] = mp[i] + cm;
						xr[i] = xp[i] + cx;
					}
				}
			}
		}
	}

	/**
	 * As {@link #buildThrough} with the inclusion flag {@code include[k] && !exclude[k]}, evaluated
	 * on the fly. Only the rows being built are read from {@code exclude}, so the caller may change
	 * rows of {@code exclude} that lie above the rows still to be built.
	 */
	void buildThroughExcluding(int r, PanelImage image, boolean[] include, boolean[] exclude) {
		final int w = width;
		final double[] v = row;
		final double big = limit;
		while (next <= r) {
			int j = next++;
			image.loadRow(j, v);
			int off = j * w;
			int s = j % capacity;
			int[] mr = m[s];
			double[] xr = x[s];
			double[] yr = y != null ? y[s] : null;
			int[] mp = j > 0 ? m[(j - 1) % capacity] : null;
			double[] xp = j > 0 ? x[(j - 1) % capacity] : null;
			double[] yp = j > 0 && y != null ? y[(j - 1) % capacity] : null;
			int cm = 0;
			double cx = 0, cy = 0;
			for (int i = 0; i < w; i++) {
				double val = v[i];
				if (include[off + i] && !exclude[off + i] && val < big) {
					cm++;
					cx += val;
					cy += val * val;
				}
				mr[i] = mp != null ? mp[i] + cm : cm;
				xr[i] = xp != null ? xp[i] + cx : cx;
				if (yr != null) yr[i] = yp != null ? yp[i] + cy : cy;
			}
		}
	}

	/**
	 * Window sums for every column of one output row: for column i the window spans columns
	 * max(0, i−kx) … min(width−1, i+kx) and rows j0+1 … j1 (j0 &lt; 0: from row 0), evaluated in DIALS's
	 * order ((d00 − (d10 + d01)) + d11). Split into edge and interior loops so that the interior loop is
	 * branch-free and can be vectorised.
	 *
	 * @param wm output counts. Modified.
	 * @param wx output sums. Modified.
	 * @param wy output sums of squares, or null to skip. Modified.
	 */
	void windowRow(int j0, int j1, int kx, int[] wm, double[] wx, double[] wy) {
		final int w = width;
		final int s1 = slot(j1);
		final int[] m1 = m[s1];
		final double[] x1 = x[s1];
		final double[] y1 = y != null && wy != null ? y[s1] : null;
		final int left = Math.min(kx + 1, w); // columns with i0 < 0
		final int right = Math.max(left, w - kx); // first column whose i1 is clipped
		final int last = w - 1;
		if (j0 >= 0) {
			final int s0 = slot(j0);
			final int[] m0 = m[s0];
			final double[] x0 = x[s0];
			final double[] y0 = y1 != null ? y[s0] : null;
			for (int i = 0; i < left; i++) {
				int i1 = Math.min(i + kx, last);
				wm[i] = -m0[i1] + m1[i1];
				wx[i] = -x0[i1] + x1[i1];
				if (y1 != null) wy[i] = -y0[i1] + y1[i1];
			}
			for (int i = left; i < right; i++) {
				int i0 = i - kx - 1, i1 = i + kx;
				wm[i] = (m0[i0] - (m1[i0] + m0[i1])) + m1[i1];
				wx[i] = (x0[i0] - (x1[i0] + x0[i1])) + x1[i1];
			}
			if (y1 != null) {
				for (int i = left; i < right; i++) {
					int i0 = i - kx - 1, i1 = i + kx;
					wy[i] = (y0[i0] - (y1[i0] + y0[i1])) + y1[i1];
				}
			}
			for (int i = right; i < w; i++) {
				int i0 = i - kx - 1;
				if (i0 >= 0) {
					wm[i] = (m0[i0] - (m1[i0] + m0[last])) + m1[last];
					wx[i] = (x0[i0] - (x1[i0] + x0[last])) + x1[last];
					if (y1 != null) wy[i] = (y0[i0] - (y1[i0] + y0[last])) + y1[last];
				} else {
					wm[i] = -m0[last] + m1[last];
					wx[i] = -x0[last] + x1[last];
					if (y1 != null) wy[i] = -y0[last] + y1[last];
				}
			}
		} else {
			for (int i = 0; i < left; i++) {
				int i1 = Math.min(i + kx, last);
				wm[i] = m1[i1];
				wx[i] = 0.0 + x1[i1];
				if (y1 != null) wy[i] = 0.0 + y1[i1];
			}
			for (int i = left; i < right; i++) {
				int i0 = i - kx - 1, i1 = i + kx;
				wm[i] = -m1[i0] + m1[i1];
				wx[i] = -x1[i0] + x1[i1];
			}
			if (y1 != null) {
				for (int i = left; i < right; i++) {
					int i0 = i - kx - 1, i1 = i + kx;
					wy[i] = -y1[i0] + y1[i1];
				}
			}
			for (int i = right; i < w; i++) {
				int i0 = i - kx - 1;
				if (i0 >= 0) {
					wm[i] = -m1[i0] + m1[last];
					wx[i] = -x1[i0] + x1[last];
					if (y1 != null) wy[i] = -y1[i0] + y1[last];
				} else {
					wm[i] = m1[last];
					wx[i] = 0.0 + x1[last];
					if (y1 != null) wy[i] = 0.0 + y1[last];
				}
			}
		}
	}
}
