package org.bragg.format;

import java.nio.file.Path;

import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Goniometer;
import org.bragg.model.Scan;

/**
 * An opened image file whose header has been parsed once. A file holds one image or, for containers
 * (HDF5/NeXus, MRC stacks), several; images are addressed by 0-based index. Models are in the DIALS
 * laboratory frame (mm, Å, degrees for scan angles). Implementations are thread-safe for
 * {@link #read}.
 *
 * @since 0.1
 */
public interface ImageFile extends AutoCloseable {

	/** @return the file */
	Path path();

	/** @return the dxtbx-style reader name, e.g. {@code FormatCBFMiniPilatus} */
	String formatName();

	/** @return number of images in this file (1 for single-image formats) */
	default int numImages() { return 1; }

	/** @return the beam for image {@code index} */
	Beam beam(int index) throws BraggInputException;

	/** @return the detector for image {@code index} */
	Detector detector(int index) throws BraggInputException;

	/** @return the goniometer, or null for a still */
	Goniometer goniometer(int index) throws BraggInputException;

	/**
	 * @return a scan of one image for image {@code index} (its image number taken from the file name
	 *         for single-image formats, or index + 1 for containers), or null for a still
	 */
	Scan scan(int index) throws BraggInputException;

	/**
	 * Decodes the pixels of image {@code index}.
	 *
	 * @return one {@link PanelData} per detector panel, in panel order
	 * @throws BraggInputException if the data are truncated or corrupt
	 */
	PanelData[] read(int index) throws BraggInputException;

	/**
	 * The format's static mask (module gaps, dead pixels flagged by the format), true = valid.
	 *
	 * @return one boolean[nFast·nSlow] per panel (row-major, slow outermost), or null if the format has none
	 */
	default boolean[][] staticMask(int index) throws BraggInputException { return null; }

	/** @return true if the images of this file are stills even if a scan is present (zero oscillation) */
	default boolean isStill(int index) throws BraggInputException {
		Scan s = scan(index);
		return s == null || s.oscillationWidth() == 0;
	}

	@Override
	default void close() {}
}
