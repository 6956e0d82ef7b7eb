package org.bragg.format.cbf;

import java.nio.file.Path;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.internal.MiniCbfImage;
import org.bragg.format.cbf.internal.Sniff;
import org.bragg.model.BraggInputException;

/**
 * Reads DECTRIS PILATUS miniCBF images (header convention PILATUS_1.2, SLS_… or ?, or a
 * {@code # Detector: PILATUS…} line, and no EIGER/TIMEPIX detector line), with the model rules of
 * dxtbx {@code FormatCBFMiniPilatus}: a single SENSOR_PAD panel with parallax correction (μ of the
 * sensor at the beam wavelength), trusted range (−1, {@code Count_cutoff}) so that gap (−1) and bad
 * (−2) pixels are untrusted, and the 7-px and 17-px gaps between the 487 × 195-px modules as mask
 * rectangles of the panel; single-axis goniometer along x; one-image scan numbered from the file name.
 *
 * <p>dxtbx name {@code FormatCBFMiniPilatus}, parent {@code FormatCBFMini} (Parkhurst et al. 2014, J. Appl. Cryst. 47,
 * 1459–1465). Stateless and thread-safe; registered as an OSGi service (property
 * {@code bragg.format=FormatCBFMiniPilatus}) and through {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public final class CbfMiniPilatusReader implements FormatReader {

	/** The dxtbx name of this reader. */
	public static final String NAME = "FormatCBFMiniPilatus";

	/** Creates the reader (used by ServiceLoader and OSGi DS). */
	public CbfMiniPilatusReader() {}

	@Override
	public String name() { return NAME; }

	@Override
	public String parent() { return "FormatCBFMini"; }

	@Override
	public boolean understand(FileHeader header) {
		return Sniff.pilatus(Sniff.headerText(header));
	}

	@Override
	public ImageFile open(Path file) throws BraggInputException {
		return MiniCbfImage.open(file, MiniCbfImage.Variant.PILATUS);
	}
}
