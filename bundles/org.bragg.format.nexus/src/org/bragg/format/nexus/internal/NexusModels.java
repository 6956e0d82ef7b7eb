package org.bragg.format.nexus.internal;

import org.bragg.format.SensorAttenuation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;

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
 * Builds Bragg models from NXmx (NeXus for macromolecular crystallography, Bernstein et al. 2020,
 * IUCrJ 7, 784–792) and from DECTRIS "nearly NeXus" Eiger masters, following the semantics of
 * dxtbx's {@code FormatNXmx} and {@code FormatHDF5EigerNearlyNexus} (DIALS 3.12). NeXus uses the
 * McStas frame (z along the beam, y up); the DIALS (imgCIF) frame is reached by x ↦ −x, z ↦ −z.
 *
 * @since 0.1
 */
public final class NexusModels {
	private NexusModels() {}

	private static final Map<String, String> MATERIALS = Map.of("Si", "Si", "Silicon", "Si", "Sillicon", "Si", "CdTe", "CdTe", "GaAs", "GaAs");

	/** McStas → imgCIF: (x, y, z) ↦ (−x, y, −z). */
	static Vec3 toImgCif(Vec3 v) { return new Vec3(-v.x(), v.y(), -v.z()); }

	// ------------------------------------------------------------------ NXmx

	/**
	 * Reads an NXmx entry.
	 *
	 * @param eiger true for DECTRIS filewriter files: the {@code detectorSpecific} group supplies the
	 *        saturation value and pixel mask where the NXdetector lacks them, and the trusted range
	 *        starts at −1 (gaps and bad pixels read as −1)
	 */
	public static NexusImageFile nxmx(HdfFile h, Group entry, Path file, String formatName, boolean eiger) throws BraggInputException {
		String f = file.getFileName().toString();
		Group instrument = first(entry, "NXinstrument", f);
		Group det = first(instrument, "NXdetector", f);
		List<Group> modules = Hdf.groupsOfClass(det, "NXdetector_module");
		if (modules.isEmpty()) throw new BraggInputException(f + ": " + det.getPath() + " has no NXdetector_module");
		List<Group> samples = Hdf.groupsOfClass(entry, "NXsample");
		Group sample = samples.isEmpty() ? null : samples.get(0);
		List<Group> beams = Hdf.groupsOfClass(instrument, "NXbeam");
		if (beams.isEmpty() && sample != null) beams = Hdf.groupsOfClass(sample, "NXbeam");
		if (beams.isEmpty()) throw new BraggInputException(f + ": no NXbeam in " + instrument.getPath() + " or the NXsample");
		Group data = first(entry, "NXdata", f);
		Group specific = Hdf.group(det, "detectorSpecific");

		double[] wavelengths = wavelengths(beams.get(0), f);
		Beam beam = new Beam(new Vec3(0, 0, 1), wavelengths[0], 0, 0, new Vec3(0, 1, 0), 0.999, 0, 1, probe(instrument), List.of());

		FrameStack frames = FrameStack.open(data, file);
		try {
			// trusted range: (underload − 1, saturation) as dxtbx, with its defaults
			double underload = Hdf.first(Hdf.dataset(det, "underload_value"));
			double saturation = Hdf.first(Hdf.dataset(det, "saturation_value"));
			if (eiger && Double.isNaN(saturation) && specific != null) saturation = countCutoff(specific);
			double tMin = Double.isNaN(underload) ? (eiger ? -1 : -0x7FFFFFFF - 1.0) : underload - 1;
			double tMax = Double.isNaN(saturation) ? 0x7FFFFFFF : saturation;
			String material = material(det, f);
			double thickness = lengthMm(Hdf.dataset(det, "sensor_thickness"), "m", f, det.getPath() + "/sensor_thickness");
			double mu = SensorAttenuation.muPerMm(material, wavelengths[0]);

			List<Panel> panels = new ArrayList<>();
			List<NexusImageFile.ModuleSlice> slices = new ArrayList<>();
			for (Group m : modules) {
				Dataset fast = Hdf.dataset(m, "fast_pixel_direction"), slow = Hdf.dataset(m, "slow_pixel_direction");
				if (fast == null || slow == null)
					throw new BraggInputException(f + ": " + m.getPath() + " lacks fast_pixel_direction or slow_pixel_direction");
				Transformation tf = Transformation.read(fast, f), ts = Transformation.read(slow, f);
				List<Transformation> fastChain = Transformation.chain(m, Hdf.attrString(fast, "depends_on"), f);
				List<Transformation> slowChain = Transformation.chain(m, Hdf.attrString(slow, "depends_on"), f);
				Vec3 fastAxis = toImgCif(Transformation.rotateChain(fastChain, tf.vector(), 0));
				Vec3 slowAxis = toImgCif(Transformation.rotateChain(slowChain, ts.vector(), 0));
				Vec3 origin = toImgCif(Transformation.applyChain(fastChain, Vec3.ZERO, 0));
				double pxFast = tf.value(0), pxSlow = ts.value(0); // mm (translation units converted)
				int[] size = intPair(Hdf.dataset(m, "data_size"));
				int[] at = intPair(Hdf.dataset(m, "data_origin"));
				if (size == null) size = new int[] { frames.nSlow(), frames.nFast() };
				if (at == null) at = new int[] { 0, 0 };
				if (at[0] < 0 || at[1] < 0 || at[0] + size[0] > frames.nSlow() || at[1] + size[1] > frames.nFast())
					throw new BraggInputException(f + ": " + m.getPath() + " data_origin " + Arrays.toString(at) + " + data_size " + Arrays.toString(size)
							+ " lies outside the " + frames.nFast() + "×" + frames.nSlow() + " frames");
				slices.add(new NexusImageFile.ModuleSlice(at[0], at[1], size[0], size[1]));
				panels.add(new Panel(m.getPath(), "SENSOR_PAD", fastAxis, slowAxis, origin, new int[] { 0, 0 }, new int[] { size[1], size[0] },
						new double[] { pxFast, pxSlow }, new double[] { tMin, tMax }, thickness, material, mu, "", List.of(), 1.0, 0.0,
						PxMmStrategy.PARALLAX_CORRECTED));
			}
			if (panels.size() == 1) panels.set(0, fixInvertedDistance(panels.get(0), beam));
			Detector detector = new Detector(panels, null);

			Goniometer gonio = null;
			Scan scan = null;
			String dependsOn = sample == null ? null : Hdf.string(Hdf.dataset(sample, "depends_on"));
			if (dependsOn != null && !dependsOn.equals(".")) {
				List<Transformation> chain = Transformation.chain(sample, dependsOn, f);
				gonio = goniometer(chain, f);
				scan = scan(chain, Hdf.dataset(det, "frame_time"), f);
			}
			int n = scan != null ? scan.numImages() : frames.frames();
			boolean[][] mask = staticMask(Hdf.dataset(det, "pixel_mask"), slices, f);
			if (mask == null && eiger && specific != null) mask = staticMask(Hdf.dataset(specific, "pixel_mask"), slices, f);
			double bits = Hdf.first(Hdf.dataset(det, "bit_depth_readout"));
			return new NexusImageFile(file, formatName, beam, wavelengths, detector, gonio, scan, n, frames, slices, mask,
					Double.isNaN(bits) ? 0 : (int) bits, h);
		} catch (BraggInputException | RuntimeException e) {
			frames.close();
			throw e;
		}
	}

	/** As dxtbx FormatNXmx: a single panel facing the beam on the source side is moved to −z. */
	private static Panel fixInvertedDistance(Panel p, Beam beam) {
		Vec3 x = beam.direction();
		if (Math.abs(p.normal().dot(x)) > 0.99 && p.origin().dot(x) > 0)
			return p.withFrame(p.fastAxis(), p.slowAxis(), new Vec3(p.origin().x(), p.origin().y(), -p.origin().z()));
		return p;
	}

	private static Group first(Group parent, String nxClass, String f) throws BraggInputException {
		List<Group> l = Hdf.groupsOfClass(parent, nxClass);
		if (l.isEmpty()) throw new BraggInputException(f + ": " + parent.getPath() + " has no " + nxClass + " group");
		return l.get(0);
	}

	private static double[] wavelengths(Group beam, String f) throws BraggInputException {
		Dataset w = Hdf.dataset(beam, "incident_wavelength");
		double[] v = Hdf.doubles(w);
		if (v == null || v.length == 0) throw new BraggInputException(f + ": " + beam.getPath() + "/incident_wavelength is missing");
		String u = Hdf.units(w, "angstrom");
		double k = Units.toAngstrom(u);
		if (Double.isNaN(k)) throw new BraggInputException(f + ": " + w.getPath() + " attribute units expected a length, found '" + u + "'");
		double[] out = new double[v.length];
		for (int i = 0; i < v.length; i++) {
			out[i] = v[i] * k;
			if (!(out[i] > 0)) throw new BraggInputException(f + ": " + w.getPath() + " expected a positive wavelength, found " + v[i] + " " + u);
		}
		return out;
	}

	private static Probe probe(Group instrument) {
		for (Group s : Hdf.groupsOfClass(instrument, "NXsource")) {
			String p = Hdf.string(Hdf.dataset(s, "probe"));
			if (p == null) continue;
			p = p.toLowerCase(Locale.ROOT);
			if (p.contains("electron")) return Probe.ELECTRON;
			if (p.contains("neutron")) return Probe.NEUTRON;
		}
		return Probe.XRAY;
	}

	private static String material(Group det, String f) throws BraggInputException {
		String raw = Hdf.string(Hdf.dataset(det, "sensor_material"));
		String m = raw == null ? null : MATERIALS.get(raw);
		if (m == null) throw new BraggInputException(f + ": " + det.getPath() + "/sensor_material expected Si, Silicon, CdTe or GaAs, found "
				+ (raw == null ? "nothing" : "'" + raw + "'"));
		return m;
	}

	private static double lengthMm(Dataset d, String dfltUnit, String f, String what) throws BraggInputException {
		double v = Hdf.first(d);
		if (Double.isNaN(v)) throw new BraggInputException(f + ": " + what + " is missing");
		String u = Hdf.units(d, dfltUnit);
		double k = Units.toMm(u);
		if (Double.isNaN(k)) throw new BraggInputException(f + ": " + what + " attribute units expected a length, found '" + u + "'");
		return v * k;
	}

	private static double countCutoff(Group specific) {
		double c = Hdf.first(Hdf.dataset(specific, "countrate_correction_count_cutoff"));
		if (Double.isNaN(c)) c = Hdf.first(Hdf.dataset(Hdf.group(specific, "detectorModule_000"), "countrate_correction_count_cutoff"));
		return c;
	}

	private static int[] intPair(Dataset d) {
		double[] v = Hdf.doubles(d);
		if (v == null || v.length < 2) return null;
		return new int[] { (int) v[v.length - 2], (int) v[v.length - 1] };
	}

	/** Rotation axes of a sample chain → goniometer (null if the chain has no rotation). */
	static Goniometer goniometer(List<Transformation> chain, String f) throws BraggInputException {
		List<Vec3> axes = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<Double> angles = new ArrayList<>();
		int scanAxis = -1, scans = 0;
		for (Transformation t : chain) {
			if (!t.isRotation()) continue;
			if (t.varies()) {
				scans++;
				scanAxis = axes.size();
			}
			axes.add(toImgCif(t.vector()));
			names.add(t.name());
			angles.add(t.value(0));
		}
		if (axes.isEmpty()) return null;
		if (axes.size() == 1) return Goniometer.singleAxis(axes.get(0));
		if (scans > 1) throw new BraggInputException(f + ": the sample's depends_on chain has " + scans + " rotating axes; only one scan axis is supported");
		return Goniometer.multiAxis(axes, angles.stream().mapToDouble(Double::doubleValue).toArray(), names, Math.max(scanAxis, 0));
	}

	/**
	 * The scan of a sample chain, as dxtbx: the first rotation whose values vary, else the first
	 * varying axis, else the first axis; start = first value, width = median step (from
	 * {@code <axis>_end} if present); exposure and epoch spacing from {@code frame_time}.
	 */
	static Scan scan(List<Transformation> chain, Dataset frameTime, String f) throws BraggInputException {
		if (chain.isEmpty()) return null;
		Transformation axis = null;
		for (Transformation t : chain) if (t.isRotation() && t.size() > 1 && t.varies()) { axis = t; break; }
		if (axis == null) for (Transformation t : chain) if (t.size() > 1 && t.varies()) { axis = t; break; }
		if (axis == null) axis = chain.get(0);
		int n = axis.size();
		double start = 0, width = 0;
		if (axis.isRotation()) {
			double[] v = axis.values();
			start = v[0];
			double[] end = axis.endValues();
			double[] steps = null;
			if (end != null && end.length == n) {
				steps = new double[n];
				for (int i = 0; i < n; i++) steps[i] = end[i] - v[i];
			} else if (n > 1) {
				steps = new double[n - 1];
				for (int i = 0; i < n - 1; i++) steps[i] = v[i + 1] - v[i];
			}
			width = steps == null ? 0 : median(steps);
		}
		double[] exposure = new double[n], epochs = new double[n];
		double ft = Hdf.first(frameTime);
		if (!Double.isNaN(ft)) {
			String u = Hdf.units(frameTime, "s");
			double k = Units.toSeconds(u);
			if (Double.isNaN(k)) throw new BraggInputException(f + ": " + frameTime.getPath() + " attribute units expected a time, found '" + u + "'");
			ft *= k;
			for (int i = 0; i < n; i++) {
				exposure[i] = ft;
				epochs[i] = i * ft;
			}
		}
		return new Scan(1, n, start, width, exposure, epochs, 0);
	}

	private static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		int n = s.length;
		return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
	}

	/** pixel_mask (slow, fast), 0 = good → one boolean[] per module (true = valid); null if absent or not 2-D. */
	static boolean[][] staticMask(Dataset d, List<NexusImageFile.ModuleSlice> slices, String f) throws BraggInputException {
		if (d == null) return null;
		int[] dims = d.getDimensions();
		if (dims.length != 2) return null;
		double[] v = Hdf.doubles(d);
		if (v == null) throw new BraggInputException(f + ": " + d.getPath() + " cannot be read as integers");
		int nx = dims[1];
		boolean[][] out = new boolean[slices.size()][];
		for (int k = 0; k < out.length; k++) {
			NexusImageFile.ModuleSlice m = slices.get(k);
			if (m.y0() + m.ny() > dims[0] || m.x0() + m.nx() > dims[1])
				throw new BraggInputException(f + ": " + d.getPath() + " is " + dims[1] + "×" + dims[0] + " px, smaller than the image data");
			boolean[] b = new boolean[m.nx() * m.ny()];
			for (int y = 0; y < m.ny(); y++)
				for (int x = 0; x < m.nx(); x++) b[y * m.nx() + x] = v[(m.y0() + y) * nx + m.x0() + x] == 0;
			out[k] = b;
		}
		return out;
	}

	// ------------------------------------------------------------------ DECTRIS nearly NeXus

	/**
	 * Reads a DECTRIS Eiger master file without an NXmx definition, as dxtbx's
	 * {@code FormatHDF5EigerNearlyNexus}: one {@code SENSOR_PAD} panel named
	 * {@code /entry/instrument/detector}; fast and slow axes from
	 * {@code detector/geometry/orientation/value} (z negated, then McStas → imgCIF; default fast +x,
	 * slow −y in the lab); the beam hits the panel at ({@code beam_center_x}·{@code x_pixel_size},
	 * {@code beam_center_y}·{@code y_pixel_size}) and the panel is {@code detector_distance} (or the
	 * z of {@code geometry/translation/distances}) downstream; trusted range (−1,
	 * {@code countrate_correction_count_cutoff}); module gaps of Eiger X / Eiger2 X layouts masked.
	 * Goniometer: {@code sample/transformations/omega} if present, else a single axis +x in the lab
	 * (+y for detector E-32-0105) with angles from {@code sample/goniometer/omega} (one per frame;
	 * unlike dxtbx, which starts at 0, the recorded start angle is kept) or multiples of
	 * {@code omega_range_average}. Exposure and epochs from {@code frame_time}. The number of images
	 * is the number of frames in the linked data files, all of which must be present.
	 */
	public static NexusImageFile eigerNearlyNexus(HdfFile h, Path file, String formatName) throws BraggInputException {
		String f = file.getFileName().toString();
		Group entry = Hdf.group(h, "entry");
		Group instrument = Hdf.group(entry, "instrument");
		Group det = Hdf.group(instrument, "detector");
		if (det == null) throw new BraggInputException(f + ": /entry/instrument/detector is missing");
		Group specific = Hdf.group(det, "detectorSpecific");
		Group beamG = Hdf.group(instrument, "beam");
		if (beamG == null) throw new BraggInputException(f + ": /entry/instrument/beam is missing");
		Group data = Hdf.group(entry, "data");
		if (data == null) throw new BraggInputException(f + ": /entry/data is missing");
		double[] wavelengths = wavelengths(beamG, f);
		Beam beam = new Beam(new Vec3(0, 0, 1), wavelengths[0], 0, 0, new Vec3(0, 1, 0), 0.999, 0, 1, Probe.XRAY, List.of());

		FrameStack frames = FrameStack.open(data, file);
		try {
			double px = lengthMm(Hdf.dataset(det, "x_pixel_size"), "m", f, det.getPath() + "/x_pixel_size");
			double py = lengthMm(Hdf.dataset(det, "y_pixel_size"), "m", f, det.getPath() + "/y_pixel_size");
			double bx = Hdf.first(Hdf.dataset(det, "beam_center_x")), by = Hdf.first(Hdf.dataset(det, "beam_center_y"));
			if (Double.isNaN(bx) || Double.isNaN(by)) throw new BraggInputException(f + ": " + det.getPath() + "/beam_center_x or beam_center_y is missing");
			Group geometry = Hdf.group(det, "geometry");
			double[] orient = Hdf.doubles(Hdf.dataset(Hdf.group(geometry, "orientation"), "value"));
			Vec3 fastM = new Vec3(-1, 0, 0), slowM = new Vec3(0, -1, 0);
			if (orient != null && orient.length >= 6) {
				fastM = new Vec3(orient[0], orient[1], -orient[2]);
				slowM = new Vec3(orient[3], orient[4], -orient[5]);
			}
			double distance;
			Dataset dd = Hdf.dataset(det, "detector_distance");
			if (dd != null) distance = lengthMm(dd, "m", f, det.getPath() + "/detector_distance");
			else {
				Dataset t = Hdf.dataset(Hdf.group(geometry, "translation"), "distances");
				double[] v = Hdf.doubles(t);
				if (v == null || v.length < 3) throw new BraggInputException(f + ": " + det.getPath() + "/detector_distance is missing");
				distance = Math.abs(v[2]) * Units.toMm(Hdf.units(t, "m"));
			}
			Vec3 fast = toImgCif(fastM).normalize(), slow = toImgCif(slowM).normalize();
			Vec3 origin = new Vec3(0, 0, -distance).minus(fast.times(bx * px)).minus(slow.times(by * py));
			String material = material(det, f);
			double thickness = lengthMm(Hdf.dataset(det, "sensor_thickness"), "m", f, det.getPath() + "/sensor_thickness");
			double cutoff = specific == null ? Double.NaN : countCutoff(specific);
			int nx = frames.nFast(), ny = frames.nSlow();
			List<NexusImageFile.ModuleSlice> slices = List.of(new NexusImageFile.ModuleSlice(0, 0, ny, nx));
			Panel p = new Panel(det.getPath(), "SENSOR_PAD", fast, slow, origin, new int[] { 0, 0 }, new int[] { nx, ny }, new double[] { px, py },
					new double[] { -1, Double.isNaN(cutoff) ? 0x7FFFFFFF : cutoff }, thickness, material, SensorAttenuation.muPerMm(material, wavelengths[0]), "",
					eigerGaps(nx, ny), 1.0, 0.0, PxMmStrategy.PARALLAX_CORRECTED);
			Detector detector = Detector.single(p);

			int n = frames.frames();
			Group sample = Hdf.group(entry, "sample");
			Transformation omega = null;
			Dataset tOmega = Hdf.dataset(Hdf.group(sample, "transformations"), "omega");
			if (tOmega != null && Hdf.doubles(tOmega) != null && Hdf.attrDoubles(tOmega, "vector") != null) omega = Transformation.read(tOmega, f);
			Vec3 axis;
			double[] angles;
			double width;
			if (omega != null) {
				axis = toImgCif(omega.vector());
				angles = omega.values();
				width = angles.length > 1 ? angles[1] - angles[0] : 0;
			} else {
				String sn = Hdf.string(Hdf.dataset(det, "detector_number"));
				axis = toImgCif("E-32-0105".equals(sn) ? new Vec3(0, 1, 0) : new Vec3(-1, 0, 0));
				Group gon = Hdf.group(sample, "goniometer");
				double[] recorded = Hdf.doubles(Hdf.dataset(gon, "omega"));
				double increment = Hdf.first(Hdf.dataset(gon, "omega_increment"));
				if (recorded != null && recorded.length >= n && n > 0) {
					angles = Arrays.copyOf(recorded, n);
					width = n > 1 ? angles[1] - angles[0] : Double.isNaN(increment) ? 0 : increment;
				} else {
					double avg = Hdf.first(Hdf.dataset(gon, "omega_range_average"));
					if (Double.isNaN(avg)) avg = Double.isNaN(increment) ? 0 : increment;
					avg = Math.floor(avg * 100 + 0.5) / 100.0; // as dxtbx rounds omega_range_average
					angles = new double[Math.max(n, 1)];
					for (int i = 0; i < angles.length; i++) angles[i] = avg * i;
					width = avg;
				}
			}
			return finishNearly(file, formatName, beam, wavelengths, detector, axis, angles, width, det, frames, slices, specific, h, f);
		} catch (BraggInputException | RuntimeException e) {
			frames.close();
			throw e;
		}
	}

	private static NexusImageFile finishNearly(Path file, String formatName, Beam beam, double[] wavelengths, Detector detector, Vec3 axis,
			double[] angles, double width, Group det, FrameStack frames, List<NexusImageFile.ModuleSlice> slices, Group specific, HdfFile h, String f)
			throws BraggInputException {
		int n = frames.frames();
		double[] exposure = new double[n], epochs = new double[n];
		double ft = Hdf.first(Hdf.dataset(det, "frame_time"));
		if (!Double.isNaN(ft)) {
			ft *= Units.toSeconds(Hdf.units(Hdf.dataset(det, "frame_time"), "s"));
			for (int i = 0; i < n; i++) {
				exposure[i] = ft;
				epochs[i] = i * ft;
			}
		}
		Scan scan = n == 0 ? null : new Scan(1, n, angles.length > 0 ? angles[0] : 0, width, exposure, epochs, 0);
		boolean[][] mask = specific == null ? null : staticMask(Hdf.dataset(specific, "pixel_mask"), slices, f);
		return new NexusImageFile(file, formatName, beam, wavelengths, detector, Goniometer.singleAxis(axis), scan, n, frames, slices, mask, 0, h);
	}

	/**
	 * The inter-module gaps of DECTRIS Eiger X (modules 1030×514 px, gaps 10 and 37 px) and
	 * Eiger2 X (1028×512 px, gaps 12 and 38 px) detectors, as untrusted rectangles {x0, y0, x1, y1}
	 * (x1, y1 exclusive, as {@link Panel#mask()}), as dxtbx's {@code determine_eiger_mask}; empty if
	 * the image size matches neither layout.
	 */
	public static List<int[]> eigerGaps(int nx, int ny) {
		int[][] layouts = { { 1030, 514, 10, 37 }, { 1028, 512, 12, 38 } };
		for (int[] l : layouts) {
			int[] gaps = gapsFor(nx, ny, l[0], l[1], l[2], l[3]);
			if (gaps != null) {
				List<int[]> out = new ArrayList<>();
				int nf = gaps[0], ns = gaps[1];
				for (int i = 0; i < nf - 1; i++) {
					int x0 = (i + 1) * l[0] + i * l[2];
					out.add(new int[] { x0, 0, x0 + l[2], ny });
				}
				for (int j = 0; j < ns - 1; j++) {
					int y0 = (j + 1) * l[1] + j * l[3];
					out.add(new int[] { 0, y0, nx, y0 + l[3] });
				}
				return out;
			}
		}
		return List.of();
	}

	private static int[] gapsFor(int nx, int ny, int mf, int ms, int gf, int gs) {
		for (int nf = 1; nf <= 4; nf++) {
			if (nf * mf + (nf - 1) * gf != nx) continue;
			for (int ns = 1; ns <= 16; ns++) if (ns * ms + (ns - 1) * gs == ny) return new int[] { nf, ns };
		}
		return null;
	}
}
