package org.bragg.spotfinding;

import java.nio.file.Path;

import org.bragg.model.BraggInputException;

/**
 * More pixels of one image were classed as strong than {@code spotfinder.filter.max_strong_pixel_fraction}
 * allows, so the threshold parameters do not suit the data (typically a wrong gain or a missing
 * {@code global_threshold} on an integrating detector). Spot finding stops, as in DIALS, with DIALS's
 * message prefixed by the image file.
 *
 * @since 0.1
 */
public class TooManyStrongPixelsException extends BraggInputException {
	private static final long serialVersionUID = 1L;

	private final long numStrong;
	private final long maxAllowed;

	/**
	 * @param image      the image file
	 * @param numStrong  strong pixels found on the image (all panels)
	 * @param maxAllowed ⌈max_strong_pixel_fraction · number of pixels⌉
	 */
	public TooManyStrongPixelsException(Path image, long numStrong, long maxAllowed) {
		super(image + ": The number of strong pixels found (" + numStrong + ") is greater than the maximum allowed (" + maxAllowed
				+ "). Try changing spot finding parameters");
		this.numStrong = numStrong;
		this.maxAllowed = maxAllowed;
	}

	public long numStrong() { return numStrong; }

	public long maxAllowed() { return maxAllowed; }
}
