package org.bragg.spotfinding;

import java.util.List;

import org.bragg.model.reflection.ReflectionTable;

/**
 * What {@link SpotFinder#run} returns: the strong-spot table plus per-imageset summaries (strong-pixel
 * counts per image, the hot-pixel mask and the DIALS-style spot-count histogram).
 *
 * @param reflections the strong spots, in DIALS's order, with experiment identifiers
 * @param imagesets   one summary per distinct imageset, in order of first use by the experiments
 * @param log         the DIALS-style text that was also sent to the log consumer, newline-separated
 * @since 0.1
 */
public record SpotFindingResult(ReflectionTable reflections, List<ImagesetSummary> imagesets, String log) {

	public SpotFindingResult {
		imagesets = List.copyOf(imagesets);
	}

	/** @return the total number of spots */
	public int numSpots() { return reflections.size(); }

	/**
	 * Spot finding on one imageset.
	 *
	 * @param index          imageset index (0-based, as "imageset N" in the log)
	 * @param imageNumbers   the image numbers processed (1-based: scan image numbers for sequences,
	 *                       positions in the imageset for stills)
	 * @param strongPixels   strong pixels found on each processed image (same order)
	 * @param spotsPerImage  spots whose centroid lies on each processed image (floor of z)
	 * @param hotMask        per panel, {@code nFast·nSlow} row-major, false for hot pixels (strong on
	 *                       every image of a scan range); null unless {@code write_hot_mask=True}
	 * @param numHotPixels   number of hot pixels
	 * @param histogram      DIALS's "Histogram of per-image spot count" text for this imageset
	 */
	public record ImagesetSummary(int index, int[] imageNumbers, int[] strongPixels, int[] spotsPerImage, List<boolean[]> hotMask, int numHotPixels,
			String histogram) {
		public ImagesetSummary {
			imageNumbers = imageNumbers.clone();
			strongPixels = strongPixels.clone();
			spotsPerImage = spotsPerImage.clone();
			hotMask = hotMask == null ? null : List.copyOf(hotMask);
		}

		@Override public int[] imageNumbers() { return imageNumbers.clone(); }
		@Override public int[] strongPixels() { return strongPixels.clone(); }
		@Override public int[] spotsPerImage() { return spotsPerImage.clone(); }
	}
}
