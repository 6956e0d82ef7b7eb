package org.bragg.format.cbf;

import java.nio.file.Path;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.internal.MiniCbfImage;
import org.bragg.format.cbf.internal.Sniff;
import org.bragg.model.BraggInputException;

/**
 * Reads images of the PILATUS3 6M S/N 60-0119 at Diamond Light Source beamline I24 (dated 2015 or
 * later) as dxtbx {@code FormatCBFMiniPilatusDLS6MSN119}: as {@link CbfMiniPilatusReader}, but
 * with the rotation axis (0, 1, 0) (vertical), or (−1, 0, 0) when {@code Oscillation_axis} says
 * {@code +FAST}/{@code -FAST} (plate mode).
 *
 * <p>dxtbx name {@code FormatCBFMiniPilatusDLS6MSN119}, parent {@code FormatCBFMiniPilatus} (Parkhurst et al. 2014, J. Appl. Cryst. 47,
 * 1459–1465). Stateless and thread-safe; registered as an OSGi service (property
 * {@code bragg.format=FormatCBFMiniPilatusDLS6MSN119}) and through {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public final class CbfMiniPilatusDls6MSn119Reader implements FormatReader {

	/** The dxtbx name of this reader. */
	public static final String NAME = "FormatCBFMiniPilatusDLS6MSN119";

	/** Creates the reader (used by ServiceLoader and OSGi DS). */
	public CbfMiniPilatusDls6MSn119Reader() {}

	@Override
	public String name() { return NAME; }

	@Override
	public String parent() { return "FormatCBFMiniPilatus"; }

	@Override
	public boolean understand(FileHeader header) {
		return Sniff.pilatusDls6MSn119(Sniff.headerText(header));
	}

	@Override
	public ImageFile open(Path file) throws BraggInputException {
		return MiniCbfImage.open(file, MiniCbfImage.Variant.PILATUS_DLS_6M_SN119);
	}
}
