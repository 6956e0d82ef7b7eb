package org.bragg.format.mrc;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.ImageFiles;
import org.bragg.format.mrc.internal.MrcHeader;
import org.bragg.format.mrc.internal.MrcImageFile;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Goniometer;
import org.bragg.model.Panel;
import org.bragg.model.Probe;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;

/**
 * MRC image stacks (CCP-EM MRC2014; Cheng et al. 2015, J. Struct. Biol. 192, 146–150) from
 * transmission electron microscopes, as used for rotation electron diffraction (3D ED/MicroED);
 * dxtbx {@code FormatMRC}. Each section of the stack is one diffraction image, the sections in
 * rotation order. This reader lives in its own bundle that no other Bragg bundle references: it is
 * found through {@code META-INF/services} and the OSGi service registry only.
 *
 * <p><b>Understands</b> files with {@code MAP } at byte 208. Pixel modes 0 (int8), 1 (int16),
 * 6 (uint16), 2 (float32) and 12 (float16) are read; others fail to open.
 *
 * <p><b>Models</b> (DIALS frame, mm, Å, degrees), with the values of the first record of an FEI
 * extended header (EXTTYP FEI1/FEI2) when present:
 * <ul>
 * <li>Beam: unpolarised electrons along −z (polarisation fraction 0.5). λ from the accelerating
 * voltage V (HT; 200 kV if HT is 0) by the relativistic de Broglie relation
 * λ = h / √(2 m₀ e V (1 + e V / 2 m₀ c²)), with the rounded constants dxtbx uses (h = 6.626e-34 J s,
 * m₀ = 9.109e-31 kg, e = 1.6021766208e-19 C, c = 3e8 m/s) so that λ agrees with DIALS; without an
 * extended header λ = 0.02508 Å (200 keV), as dxtbx assumes.</li>
 * <li>Detector: one {@code SENSOR_PAD} panel of NX × NY pixels, fast +x, slow −y, beam centre at the
 * image centre. Pixel size = 14 µm (Thermo Fisher Ceta and Falcon) × binning (FEI "Binning Width";
 * else 2 for 2048×2048 images, 1 otherwise). Distance = pixel size / (calibrated pixel size [1/m] ×
 * λ [m]) when the FEI header gives the calibrated size, else 2000 mm. Gain and trusted range by
 * camera: Ceta gain 26, saturation 8000·binning²; Falcon gain 1, saturation 8000·binning²; others
 * gain 1, saturation 10⁶; trusted range (−1000, saturation).</li>
 * <li>Goniometer: single axis (0, −1, 0). As in DIALS 3.12, the FEI "Tilt axis angle" is not applied
 * (dxtbx computes the rotated axis but discards it); set the axis at import if it matters.</li>
 * <li>Scan: images 1…NZ, start = α tilt (0 if unknown), width = FEI2 "Tilt per image" (1° if
 * unknown), exposure = "Integration time" (0 if unknown), epochs 0.</li>
 * </ul>
 *
 * @since 0.1
 */
public class MrcReader implements FormatReader {

	/** Wavelength in Å assumed when the file gives no accelerating voltage (200 keV electrons). */
	public static final double DEFAULT_WAVELENGTH = 0.02508;

	/** Creates the reader. */
	public MrcReader() {}

	@Override
	public String name() { return "FormatMRC"; }

	@Override
	public String parent() { return ROOT; }

	@Override
	public boolean understand(FileHeader header) {
		if (!MrcHeader.hasMapId(header.bytes())) return false;
		if (getClass() == MrcReader.class) return true;
		try {
			return understand(MrcHeader.parse(header.path(), header.bytes(), false));
		} catch (BraggInputException e) {
			return false;
		}
	}

	/** Header test of subclasses (the MAP identifier has been checked). */
	protected boolean understand(MrcHeader h) { return true; }

	@Override
	public ImageFile open(Path file) throws BraggInputException {
		byte[] head = ImageFiles.readHead(file, MrcHeader.HEADER_BYTES);
		MrcHeader h0 = MrcHeader.parse(file, head, false);
		MrcHeader h = h0.nsymbt > 0 && h0.exttyp.startsWith("FEI")
				? MrcHeader.parse(file, ImageFiles.readHead(file, MrcHeader.HEADER_BYTES + Math.min(h0.nsymbt, 1 << 20)), true)
				: h0;
		if (MrcHeader.bytesPerPixel(h.mode) < 0)
			throw new BraggInputException(h.file + ": MRC header MODE expected 0, 1, 2, 6 or 12, found " + h.mode);
		MrcHeader.Fei fei = h.fei;
		double wavelength = fei == null ? DEFAULT_WAVELENGTH : electronWavelength(fei.htVolts() == 0 ? 200000 : fei.htVolts());
		Beam beam = new Beam(new Vec3(0, 0, 1), wavelength, 0, 0, new Vec3(0, 1, 0), 0.5, 0, 1, Probe.ELECTRON, List.of());
		Detector detector = detector(h, wavelength);
		Goniometer gonio = Goniometer.singleAxis(new Vec3(0, -1, 0));
		double alpha = fei == null ? 0 : fei.alphaTiltDeg();
		double dAlpha = fei == null || Double.isNaN(fei.tiltPerImageDeg()) ? 1.0 : fei.tiltPerImageDeg();
		double exposure = fei == null ? 0 : fei.integrationTime();
		int first = h.nz == 1 ? imageNumber(file) : 1;
		int n = h.nz;
		double[] exp = new double[n], epochs = new double[n];
		java.util.Arrays.fill(exp, exposure);
		Scan scan = new Scan(first, first + n - 1, alpha, dAlpha, exp, epochs, 0);
		return new MrcImageFile(file, name(), h, beam, detector, gonio, scan);
	}

	/**
	 * Relativistic electron wavelength.
	 *
	 * @param volts accelerating voltage, V
	 * @return λ in Å
	 */
	public static double electronWavelength(double volts) {
		double hPlanck = 6.626e-34, m0 = 9.109e-31, e = 1.6021766208e-19, c = 3e8;
		return hPlanck / Math.sqrt(2 * m0 * e * volts * (1 + e * volts / (2 * m0 * c * c))) * 1e10;
	}

	private static Detector detector(MrcHeader h, double wavelength) {
		MrcHeader.Fei fei = h.fei;
		double physicalPixelM = 14e-6;
		double binning = fei != null ? fei.binning() : (h.nx == 2048 && h.ny == 2048 ? 2.0 : 1.0);
		double pixelMm = physicalPixelM * 1000.0 * binning;
		double distance = 2000.0;
		if (fei != null && fei.pixelSpacing() > 0) distance = pixelMm / (fei.pixelSpacing() * wavelength * 1e-10);
		String camera = fei == null ? "" : fei.camera().toLowerCase(Locale.ROOT);
		double gain = camera.contains("ceta") ? 26.0 : 1.0;
		double saturation = camera.contains("ceta") || camera.contains("falcon") ? 8000 * binning * binning : 1e6;
		Vec3 fast = new Vec3(1, 0, 0), slow = new Vec3(0, -1, 0);
		double bx = pixelMm * h.nx / 2, by = pixelMm * h.ny / 2;
		Vec3 origin = new Vec3(0, 0, -distance).minus(fast.times(bx)).minus(slow.times(by));
		Panel p = new Panel("Panel", "SENSOR_PAD", fast, slow, origin, new int[] { 0, 0 }, new int[] { h.nx, h.ny }, new double[] { pixelMm, pixelMm },
				new double[] { -1000, saturation }, 0.0, "", 0.0, "", List.of(), gain, 0.0, PxMmStrategy.SIMPLE);
		return Detector.single(p);
	}

	private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)$");

	/** dxtbx's image number of a single-image MRC file: the trailing digits of the last "_" field of the name stem. */
	private static int imageNumber(Path file) {
		String name = file.getFileName().toString();
		String stem = name.substring(name.lastIndexOf('_') + 1);
		int dot = stem.indexOf('.');
		if (dot >= 0) stem = stem.substring(0, dot);
		Matcher m = LAST_NUMBER.matcher(stem);
		return m.find() ? Integer.parseInt(m.group(1)) : 1;
	}
}
