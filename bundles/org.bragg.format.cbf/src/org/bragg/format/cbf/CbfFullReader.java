package org.bragg.format.cbf;

import java.nio.file.Path;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.internal.FullCbfImage;
import org.bragg.format.cbf.internal.Sniff;
import org.bragg.model.BraggInputException;

/**
 * Reads full imgCIF/CBF images ({@code _diffrn.id} or {@code _diffrn_source} present): the
 * detector from the {@code _axis} dependency chains of the panels (a hierarchy of panel groups when
 * the file has several panels and {@code _axis.equipment_component}), the beam from
 * {@code _diffrn_radiation_wavelength} and the source axis, a multi-axis goniometer and a one-image
 * scan from the goniometer axes when present, and pixels from one or more binary sections
 * ({@code x-CBF_BYTE_OFFSET}, {@code x-CBF_PACKED}, {@code x-CBF_PACKED_V2} or uncompressed; 32-bit
 * integer or IEEE double elements).
 *
 * <p>dxtbx name {@code FormatCBFFull}, parent {@code FormatCBF} (Parkhurst et al. 2014, J. Appl. Cryst. 47,
 * 1459–1465). Stateless and thread-safe; registered as an OSGi service (property
 * {@code bragg.format=FormatCBFFull}) and through {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public final class CbfFullReader implements FormatReader {

	/** The dxtbx name of this reader. */
	public static final String NAME = "FormatCBFFull";

	/** Creates the reader (used by ServiceLoader and OSGi DS). */
	public CbfFullReader() {}

	@Override
	public String name() { return NAME; }

	@Override
	public String parent() { return "FormatCBF"; }

	@Override
	public boolean understand(FileHeader header) {
		return Sniff.full(Sniff.headerText(header));
	}

	@Override
	public ImageFile open(Path file) throws BraggInputException {
		return FullCbfImage.open(file, new FullCbfImage.Options(NAME, false, false));
	}
}
