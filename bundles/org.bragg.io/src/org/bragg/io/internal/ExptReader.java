package org.bragg.io.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.ImageSet;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Probe;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.io.internal.DetectorFrames.Frame;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Decodes a DIALS {@code .expt} document (dxtbx {@code ExperimentList} JSON) into Bragg models. See
 * {@link org.bragg.io.ExperimentListIO} for the rules; this class holds the per-model decoders.
 */
public final class ExptReader {
	/** Wavelength (Å) below which a beam without a {@code probe} key is taken to be an electron beam. */
	public static final double ELECTRON_WAVELENGTH_LIMIT = 0.1;

	private static final ObjectMapper MAPPER = JsonMapper.builder()
			.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();

	private static final Set<String> SCAN_KEYS = Set.of("image_range", "batch_offset", "oscillation", "exposure_time", "epochs",
			"valid_image_ranges");
	private static final Set<String> CRYSTAL_KEYS = Set.of("real_space_a", "real_space_b", "real_space_c", "space_group_hall_symbol",
			"A_at_scan_points");

	private final String file;
	private final Path directory;

	private ExptReader(String file, Path directory) {
		this.file = file;
		this.directory = directory;
	}

	/**
	 * @param json the document
	 * @param directory the directory relative image paths are resolved against (absolute)
	 * @param file the name used in error messages
	 */
	public static ExperimentList decode(byte[] json, Path directory, String file) throws BraggInputException {
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
		} catch (JsonProcessingException e) {
			String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
			throw new BraggInputException(file + ": malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()), e);
		} catch (IOException e) {
			throw new BraggInputException(file + ": cannot parse: " + e.getMessage(), e);
		}
		if (root == null || root.isMissingNode()) throw new BraggInputException(file + ": empty file, expected an ExperimentList JSON document");
		return new ExptReader(file, directory).decode(new JsonField(file, "", root));
	}

	private static String firstLine(String s) {
		if (s == null) return "";
		int i = s.indexOf('\n');
		return i < 0 ? s : s.substring(0, i);
	}

	private ExperimentList decode(JsonField root) throws BraggInputException {
		if (!root.node().isObject())
			throw new BraggInputException(file + ": expected an \"ExperimentList\" JSON object, found " + JsonField.describe(root.node()));
		JsonField id = root.opt("__id__");
		if (id == null || !id.node().isTextual() || !"ExperimentList".equals(id.node().textValue()))
			throw new BraggInputException(file + ": __id__ expected \"ExperimentList\", found "
					+ (id == null ? "nothing" : JsonField.describe(id.node())) + " (not a DIALS experiment list)");

		List<Beam> beams = list(root, "beam", this::beam);
		List<Detector> detectors = list(root, "detector", this::detector);
		List<Goniometer> gonios = list(root, "goniometer", this::goniometer);
		List<Scan> scans = list(root, "scan", this::scan);
		List<Crystal> crystals = list(root, "crystal", this::crystal);
		List<Map<String, Object>> profiles = list(root, "profile", JsonField::toPlainMap);
		List<Map<String, Object>> scaling = list(root, "scaling_model", JsonField::toPlainMap);
		List<ImageSet> imagesets = list(root, "imageset", this::imageSet);

		JsonField ex = root.req("experiment");
		int n = ex.arraySize();
		List<Experiment> out = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			JsonField e = ex.at(i).requireObject();
			String identifier = e.optString("identifier", "");
			out.add(new Experiment(identifier, ref(e, "beam", beams), ref(e, "detector", detectors), ref(e, "goniometer", gonios),
					ref(e, "scan", scans), ref(e, "crystal", crystals), ref(e, "imageset", imagesets), ref(e, "profile", profiles),
					ref(e, "scaling_model", scaling)));
		}
		return new ExperimentList(out);
	}

	@FunctionalInterface
	private interface Decoder<T> {
		T decode(JsonField f) throws BraggInputException;
	}

	private static <T> List<T> list(JsonField root, String key, Decoder<T> d) throws BraggInputException {
		JsonField arr = root.opt(key);
		if (arr == null) return List.of();
		int n = arr.arraySize();
		List<T> l = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			JsonField item = arr.at(i);
			if (item.node().isNull()) {
				l.add(null);
				continue;
			}
			try {
				l.add(d.decode(item));
			} catch (IllegalArgumentException | IllegalStateException ex) {
				// a model constructor rejected the values (e.g. parallel panel axes)
				throw item.error("is not a valid " + key + ": " + ex.getMessage());
			}
		}
		return l;
	}

	private static <T> T ref(JsonField e, String key, List<T> models) throws BraggInputException {
		JsonField f = e.opt(key);
		if (f == null) return null;
		if (f.node().isTextual())
			throw f.error("refers to a separate model file \"" + f.node().textValue() + "\", which Bragg does not support; expected an index");
		int i = f.asInt();
		if (i < 0 || i >= models.size())
			throw f.error("index " + i + " is out of range: the file has " + models.size() + " " + key + " model" + (models.size() == 1 ? "" : "s"));
		return models.get(i);
	}

	// ---- beam -----------------------------------------------------------------------------------

	private Beam beam(JsonField b) throws BraggInputException {
		b.requireObject();
		Vec3 direction = b.reqVec3("direction");
		if (direction.length() == 0) throw b.req("direction").error("must not be the zero vector");
		double wavelength = b.reqDouble("wavelength");
		if (!(wavelength > 0)) throw b.req("wavelength").error("expected a positive wavelength in Å, found " + wavelength);
		double divergence = Math.toRadians(b.optDouble("divergence", 0));
		double sigmaDivergence = Math.toRadians(b.optDouble("sigma_divergence", 0));
		JsonField pn = b.opt("polarization_normal");
		Vec3 polNormal = pn == null ? new Vec3(0, 1, 0) : pn.asVec3();
		double polFraction = b.optDouble("polarization_fraction", 0.999);
		double flux = b.optDouble("flux", 0);
		double transmission = b.optDouble("transmission", 1);
		JsonField s0s = b.opt("s0_at_scan_points");
		List<Vec3> s0AtScanPoints = s0s == null ? List.of() : s0s.asVec3List();
		Probe probe;
		JsonField p = b.opt("probe");
		if (p != null) {
			try {
				probe = Probe.fromDxtbxName(p.asString());
			} catch (IllegalArgumentException e) {
				throw p.error("expected \"x-ray\", \"electron\" or \"neutron\", found " + JsonField.describe(p.node()));
			}
		} else {
			probe = inferProbe(wavelength);
		}
		return new Beam(direction, wavelength, divergence, sigmaDivergence, polNormal, polFraction, flux, transmission, probe, s0AtScanPoints);
	}

	/** @return the probe assumed for a beam without a {@code probe} key: electrons below 0.1 Å, else X-rays */
	public static Probe inferProbe(double wavelength) {
		return wavelength < ELECTRON_WAVELENGTH_LIMIT ? Probe.ELECTRON : Probe.XRAY;
	}

	// ---- detector -------------------------------------------------------------------------------

	/** A panel as found in the file: its frame is local to its parent group. */
	private record RawPanel(JsonField where, Frame local, Panel template) {}

	private Detector detector(JsonField d) throws BraggInputException {
		d.requireObject();
		JsonField ps = d.req("panels");
		int n = ps.arraySize();
		if (n == 0) throw ps.error("expected at least one panel, found an empty array");
		List<RawPanel> raw = new ArrayList<>(n);
		for (int i = 0; i < n; i++) raw.add(panel(ps.at(i).requireObject()));
		JsonField h = d.opt("hierarchy");
		Panel[] panels = new Panel[n];
		if (h == null) {
			for (int i = 0; i < n; i++) panels[i] = place(raw.get(i), Frame.IDENTITY);
			return new Detector(Arrays.asList(panels), null);
		}
		h.requireObject();
		if (h.has("panel")) throw h.error("the hierarchy root must be a group, found a panel reference");
		boolean[] used = new boolean[n];
		DetectorNode.Group root = group(h, Frame.IDENTITY, raw, panels, used);
		for (int i = 0; i < n; i++) if (!used[i]) throw h.error("does not contain panel " + i + " (every panel must appear once)");
		return new Detector(Arrays.asList(panels), isTrivial(root) ? null : root);
	}

	/**
	 * The hierarchy dxtbx writes for a flat detector: an unnamed root at the identity frame holding panels
	 * 0..n−1 in order. It carries no information, so it is read as "no explicit hierarchy".
	 */
	private static boolean isTrivial(DetectorNode.Group root) {
		if (!root.name().isEmpty() || !root.type().isEmpty()) return false;
		if (!root.fastAxis().equals(Frame.IDENTITY.fast()) || !root.slowAxis().equals(Frame.IDENTITY.slow())
				|| !root.origin().equals(Frame.IDENTITY.origin()))
			return false;
		for (int i = 0; i < root.children().size(); i++)
			if (!(root.children().get(i) instanceof DetectorNode.PanelRef r) || r.panel() != i) return false;
		return true;
	}

	private DetectorNode.Group group(JsonField g, Frame parent, List<RawPanel> raw, Panel[] panels, boolean[] used)
			throws BraggInputException {
		Frame global = DetectorFrames.toGlobal(parent, frame(g, true));
		JsonField kids = g.req("children");
		int n = kids.arraySize();
		List<DetectorNode> children = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			JsonField c = kids.at(i).requireObject();
			if (c.has("panel")) {
				JsonField pi = c.req("panel");
				int k = pi.asInt();
				if (k < 0 || k >= panels.length) throw pi.error("index " + k + " is out of range: the detector has " + panels.length + " panels");
				if (used[k]) throw pi.error("refers to panel " + k + " a second time");
				used[k] = true;
				panels[k] = place(raw.get(k), global);
				children.add(new DetectorNode.PanelRef(k));
			} else {
				children.add(group(c, global, raw, panels, used));
			}
		}
		return new DetectorNode.Group(g.optString("name", ""), g.optString("type", ""), global.fast(), global.slow(), global.origin(),
				children);
	}

	private static Panel place(RawPanel r, Frame parent) throws BraggInputException {
		Frame g = DetectorFrames.toGlobal(parent, r.local());
		try {
			return r.template().withFrame(g.fast(), g.slow(), g.origin());
		} catch (IllegalArgumentException e) {
			throw r.where().error("is not a valid panel: " + e.getMessage());
		}
	}

	/** Reads fast_axis, slow_axis and origin; for groups they default to the identity frame, as in dxtbx. */
	private static Frame frame(JsonField p, boolean optional) throws BraggInputException {
		if (optional && !p.has("fast_axis") && !p.has("slow_axis") && !p.has("origin")) return Frame.IDENTITY;
		Vec3 f = p.reqVec3("fast_axis"), s = p.reqVec3("slow_axis"), o = p.reqVec3("origin");
		if (f.length() == 0) throw p.req("fast_axis").error("must not be the zero vector");
		if (s.length() == 0) throw p.req("slow_axis").error("must not be the zero vector");
		if (Math.abs(f.normalize().dot(s.normalize())) > 1e-6) throw p.error("fast_axis and slow_axis are not perpendicular");
		return new Frame(f, s, o);
	}

	private RawPanel panel(JsonField p) throws BraggInputException {
		Frame local = frame(p, false);
		String name = p.optString("name", "");
		String type = p.optString("type", "");
		int[] rawOffset = p.optInts("raw_image_offset", 2, new int[] { 0, 0 });
		JsonField is = p.req("image_size");
		int[] imageSize = is.asInts(2);
		if (imageSize[0] < 0 || imageSize[1] < 0) throw is.error("expected non-negative sizes, found " + JsonField.describe(is.node()));
		double[] pixelSize = p.reqDoubles("pixel_size", 2);
		double[] trusted = p.optDoubles("trusted_range", 2, new double[] { 0, 0 });
		double thickness = p.optDouble("thickness", 0);
		String material = p.optString("material", "");
		double mu = p.optDouble("mu", 0);
		String identifier = p.optString("identifier", "");
		List<int[]> mask = new ArrayList<>();
		JsonField m = p.opt("mask");
		if (m != null) {
			int k = m.arraySize();
			for (int i = 0; i < k; i++) mask.add(m.at(i).asInts(4));
		}
		double gain = p.optDouble("gain", 1);
		double pedestal = p.optDouble("pedestal", 0);
		PxMmStrategy strategy = PxMmStrategy.SIMPLE;
		JsonField st = p.opt("px_mm_strategy");
		if (st != null) {
			st.requireObject();
			JsonField t = st.req("type");
			try {
				strategy = PxMmStrategy.fromDxtbxName(t.asString());
			} catch (IllegalArgumentException e) {
				throw t.error("expected SimplePxMmStrategy, ParallaxCorrectedPxMmStrategy, OffsetPxMmStrategy or "
						+ "OffsetParallaxCorrectedPxMmStrategy, found " + JsonField.describe(t.node()));
			}
			if (st.has("mu") && st.has("t0")) { // older files carried the parallax parameters here
				mu = st.reqDouble("mu");
				thickness = st.reqDouble("t0");
			}
		}
		Panel template;
		try {
			template = new Panel(name, type, local.fast(), local.slow(), local.origin(), rawOffset, imageSize, pixelSize, trusted, thickness,
					material, mu, identifier, mask, gain, pedestal, strategy);
		} catch (IllegalArgumentException e) {
			throw p.error("is not a valid panel: " + e.getMessage());
		}
		return new RawPanel(p, local, template);
	}

	// ---- goniometer -----------------------------------------------------------------------------

	private Goniometer goniometer(JsonField g) throws BraggInputException {
		g.requireObject();
		Goniometer gonio;
		if (g.has("axes") && g.has("angles") && g.has("scan_axis")) {
			JsonField axes = g.req("axes");
			List<Vec3> ax = axes.asVec3List();
			double[] angles = g.reqDoubles("angles", ax.size());
			JsonField names = g.req("names");
			int nn = names.arraySize();
			if (nn != ax.size()) throw names.error("expected " + ax.size() + " names, found " + JsonField.describe(names.node()));
			List<String> nm = new ArrayList<>(nn);
			for (int i = 0; i < nn; i++) nm.add(names.at(i).asString());
			JsonField sa = g.req("scan_axis");
			int scanAxis = sa.asInt();
			if (scanAxis < 0 || scanAxis >= ax.size()) throw sa.error("expected an axis index 0.." + (ax.size() - 1) + ", found " + scanAxis);
			for (int i = 0; i < ax.size(); i++) if (ax.get(i).length() == 0) throw axes.at(i).error("must not be the zero vector");
			gonio = Goniometer.multiAxis(ax, angles, nm, scanAxis);
		} else {
			Vec3 axis = g.reqVec3("rotation_axis");
			if (axis.length() == 0) throw g.req("rotation_axis").error("must not be the zero vector");
			gonio = new Goniometer(axis, g.optMat3("fixed_rotation", Mat3.IDENTITY), g.optMat3("setting_rotation", Mat3.IDENTITY), List.of());
		}
		JsonField sv = g.opt("setting_rotation_at_scan_points");
		if (sv != null) gonio = gonio.withSettingRotationAtScanPoints(sv.asMat3List());
		return gonio;
	}

	// ---- scan -----------------------------------------------------------------------------------

	private Scan scan(JsonField s) throws BraggInputException {
		s.requireObject();
		JsonField ir = s.req("image_range");
		int[] range = ir.asInts(2);
		if (range[1] < range[0]) throw ir.error("expected first ≤ last, found " + JsonField.describe(ir.node()));
		int num = range[1] - range[0] + 1;
		double[] osc = s.reqDoubles("oscillation", 2);
		int batchOffset = s.optInt("batch_offset", 0);
		double[] exposure = perImage(s.opt("exposure_time"), num, false);
		double[] epochs = perImage(s.opt("epochs"), num, true);
		Map<String, List<int[]>> valid = new LinkedHashMap<>();
		JsonField v = s.opt("valid_image_ranges");
		if (v != null) {
			for (String key : v.keys()) {
				JsonField l = v.req(key);
				int k = l.arraySize();
				List<int[]> rs = new ArrayList<>(k);
				for (int i = 0; i < k; i++) rs.add(l.at(i).asInts(2));
				valid.put(key, rs);
			}
		}
		Map<String, Object> extras = new LinkedHashMap<>();
		for (String key : s.keys()) if (!SCAN_KEYS.contains(key)) extras.put(key, JsonField.toPlain(s.node().get(key)));
		return new Scan(range[0], range[1], osc[0], osc[1], exposure, epochs, batchOffset, valid, extras);
	}

	/**
	 * Per-image values completed as dxtbx completes them: a single number or a short list is extended
	 * by repeating the last exposure time, or by continuing the last epoch step; nothing gives zeros.
	 */
	private static double[] perImage(JsonField f, int num, boolean epochs) throws BraggInputException {
		double[] given;
		if (f == null) given = new double[0];
		else if (f.node().isNumber()) given = new double[] { f.asDouble() };
		else given = f.asDoubles(-1);
		if (given.length > num) throw f.error("expected at most " + num + " values (one per image), found " + given.length);
		double[] out = new double[num];
		if (given.length == 0) return out;
		System.arraycopy(given, 0, out, 0, given.length);
		int nl = given.length;
		if (epochs && nl >= 2) {
			double e0 = given[nl - 1], de = e0 - given[nl - 2];
			for (int i = nl; i < num; i++) out[i] = e0 + (i - nl + 1) * de;
		} else {
			for (int i = nl; i < num; i++) out[i] = given[nl - 1];
		}
		return out;
	}

	// ---- crystal --------------------------------------------------------------------------------

	private Crystal crystal(JsonField c) throws BraggInputException {
		c.requireObject();
		Vec3 a = c.reqVec3("real_space_a"), b = c.reqVec3("real_space_b"), cc = c.reqVec3("real_space_c");
		String hall = c.reqString("space_group_hall_symbol");
		JsonField asp = c.opt("A_at_scan_points");
		List<Mat3> aAtScanPoints = asp == null ? List.of() : asp.asMat3List();
		Map<String, Object> extras = new LinkedHashMap<>();
		for (String key : c.keys()) if (!CRYSTAL_KEYS.contains(key)) extras.put(key, JsonField.toPlain(c.node().get(key)));
		try {
			return new Crystal(a, b, cc, hall, aAtScanPoints, extras);
		} catch (IllegalArgumentException | IllegalStateException e) {
			throw c.error("is not a valid crystal: " + e.getMessage());
		}
	}

	// ---- imageset -------------------------------------------------------------------------------

	private ImageSet imageSet(JsonField s) throws BraggInputException {
		s.requireObject();
		JsonField idf = s.req("__id__");
		String id = idf.asString();
		String kind;
		switch (id) {
			case "ImageSequence", "ImageSweep" -> kind = ImageSet.SEQUENCE;
			case "ImageSet" -> kind = ImageSet.STILLS;
			case "ImageGrid" -> kind = ImageSet.GRID;
			case "MemImageSet" -> {
				return null; // in-memory images cannot be reloaded (dxtbx gives None too)
			}
			default -> throw idf.error("expected ImageSequence, ImageSet, ImageGrid or MemImageSet, found " + JsonField.describe(idf.node()));
		}
		Path template = null;
		List<Path> paths = new ArrayList<>();
		if (kind.equals(ImageSet.SEQUENCE)) {
			JsonField t = s.req("template");
			String ts = t.asString();
			if (ts.isEmpty()) throw t.error("expected a file name template, found \"\"");
			template = resolve(t, ts);
		} else {
			JsonField im = s.req("images");
			int n = im.arraySize();
			if (n == 0) throw im.error("expected at least one image path, found an empty array");
			for (int i = 0; i < n; i++) paths.add(resolve(im.at(i), im.at(i).asString()));
		}
		int[] sfi = s.optInts("single_file_indices", -1, new int[0]);
		if (sfi.length > 0 && !paths.isEmpty() && sfi.length != paths.size())
			throw s.req("single_file_indices").error("expected " + paths.size() + " indices (one per image), found " + sfi.length);
		int[] grid = kind.equals(ImageSet.GRID) ? s.req("grid_size").asInts(2) : null;
		JsonField params = s.opt("params");
		Map<String, Object> p = params == null ? Map.of() : params.toPlainMap();
		try {
			return new ImageSet(kind, template, paths, sfi, lookup(s, "mask"), lookup(s, "gain"), lookup(s, "pedestal"), lookup(s, "dx"),
					lookup(s, "dy"), p, grid);
		} catch (IllegalArgumentException e) {
			throw s.error("is not a valid imageset: " + e.getMessage());
		}
	}

	private Path lookup(JsonField s, String key) throws BraggInputException {
		JsonField f = s.opt(key);
		if (f == null) return null;
		String v = f.asString();
		return v.isEmpty() ? null : resolve(f, v);
	}

	private Path resolve(JsonField where, String p) throws BraggInputException {
		try {
			return directory.resolve(Path.of(p)).normalize();
		} catch (java.nio.file.InvalidPathException e) {
			throw where.error("is not a valid path: " + JsonField.describe(where.node()));
		}
	}
}
