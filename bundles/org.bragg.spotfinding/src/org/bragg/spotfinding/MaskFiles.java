package org.bragg.spotfinding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Panel;
import org.bragg.spotfinding.internal.FlexPickle;

/**
 * DIALS mask files: a Python pickle of a tuple of cctbx {@code flex.bool} arrays, one per panel,
 * true = pixel may be used, as written by {@code dials.generate_mask} and by
 * {@code dials.find_spots write_hot_mask=True} ({@code hot_mask_0.pickle}) and read by dxtbx as an
 * imageset's {@code mask} or by {@code spotfinder.lookup.mask}.
 *
 * <p>Arrays are {@code nFast·nSlow} booleans per panel, row-major with the slow index outermost.
 *
 * @since 0.1
 */
public final class MaskFiles {
	private MaskFiles() {}

	/**
	 * Reads a DIALS mask pickle.
	 *
	 * @return one array per panel
	 * @throws BraggInputException if the file is missing or is not a pickle of flex.bool arrays
	 */
	public static List<boolean[]> read(Path file) throws BraggInputException {
		return List.of(FlexPickle.readBoolTuple(file));
	}

	/**
	 * Writes a DIALS mask pickle (e.g. the hot mask of {@link SpotFindingResult.ImagesetSummary#hotMask()})
	 * atomically (a temporary file in the same directory, then a move).
	 *
	 * @param masks one array per panel of {@code detector}
	 * @throws IllegalArgumentException if the arrays do not match the panels
	 * @throws IOException              if the file cannot be written
	 */
	public static void write(Path file, Detector detector, List<boolean[]> masks) throws IOException {
		if (masks.size() != detector.size()) throw new IllegalArgumentException(masks.size() + " masks for " + detector.size() + " panels");
		List<int[]> shapes = new ArrayList<>();
		for (Panel p : detector.panels()) shapes.add(new int[] { p.nSlow(), p.nFast() });
		FlexPickle.writeBoolTuple(file, masks, shapes);
	}
}
