package org.bragg.format.smv;

import java.util.List;

import org.bragg.format.ImageFile;
import org.bragg.format.smv.internal.SimpleDetectors;
import org.bragg.format.smv.internal.SmvImageFile;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Goniometer;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;

/**
 * ADSC Quantum CCD images in SMV format, dxtbx {@code FormatSMVADSC}.
 *
 * <p><b>Understands</b> SMV files holding every key of {@link #REQUIRED_KEYS}, without
 * {@code DTREK_DATE_TIME} (Rigaku d*TREK SMV) and not written by the TimePix (BEAMLINE=TIMEPIX_SU) or
 * JHSim (BEAMLINE=fake) converters.
 *
 * <p><b>Models</b> (DIALS laboratory frame, mm, Å, degrees):
 * <ul>
 * <li>Beam: along −z, λ = {@code WAVELENGTH} Å, X-ray, polarisation normal +y with fraction 0.999.</li>
 * <li>Detector: one {@code SENSOR_CCD} panel of {@code SIZE1 × SIZE2} pixels of {@code PIXEL_SIZE} mm,
 * fast axis +x, slow axis −y (image rows run downwards), normal to the beam at z = −{@code DISTANCE}.
 * ADSC headers give the beam centre in the Mosflm convention, where X runs along the <em>slow</em>
 * direction and Y along the fast one, both from the corner of pixel (0, 0) in mm: the beam therefore
 * hits the panel at (fast, slow) = ({@code BEAM_CENTER_Y}, {@code BEAM_CENTER_X}) mm, i.e. the axes
 * are swapped, and because slow runs along −y the lab origin is (−BEAM_CENTER_Y, +BEAM_CENTER_X,
 * −DISTANCE). Beamline-specific conventions (DENZO beam keys, per-serial-number flips) are left to
 * subclasses, as in dxtbx's {@code FormatSMVADSCSN*} readers. Trusted range (−1 − pedestal,
 * 65535 − pedestal) with {@code IMAGE_PEDESTAL} (default 0); gain from {@link #moduleGain}.</li>
 * <li>Goniometer: single axis +x, or −x if {@code OSC_RANGE} ≤ 0.</li>
 * <li>Scan: one image (number from the file name), start {@code OSC_START}, width |{@code OSC_RANGE}|,
 * exposure {@code TIME} s, epoch from {@code DATE} (read as UTC).</li>
 * </ul>
 * Pixels: unsigned 16-bit in {@code BYTE_ORDER}.
 *
 * @since 0.1
 */
public class SmvAdscReader extends SmvReader {

	/** Header keys an ADSC image must hold. */
	public static final List<String> REQUIRED_KEYS = List.of("BEAM_CENTER_X", "BEAM_CENTER_Y", "DISTANCE", "WAVELENGTH", "PIXEL_SIZE",
			"OSC_START", "OSC_RANGE", "SIZE1", "SIZE2", "BYTE_ORDER");

	/** Creates the reader. */
	public SmvAdscReader() {}

	@Override
	public String name() { return "FormatSMVADSC"; }

	@Override
	public String parent() { return "FormatSMV"; }

	@Override
	protected boolean understand(SmvHeader h) {
		String beamline = h.get("BEAMLINE", "");
		if (beamline.equals("fake") || beamline.equalsIgnoreCase("TIMEPIX_SU")) return false;
		if (h.has("DTREK_DATE_TIME")) return false;
		return missing(h, REQUIRED_KEYS).isEmpty();
	}

	@Override
	protected ImageFile open(SmvHeader h) throws BraggInputException {
		List<String> miss = missing(h, REQUIRED_KEYS);
		if (!miss.isEmpty()) throw new BraggInputException(h.fileName() + ": ADSC SMV header lacks " + String.join(", ", miss));
		int nFast = h.getInt("SIZE1"), nSlow = h.getInt("SIZE2");
		double pixel = h.getDouble("PIXEL_SIZE");
		double pedestal = h.getDouble("IMAGE_PEDESTAL", 0);
		Detector d = SimpleDetectors.simple("SENSOR_CCD", h.getDouble("DISTANCE"), h.getDouble("BEAM_CENTER_Y"), h.getDouble("BEAM_CENTER_X"),
				new Vec3(1, 0, 0), new Vec3(0, -1, 0), pixel, nFast, nSlow, -1 - pedestal, 65535 - pedestal, moduleGain(h), pedestal, 0.0, "");
		double oscRange = h.getDouble("OSC_RANGE");
		Goniometer g = Goniometer.singleAxis(oscRange > 0 ? new Vec3(1, 0, 0) : new Vec3(-1, 0, 0));
		Beam b = Beam.simple(h.getDouble("WAVELENGTH"));
		Scan s = singleImageScan(h, h.getDouble("OSC_START"), Math.abs(oscRange));
		return new SmvImageFile(h, name(), b, d, g, s, nFast, nSlow);
	}

	/**
	 * The gain of an ADSC CCD module in ADU per X-ray, as dxtbx estimates it (to about 20%): the
	 * {@code GAIN} header if present; else the model is recognised from SIZE1, SIZE2 and PIXEL_SIZE
	 * (Q4 2304² × 0.0816 mm: 1.25; Q270 4168² × 0.0648 or 2084² × 0.0324 mm: 2.8; Q210 4096² × 0.0512
	 * or 2048² × 0.1024 mm and Q315 6144² × 0.0512 or 3072² × 0.1024 mm: 2.4, or 1.8 for hardware
	 * binning ({@code BIN_TYPE=HW}, BIN not {@code none}) of an "R" model); unknown sizes give 1.0.
	 * Subclasses that know the model from the serial number override this.
	 */
	protected double moduleGain(SmvHeader h) throws BraggInputException {
		if (h.has("GAIN")) return h.getDouble("GAIN");
		String bin = h.get("BIN", "none"); // a missing BIN means unbinned
		int n1 = h.getInt("SIZE1"), n2 = h.getInt("SIZE2");
		double px = h.getDouble("PIXEL_SIZE");
		String model;
		if (n1 != n2) return 1.0;
		if (n1 == 2304 && px == 0.0816) model = "Q4";
		else if (n1 == 4096 && px == 0.0512) model = "Q210";
		else if (n1 == 2048 && px == 0.1024) { model = "Q210"; bin = "2x2"; }
		else if (n1 == 6144 && px == 0.0512) model = "Q315";
		else if (n1 == 3072 && px == 0.1024) { model = "Q315"; bin = "2x2"; }
		else if (n1 == 4168 && px == 0.0648) model = "Q270";
		else if (n1 == 2084 && px == 0.0324) { model = "Q270"; bin = "2x2"; }
		else return 1.0;
		return gainForModel(model, bin, h.get("BIN_TYPE"));
	}

	/** Gain for a known ADSC model name (e.g. {@code Q315R}), binning level and binning type. */
	protected static double gainForModel(String model, String bin, String binType) {
		String m = model.toUpperCase();
		if (m.startsWith("Q270")) return 2.8;
		if (m.startsWith("Q4")) return 1.25;
		boolean hardwareBinned = !"NONE".equalsIgnoreCase(bin) && "HW".equals(binType);
		if (!hardwareBinned) return 2.4; // unbinned or software binned
		return m.endsWith("R") ? 1.8 : 2.4;
	}
}
