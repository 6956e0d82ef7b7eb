package org.bragg.format;

import java.nio.file.Path;
import java.util.List;

import org.bragg.model.BraggInputException;

/**
 * A reader for one detector image format, with dxtbx's semantics (Parkhurst et al. 2014,
 * J. Appl. Cryst. 47, 1459–1465): readers form a tree by {@link #parent()}; {@link #understand} is a
 * cheap test on the first bytes of a file; a reader may assume its parent understood the file, and
 * two siblings never both understand one file. The {@link FormatRegistry} walks the tree from the
 * root and picks the deepest reader that understands, so a reader for one detector model beats the
 * generic reader of its family.
 *
 * <p>Readers are stateless and thread-safe. They are registered as OSGi services in the workbench and
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/org.bragg.format.FormatReader}) on
 * a plain class path, so a facility adds a detector by dropping in one more bundle.
 *
 * @since 0.1
 */
public interface FormatReader {

	/** Name of the implicit root of the reader tree. */
	String ROOT = "Format";

	/** @return the dxtbx-style class name, e.g. {@code FormatCBFMiniPilatus}, used in logs and {@code .expt} */
	String name();

	/** @return the name of the parent reader, {@link #ROOT} for a top-level family reader */
	String parent();

	/**
	 * Cheap content test.
	 *
	 * @param header the file's path and its first bytes, already decompressed if the file is .bz2/.gz
	 * @return true if this reader can read the file
	 */
	boolean understand(FileHeader header);

	/**
	 * Opens a file: parses its header once and builds its models.
	 *
	 * @throws BraggInputException if the file is unreadable or its header is malformed (the message
	 *         names the file and the field)
	 */
	ImageFile open(Path file) throws BraggInputException;

	/**
	 * Optional: extra file names a multi-file format needs (e.g. an Eiger master's data files), used by
	 * import to check that they are present. Default: none.
	 */
	default List<Path> companionFiles(Path file) throws BraggInputException {
		return List.of();
	}
}
