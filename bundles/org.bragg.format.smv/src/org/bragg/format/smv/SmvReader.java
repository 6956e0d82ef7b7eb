package org.bragg.format.smv;

import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.smv.internal.ImageNumbers;
import org.bragg.format.smv.internal.SmvDates;
import org.bragg.model.BraggInputException;
import org.bragg.model.Scan;

/**
 * The SMV family reader, dxtbx {@code FormatSMV}: understands any file that starts with
 * <code>{\nHEADER_BYTES=</code> (see {@link SmvHeader}). It builds no models itself; the detector
 * specific readers below it ({@link SmvAdscReader}, {@link SmvTimepixSuReader}) do. Opening a file
 * that only this reader understands fails with a {@link BraggInputException} that says which keys a
 * specific reader needs.
 *
 * <p>Subclasses implement {@link #understand(SmvHeader)} and {@link #open(SmvHeader)}; the header is
 * parsed once per call. Instances are stateless and thread-safe.
 *
 * @since 0.1
 */
public class SmvReader implements FormatReader {

	/** Creates the reader (also used by the OSGi component runtime and {@link java.util.ServiceLoader}). */
	public SmvReader() {}

	@Override
	public String name() { return "FormatSMV"; }

	@Override
	public String parent() { return ROOT; }

	/** Checks the SMV magic bytes, then (for subclasses) the parsed header. */
	@Override
	public final boolean understand(FileHeader header) {
		if (!SmvHeader.looksLikeSmv(header.bytes())) return false;
		if (getClass() == SmvReader.class) return true;
		try {
			return understand(SmvHeader.parse(header));
		} catch (BraggInputException e) {
			return false;
		}
	}

	/**
	 * Header test of a subclass; the SMV magic has already been checked.
	 *
	 * @return true if this reader can build models from the header
	 */
	protected boolean understand(SmvHeader header) {
		return true;
	}

	@Override
	public final ImageFile open(Path file) throws BraggInputException {
		return open(SmvHeader.read(file));
	}

	/**
	 * Builds the image file for a parsed header. This generic reader has no detector model.
	 *
	 * @throws BraggInputException always for the generic reader; in subclasses if a header value is
	 *         missing or malformed
	 */
	protected ImageFile open(SmvHeader header) throws BraggInputException {
		throw new BraggInputException(header.fileName() + ": SMV header not recognised by a detector-specific reader (BEAMLINE='"
				+ header.get("BEAMLINE", "") + "', DETECTOR_SN='" + header.get("DETECTOR_SN", "") + "'); ADSC images need "
				+ String.join(", ", SmvAdscReader.REQUIRED_KEYS));
	}

	/** @return the keys of {@code required} missing from the header */
	protected static List<String> missing(SmvHeader h, List<String> required) {
		return required.stream().filter(k -> !h.has(k)).toList();
	}

	/**
	 * A one-image scan as dxtbx builds for single-image files: image number from the file name,
	 * oscillation (start, width) in degrees, exposure TIME in s (0 if absent) and the DATE header
	 * as epoch (UTC; 0 if absent or unparseable).
	 */
	protected static Scan singleImageScan(SmvHeader h, double oscStartDeg, double oscWidthDeg) throws BraggInputException {
		int n = ImageNumbers.fromFileName(h.fileName());
		double exposure = h.getDouble("TIME", 0);
		double epoch = SmvDates.epoch(h.get("DATE"));
		return new Scan(n, n, oscStartDeg, oscWidthDeg, new double[] { exposure }, new double[] { epoch }, 0);
	}
}
