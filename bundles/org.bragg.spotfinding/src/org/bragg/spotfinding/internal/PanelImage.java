package org.bragg.spotfinding.internal;

import java.util.Objects;

/**
 * The pixel values of one detector panel (or a rectangular region of it) as the threshold kernels see
 * them.
 *
 * <p><b>Memory layout:</b> one flat array of {@code width·height} values, row-major with the slow
 * index outermost: pixel (x, y) (fast, slow) is element {@code y·width + x}. Exactly one of
 * {@link #ints()} (raw counts of a counting detector) and {@link #doubles()} (gain- or
 * pedestal-corrected values, as dxtbx's {@code get_corrected_data}) is non-null. The arrays are not
 * copied: the caller must not change them while a kernel runs.
 *
 * <p>Kernels read the image one row at a time through {@link #loadRow}, so that integer and
 * floating-point images share one code path while every value is converted exactly to
 * {@code double}, which is the type DIALS thresholds in.
 *
 * @param width  number of pixels along the fast axis (x), &gt; 0
 * @param height number of pixels along the slow axis (y), &gt; 0
 * @param ints   counts, or null
 * @param doubles values, or null
 */
public record PanelImage(int width, int height, int[] ints, double[] doubles) {

	/**
	 * @throws IllegalArgumentException if the sizes are not positive, both or neither array is given,
	 *                                  or the array length is not {@code width·height}
	 */
	public PanelImage {
		if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive, got " + width + "×" + height);
		if ((ints == null) == (doubles == null)) throw new IllegalArgumentException("exactly one of ints and doubles must be given");
		int n = ints != null ? ints.length : doubles.length;
		if (n != width * height) throw new IllegalArgumentException("image has " + n + " values for " + width + "×" + height + " pixels");
	}

	/** @return an integer image (not copied) */
	public static PanelImage of(int width, int height, int[] values) {
		return new PanelImage(width, height, Objects.requireNonNull(values), null);
	}

	/** @return a floating-point image (not copied) */
	public static PanelImage of(int width, int height, double[] values) {
		return new PanelImage(width, height, null, Objects.requireNonNull(values));
	}

	/** @return the number of pixels */
	public int size() { return width * height; }

	/** @return pixel value at flat index {@code k} */
	public double get(int k) { return ints != null ? ints[k] : doubles[k]; }

	/**
	 * Copies row {@code y} into {@code dst[0..width)}.
	 *
	 * @param dst destination, length ≥ width. Modified.
	 */
	public void loadRow(int y, double[] dst) {
		int off = y * width;
		if (ints != null) {
			int[] s = ints;
			for (int i = 0; i < width; i++) dst[i] = s[off + i];
		} else {
			System.arraycopy(doubles, off, dst, 0, width);
		}
	}

	/** @return all values as a new double array */
	public double[] toDoubles() {
		if (doubles != null) return doubles.clone();
		double[] d = new double[ints.length];
		for (int i = 0; i < d.length; i++) d[i] = ints[i];
		return d;
	}

	/**
	 * The rectangle x0 ≤ x &lt; x1, y0 ≤ y &lt; y1 as a new image (values copied).
	 *
	 * @throws IllegalArgumentException if the rectangle is empty or not inside the image
	 */
	public PanelImage crop(int x0, int x1, int y0, int y1) {
		if (x0 < 0 || y0 < 0 || x1 > width || y1 > height || x0 >= x1 || y0 >= y1)
			throw new IllegalArgumentException("region " + x0 + "," + x1 + "," + y0 + "," + y1 + " is not inside the " + width + "×" + height + " image");
		int w = x1 - x0, h = y1 - y0;
		if (ints != null) {
			int[] out = new int[w * h];
			for (int y = 0; y < h; y++) System.arraycopy(ints, (y0 + y) * width + x0, out, y * w, w);
			return of(w, h, out);
		}
		double[] out = new double[w * h];
		for (int y = 0; y < h; y++) System.arraycopy(doubles, (y0 + y) * width + x0, out, y * w, w);
		return of(w, h, out);
	}
}
