package org.bragg.format.cbf;

import java.nio.file.Path;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.internal.MiniCbfImage;
import org.bragg.format.cbf.internal.Sniff;
import org.bragg.model.BraggInputException;

/**
 * Reads DECTRIS EIGER miniCBF images (a {@code # Detector:} line naming an EIGER) as dxtbx
 * {@code FormatCBFMiniEiger}: like {@link CbfMiniPilatusReader}, with the EIGER X / EIGER2 X module
 * gaps as mask rectangles, a 0.450-mm Si sensor when the header has no sensor line, an overload of
 * 10⁸ when {@code Count_cutoff} is missing, and the detector name as the panel identifier.
 *
 * <p>dxtbx name {@code FormatCBFMiniEiger}, parent {@code FormatCBFMini} (Parkhurst et al. 2014, J. Appl. Cryst. 47,
 * 1459–1465). Stateless and thread-safe; registered as an OSGi service (property
 * {@code bragg.format=FormatCBFMiniEiger}) and through {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public final class CbfMiniEigerReader implements FormatReader {

	/** The dxtbx name of this reader. */
	public static final String NAME = "FormatCBFMiniEiger";

	/** Creates the reader (used by ServiceLoader and OSGi DS). */
	public CbfMiniEigerReader() {}

	@Override
	public String name() { return NAME; }

	@Override
	public String parent() { return "FormatCBFMini"; }

	@Override
	public boolean understand(FileHeader header) {
		return Sniff.eiger(Sniff.headerText(header));
	}

	@Override
	public ImageFile open(Path file) throws BraggInputException {
		return MiniCbfImage.open(file, MiniCbfImage.Variant.EIGER);
	}
}
