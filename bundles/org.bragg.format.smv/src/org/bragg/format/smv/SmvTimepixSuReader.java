package org.bragg.format.smv;

import java.util.List;

import org.bragg.format.ImageFile;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Goniometer;
import org.bragg.model.Probe;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;

/**
 * SMV images of the 2×2 TimePix quad on the JEOL JEM-2100 at Stockholm University, written by the RED
 * software (Wan et al. 2013, J. Appl. Cryst. 46, 1863–1873), dxtbx {@code FormatSMVTimePix_SU}.
 * The detector model depends on how RED stored the wide pixels at the chip edges, so the models
 * are built by {@link SmvTimepixSu512Reader} (raw 512×512 layout, 4 panels) and
 * {@link SmvTimepixSu516Reader} (516×516, wide pixels split, 1 panel); other sizes fail to open.
 *
 * <p><b>Understands</b> SMV files with {@code BEAMLINE=TIMEPIX_SU} (any case) holding every key of
 * {@link #REQUIRED_KEYS}.
 *
 * <p><b>Models</b> shared by both layouts: an unpolarised electron beam (polarisation fraction 0.5,
 * normal +y) along −z with λ = {@code WAVELENGTH} Å; a one-image scan from {@code OSC_START} with
 * width {@code OSC_RANGE} (sign kept), exposure {@code TIME} s and epoch from {@code DATE};
 * a single-axis goniometer about the axis fixed by the format, given by {@link #rotationAxis()}.
 *
 * @since 0.1
 */
public class SmvTimepixSuReader extends SmvReader {

	/** Header keys a TimePix SU image must hold. */
	public static final List<String> REQUIRED_KEYS = List.of("BEAM_CENTER_X", "BEAM_CENTER_Y", "DISTANCE", "WAVELENGTH", "PIXEL_SIZE",
			"OSC_START", "OSC_RANGE", "PHI", "SIZE1", "SIZE2", "BYTE_ORDER", "DETECTOR_SN");

	/** Creates the reader. */
	public SmvTimepixSuReader() {}

	@Override
	public String name() { return "FormatSMVTimePix_SU"; }

	@Override
	public String parent() { return "FormatSMV"; }

	@Override
	protected boolean understand(SmvHeader h) {
		return h.get("BEAMLINE", "").equalsIgnoreCase("TIMEPIX_SU") && missing(h, REQUIRED_KEYS).isEmpty();
	}

	@Override
	protected ImageFile open(SmvHeader h) throws BraggInputException {
		throw new BraggInputException(h.fileName() + ": TimePix SU SMV header SIZE1×SIZE2 expected 512×512 (with PIXEL_SIZE=0.055) or 516×516, found "
				+ h.get("SIZE1") + "×" + h.get("SIZE2") + " (PIXEL_SIZE=" + h.get("PIXEL_SIZE") + ")");
	}

	/**
	 * The rotation axis fixed by the format (not in the header): (−0.755, −0.656, 0) normalised, which
	 * lies between the detector's fast and slow axes on this microscope.
	 */
	protected Vec3 rotationAxis() { return new Vec3(-0.755, -0.656, 0.0); }

	/** @return the unpolarised electron beam of the header's WAVELENGTH (Å) */
	protected static Beam beam(SmvHeader h) throws BraggInputException {
		return new Beam(new Vec3(0, 0, 1), h.getDouble("WAVELENGTH"), 0, 0, new Vec3(0, 1, 0), 0.5, 0, 1, Probe.ELECTRON, List.of());
	}

	/** @return the single-axis goniometer about {@link #rotationAxis()} */
	protected Goniometer goniometer() { return Goniometer.singleAxis(rotationAxis()); }

	/** @return the one-image scan: OSC_START and OSC_RANGE as written (no sign change), degrees */
	protected static Scan scan(SmvHeader h) throws BraggInputException {
		return singleImageScan(h, h.getDouble("OSC_START"), h.getDouble("OSC_RANGE"));
	}
}
