package org.bragg.format.cbf;

import java.nio.file.Path;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.internal.FullCbfImage;
import org.bragg.format.cbf.internal.Sniff;
import org.bragg.model.BraggInputException;

/**
 * Reads LCLS CSPAD stills written by cctbx.xfel as full CBF ({@code _diffrn_detector.type
 * 'CS PAD'}) as dxtbx {@code FormatCBFCspad}: 64 ASIC panels cut from the sections of 4 packed
 * 388 × 185 × 8 arrays, in a detector hierarchy (detector → quadrants → sensors → ASICs) built from
 * the {@code _axis} tree, trusted range and gain from {@code _array_intensities}, and no goniometer
 * or scan (still shots). As in the DIALS {@code .expt} that dxtbx writes, the panels are marked
 * {@code ParallaxCorrectedPxMmStrategy} with thickness, material and μ left unset (0), so no
 * parallax correction is applied.
 *
 * <p>dxtbx name {@code FormatCBFCspad}, parent {@code FormatCBFFull} (Parkhurst et al. 2014, J. Appl. Cryst. 47,
 * 1459–1465). Stateless and thread-safe; registered as an OSGi service (property
 * {@code bragg.format=FormatCBFCspad}) and through {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public final class CbfCspadReader implements FormatReader {

	/** The dxtbx name of this reader. */
	public static final String NAME = "FormatCBFCspad";

	/** Creates the reader (used by ServiceLoader and OSGi DS). */
	public CbfCspadReader() {}

	@Override
	public String name() { return NAME; }

	@Override
	public String parent() { return "FormatCBFFull"; }

	@Override
	public boolean understand(FileHeader header) {
		return Sniff.cspad(Sniff.headerText(header));
	}

	@Override
	public ImageFile open(Path file) throws BraggInputException {
		return FullCbfImage.open(file, new FullCbfImage.Options(NAME, true, true));
	}
}
