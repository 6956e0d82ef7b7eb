package org.bragg.format.cbf.internal;

import org.bragg.format.SensorAttenuation;
import java.nio.file.Path;
import java.util.List;

import org.bragg.format.ImageFile;
import org.bragg.format.ImageFiles;
import org.bragg.format.PanelData;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Goniometer;
import org.bragg.model.Panel;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;

/**
 * An opened miniCBF image (one panel, one image): the models built from the {@code #} header as the
 * dxtbx reader of the given {@link Variant} builds them, and lazy pixel decoding.
 *
 * <p>Models, in the DIALS laboratory frame (Parkhurst et al. 2014):
 * <ul>
 * <li>Beam along −z (direction (0, 0, 1) towards the source), wavelength from {@code Wavelength},
 * polarisation normal (0, 1, 0) and fraction 0.999 (dxtbx ignores {@code Polarization}), flux from
 * {@code Flux} and transmission from {@code Transmission} (not {@code Filter_transmission}) when
 * present.</li>
 * <li>One panel with fast axis +x and slow axis −y, origin = −distance·ẑ − fast·bx − slow·by with
 * distance = {@code Detector_distance}·1000 mm and (bx, by) = {@code Beam_xy}·{@code Pixel_size}·1000
 * mm; pixel size from {@code Pixel_size} (m → mm); image size from the MIME dimensions; trusted range
 * (−1, {@code Count_cutoff}), so gap (−1) and bad (−2) pixels are untrusted; sensor material and
 * thickness from {@code Silicon}/{@code CdTe sensor, thickness … m}, with a parallax-corrected pixel
 * ↔ mm mapping and μ of the material at the wavelength ({@link org.bragg.format.SensorAttenuation}); module gaps as mask
 * rectangles for PILATUS and EIGER. {@code Detector_2theta} is ignored, as in dxtbx.</li>
 * <li>Goniometer: single axis (1, 0, 0), except as the variant says.</li>
 * <li>Scan of one image numbered from the file name ({@link ImageNames}), oscillation
 * ({@code Start_angle}, {@code Angle_increment}) in degrees, exposure time {@code Exposure_period},
 * epoch from the timestamp line.</li>
 * </ul>
 *
 * <p>The file's bytes are kept after {@link #open} only for compressed files (whose
 * decompression dominates); otherwise {@link #read} re-reads the file. Thread-safe.
 *
 * @since 0.1
 */
public final class MiniCbfImage implements ImageFile {

	/** Which dxtbx reader's model rules to apply. */
	public enum Variant {
		/** {@code FormatCBFMini}: no gap mask, sensor from the header, timestamp optional. */
		MINI("FormatCBFMini"),
		/** {@code FormatCBFMiniPilatus}: PILATUS gap mask, timestamp required. */
		PILATUS("FormatCBFMiniPilatus"),
		/** {@code FormatCBFMiniPilatusDLS6MSN119}: as PILATUS, rotation axis (0, 1, 0) or (−1, 0, 0) in plate mode. */
		PILATUS_DLS_6M_SN119("FormatCBFMiniPilatusDLS6MSN119"),
		/** {@code FormatCBFMiniEiger}: EIGER gap mask, Si 0.450 mm if no sensor line, identifier = detector name. */
		EIGER("FormatCBFMiniEiger");

		private final String dxtbxName;

		Variant(String n) { this.dxtbxName = n; }

		public String dxtbxName() { return dxtbxName; }
	}

	private final Path path;
	private final Variant variant;
	private final Beam beam;
	private final Detector detector;
	private final Goniometer goniometer;
	private final Scan scan;
	private volatile CbfFile cached; // whole file, kept for compressed files only

	private MiniCbfImage(Path path, Variant variant, Beam beam, Detector detector, Goniometer goniometer, Scan scan, CbfFile cached) {
		this.path = path;
		this.variant = variant;
		this.beam = beam;
		this.detector = detector;
		this.goniometer = goniometer;
		this.scan = scan;
		this.cached = cached;
	}

	/**
	 * Opens a miniCBF file and builds its models.
	 *
	 * @throws BraggInputException if the file is unreadable or a header value needed for the models is
	 *         missing or malformed (the message names the file and the key)
	 */
	public static MiniCbfImage open(Path file, Variant variant) throws BraggInputException {
		boolean compressed = ImageFiles.isCompressed(file);
		CbfFile cbf = compressed ? CbfFile.readAll(file) : CbfFile.readHead(file);
		String name = file.toString();
		if (cbf.sections().isEmpty()) throw new BraggInputException(name + ": no binary section (--CIF-BINARY-FORMAT-SECTION--) found; file is truncated or not a CBF image");
		BinarySection sec = cbf.sections().get(0);
		MiniHeader h = MiniHeader.parse(name, cbf.headerText(), sec);
		if (sec.dataOffset() >= 0) {
			// Cheap completeness check at open time, so that import rejects a truncated file without decoding it.
			long total;
			try {
				total = compressed ? cbf.bytes().length : java.nio.file.Files.size(file);
			} catch (java.io.IOException e) {
				throw new BraggInputException(name + ": cannot read (" + e.getMessage() + ")", e);
			}
			long size = sec.size(name);
			if (sec.dataOffset() + size > total)
				throw new BraggInputException(name + ": file is truncated: header X-Binary-Size is " + size + " bytes but only "
						+ (total - sec.dataOffset()) + " bytes follow the start of the binary section");
		}

		Beam beam = beam(h);
		Detector detector = detector(name, h, sec, variant, beam.wavelength());
		Goniometer gonio = goniometer(h, variant);
		Scan scan = scan(file, h, variant);
		return new MiniCbfImage(file, variant, beam, detector, gonio, scan, compressed ? cbf : null);
	}

	private static Beam beam(MiniHeader h) throws BraggInputException {
		double wavelength = h.firstNumber("Wavelength", "the beam");
		if (!(wavelength > 0)) throw new BraggInputException(h.file() + ": header Wavelength expected a positive number, found " + wavelength);
		Beam b = Beam.simple(wavelength);
		double flux = b.flux(), transmission = b.transmission();
		if (h.has("Flux") && !h.get("Flux").isBlank()) flux = h.firstNumber("Flux", "the beam flux");
		if (h.has("Transmission") && !h.get("Transmission").isBlank()) transmission = h.firstNumber("Transmission", "the beam transmission");
		if (wavelength <= 0.05) b = b.withPolarization(new Vec3(0, 1, 0), 0.5); // dxtbx: electrons are unpolarised
		return b.withFluxTransmission(flux, transmission);
	}

	private static Detector detector(String name, MiniHeader h, BinarySection sec, Variant variant, double wavelength) throws BraggInputException {
		double distance = h.firstNumber("Detector_distance", "the detector distance");
		String bxy = h.require("Beam_xy", "the beam centre").replace("(", "").replace(")", "").replace(",", "");
		double beamX = h.number("Beam_xy", h.word(bxy, 0, "Beam_xy"), h.get("Beam_xy"));
		double beamY = h.number("Beam_xy", h.word(bxy, 1, "Beam_xy"), h.get("Beam_xy"));
		String pxy = h.require("Pixel_size", "the pixel size").replace("m", "").replace("x", "");
		double pixelX = h.number("Pixel_size", h.word(pxy, 0, "Pixel_size"), h.get("Pixel_size"));
		double pixelY = h.number("Pixel_size", h.word(pxy, 1, "Pixel_size"), h.get("Pixel_size"));
		if (!(pixelX > 0 && pixelY > 0)) throw new BraggInputException(name + ": header Pixel_size expected positive sizes, found \"" + h.get("Pixel_size") + "\"");

		String material;
		double thickness;
		String sensor;
		if (h.has("Silicon")) {
			thickness = h.number("Silicon", h.word(h.get("Silicon"), 2, "Silicon"), h.get("Silicon")) * 1000.0;
			material = "Si";
			sensor = "SENSOR_PAD";
		} else if (h.has("CdTe")) {
			thickness = h.number("CdTe", h.word(h.get("CdTe"), 2, "CdTe"), h.get("CdTe")) * 1000.0;
			material = "CdTe";
			sensor = "SENSOR_PAD";
		} else if (variant == Variant.EIGER) {
			thickness = 0.450;
			material = "Si";
			sensor = "SENSOR_PAD";
		} else if (h.has("CCD")) {
			thickness = 0;
			material = null;
			sensor = "SENSOR_CCD";
		} else {
			thickness = 0;
			material = null;
			sensor = "SENSOR_UNKNOWN";
		}
		if (variant == Variant.EIGER) sensor = "SENSOR_PAD";

		int[] dims = sec.dimensions(name);
		if (dims[0] <= 0 || dims[1] <= 0)
			throw new BraggInputException(name + ": header X-Binary-Size-Fastest-Dimension/X-Binary-Size-Second-Dimension missing or zero (found "
					+ dims[0] + ", " + dims[1] + ")");
		sec.checkDimensions(name);
		int nx = dims[0], ny = dims[1];

		double overload;
		if (h.has("Count_cutoff")) {
			String cc = h.get("Count_cutoff");
			overload = h.integer("Count_cutoff", h.word(cc, 0, "Count_cutoff"), cc);
		} else if (variant == Variant.EIGER) {
			overload = 100000000; // dxtbx: missing in GPhL-converted data (dials#376)
		} else {
			throw new BraggInputException(name + ": header key Count_cutoff is missing (needed for the trusted range)");
		}
		double underload = -1;

		double mu = 0;
		PxMmStrategy strategy = PxMmStrategy.SIMPLE;
		if (material != null) {
			if (!SensorAttenuation.known(material))
				throw new BraggInputException(name + ": no attenuation table for sensor material " + material);
			try {
				mu = SensorAttenuation.muPerMm(material, wavelength);
			} catch (IllegalArgumentException e) {
				throw new BraggInputException(name + ": header Wavelength " + wavelength + " Å: " + e.getMessage());
			}
			strategy = PxMmStrategy.PARALLAX_CORRECTED;
		}

		Vec3 fast = new Vec3(1, 0, 0), slow = new Vec3(0, -1, 0);
		double d = distance * 1000.0;
		double bcx = beamX * pixelX * 1000.0, bcy = beamY * pixelY * 1000.0;
		Vec3 origin = new Vec3(0, 0, -1).times(d).minus(fast.times(bcx)).minus(slow.times(bcy));

		List<int[]> mask = List.of();
		if (variant == Variant.PILATUS || variant == Variant.PILATUS_DLS_6M_SN119) {
			List<int[]> g = ModuleGaps.pilatus(nx, ny);
			if (g != null) mask = g;
		} else if (variant == Variant.EIGER) {
			List<int[]> g = ModuleGaps.eiger(nx, ny);
			if (g != null) mask = g;
		}
		String identifier = variant == Variant.EIGER && h.has("Detector") ? h.get("Detector") : "";
		Panel p = new Panel("Panel", sensor, fast, slow, origin, new int[] { 0, 0 }, new int[] { nx, ny },
				new double[] { 1000 * pixelX, 1000 * pixelY }, new double[] { underload, overload }, material == null ? 0 : thickness,
				material == null ? "" : material, mu, identifier, mask, 1.0, 0.0, strategy);
		return Detector.single(p);
	}

	private static Goniometer goniometer(MiniHeader h, Variant variant) {
		if (variant == Variant.PILATUS_DLS_6M_SN119) {
			String axis = h.get("Oscillation_axis");
			if (axis != null && (axis.contains("+FAST") || axis.contains("-FAST"))) return Goniometer.singleAxis(new Vec3(-1, 0, 0));
			return Goniometer.singleAxis(new Vec3(0, 1, 0));
		}
		return Goniometer.singleAxis(new Vec3(1, 0, 0));
	}

	private static Scan scan(Path file, MiniHeader h, Variant variant) throws BraggInputException {
		String name = file.toString();
		double exposure = h.firstNumber("Exposure_period", "the scan");
		double oscStart = h.firstNumber("Start_angle", "the scan");
		double oscWidth = h.firstNumber("Angle_increment", "the scan");
		double epoch = 0.0;
		boolean required = variant == Variant.PILATUS || variant == Variant.PILATUS_DLS_6M_SN119;
		if (h.has("timestamp")) {
			try {
				epoch = ImageNames.pilatusEpoch(h.get("timestamp"));
			} catch (IllegalArgumentException e) {
				throw new BraggInputException(name + ": header timestamp line \"# " + h.get("timestamp") + "\" not recognised (expected e.g. 2019-09-11T13:20:28.989)");
			}
		} else if (required) {
			throw new BraggInputException(name + ": header timestamp line (e.g. \"# 2019-09-11T13:20:28.989\") is missing (needed for the scan)");
		}
		if (oscWidth < -180) oscWidth += 360; // dxtbx#378
		int number = ImageNames.imageNumber(file.getFileName().toString());
		if (number < 0) number = 1;
		return new Scan(number, number, oscStart, oscWidth, new double[] { exposure }, new double[] { epoch }, 0);
	}

	@Override public Path path() { return path; }
	@Override public String formatName() { return variant.dxtbxName(); }
	@Override public Beam beam(int index) { checkIndex(index); return beam; }
	@Override public Detector detector(int index) { checkIndex(index); return detector; }
	@Override public Goniometer goniometer(int index) { checkIndex(index); return goniometer; }
	@Override public Scan scan(int index) { checkIndex(index); return scan; }

	private void checkIndex(int index) {
		if (index != 0) throw new IndexOutOfBoundsException("a miniCBF file holds one image; index " + index + " requested");
	}

	/**
	 * Decodes the pixels: one {@link PanelData} of ints, the raw values (gap pixels −1, bad pixels −2,
	 * overloads at or above {@code Count_cutoff}), row-major with the slow index outermost.
	 *
	 * @throws BraggInputException for a truncated file, a header/binary size mismatch, an unsupported
	 *         compression or element type
	 */
	@Override
	public PanelData[] read(int index) throws BraggInputException {
		checkIndex(index);
		CbfFile cbf = cached;
		if (cbf == null) cbf = CbfFile.readAll(path);
		String name = path.toString();
		if (cbf.sections().isEmpty()) throw new BraggInputException(name + ": file is truncated: no binary section found");
		BinarySection sec = cbf.sections().get(0);
		Panel p = detector.panel(0);
		int[] dims = sec.dimensions(name);
		if (dims[0] != p.nFast() || dims[1] != p.nSlow())
			throw new BraggInputException(name + ": header X-Binary-Size-Fastest-Dimension × X-Binary-Size-Second-Dimension changed from "
					+ p.nFast() + " × " + p.nSlow() + " to " + dims[0] + " × " + dims[1] + " since the file was opened");
		BinarySection.Values v = sec.decode(cbf.bytes(), name);
		if (v.ints() != null) return new PanelData[] { PanelData.ofInts(p.nFast(), p.nSlow(), v.ints()) };
		return new PanelData[] { PanelData.ofDoubles(p.nFast(), p.nSlow(), v.doubles()) };
	}

	@Override
	public void close() {
		cached = null;
	}
}
