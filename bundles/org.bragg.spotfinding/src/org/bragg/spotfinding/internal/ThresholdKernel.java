package org.bragg.spotfinding.internal;

/**
 * Classifies the pixels of one panel image as strong (part of a spot) or not. Implementations are
 * the interchangeable {@code spotfinder.threshold.algorithm} choices: {@link DispersionThreshold},
 * {@link DispersionExtendedThreshold} and {@link RadialProfileThreshold}.
 *
 * <p><b>Memory layout</b> of every array argument: {@code width·height} elements, row-major, slow
 * index outermost (pixel (x, y) at {@code y·width + x}).
 *
 * <p><b>Thread safety:</b> an instance keeps work buffers sized for one image shape and is used by
 * one thread at a time; make one per worker thread.
 */
public interface ThresholdKernel {

	/**
	 * Thresholds an image.
	 *
	 * @param image the pixel values. Not modified.
	 * @param mask  true for pixels that may be used (trusted, not masked). Not modified.
	 * @param dst   output: true for strong pixels; always false where {@code mask} is false. Modified.
	 * @throws IllegalArgumentException if the array sizes do not match the image
	 */
	void threshold(PanelImage image, boolean[] mask, boolean[] dst);

	/** Checks array sizes. */
	static void checkSizes(PanelImage image, boolean[] mask, boolean[] dst) {
		int n = image.size();
		if (mask.length != n || dst.length != n)
			throw new IllegalArgumentException("mask (" + mask.length + ") and output (" + dst.length + ") must have " + n + " elements");
	}
}
