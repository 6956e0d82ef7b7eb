package org.bragg.format.cbf;

import java.nio.file.Path;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.internal.MiniCbfImage;
import org.bragg.format.cbf.internal.Sniff;
import org.bragg.model.BraggInputException;

/**
 * Reads miniCBF images (a {@code _array_data.header_convention} such as PILATUS_1.2, SLS, SSRL,
 * GENERIC_MINI, or a {@code # Detector: PILATUS} line) with the generic model rules of dxtbx
 * {@code FormatCBFMini}: sensor material and thickness from the header, no module-gap mask.
 * Pixels are decoded from {@code x-CBF_BYTE_OFFSET} (also packed or uncompressed) data.
 *
 * <p>dxtbx name {@code FormatCBFMini}, parent {@code FormatCBF} (Parkhurst et al. 2014, J. Appl. Cryst. 47,
 * 1459–1465). Stateless and thread-safe; registered as an OSGi service (property
 * {@code bragg.format=FormatCBFMini}) and through {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public final class CbfMiniReader implements FormatReader {

	/** The dxtbx name of this reader. */
	public static final String NAME = "FormatCBFMini";

	/** Creates the reader (used by ServiceLoader and OSGi DS). */
	public CbfMiniReader() {}

	@Override
	public String name() { return NAME; }

	@Override
	public String parent() { return "FormatCBF"; }

	@Override
	public boolean understand(FileHeader header) {
		return Sniff.mini(Sniff.headerText(header));
	}

	@Override
	public ImageFile open(Path file) throws BraggInputException {
		return MiniCbfImage.open(file, MiniCbfImage.Variant.MINI);
	}
}
