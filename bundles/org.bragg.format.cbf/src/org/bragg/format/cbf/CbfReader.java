package org.bragg.format.cbf;

import java.nio.file.Path;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.internal.Sniff;
import org.bragg.model.BraggInputException;

/**
 * Recognises any CBF file (it starts with {@code ###CBF}). It is the root of the CBF family and
 * builds no models itself: {@link #open} fails with a clear message for a CBF that none of the
 * specific readers below it accepts.
 *
 * <p>dxtbx name {@code FormatCBF}, parent {@code Format} (Parkhurst et al. 2014, J. Appl. Cryst. 47,
 * 1459–1465). Stateless and thread-safe; registered as an OSGi service (property
 * {@code bragg.format=FormatCBF}) and through {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public final class CbfReader implements FormatReader {

	/** The dxtbx name of this reader. */
	public static final String NAME = "FormatCBF";

	/** Creates the reader (used by ServiceLoader and OSGi DS). */
	public CbfReader() {}

	@Override
	public String name() { return NAME; }

	@Override
	public String parent() { return "Format"; }

	@Override
	public boolean understand(FileHeader header) {
		return Sniff.cbf(header);
	}

	@Override
	public ImageFile open(Path file) throws BraggInputException {
		throw new BraggInputException(file + ": a CBF file of an unknown flavour (neither a miniCBF header_convention nor a full imgCIF _diffrn header); no reader builds models for it");
	}
}
