package org.bragg.format.cbf.internal;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bragg.format.ImageFile;
import org.bragg.format.PanelData;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Goniometer;
import org.bragg.model.Panel;
import org.bragg.model.Probe;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;

/**
 * An opened full imgCIF/CBF image: models from the CIF categories and pixels from one or more
 * binary sections (one per array; an array may hold several panels as sections).
 *
 * <p><b>Panels.</b> The panels are the distinct {@code _array_structure_list.array_section_id}
 * values in file order when sections are used (CSPAD: 64 ASICs in 4 arrays of 388 × 185 × 8), else
 * the distinct {@code array_id}s. The fast and slow axes of a panel are the
 * {@code _array_structure_list} rows of precedence 1 and 2 and their axis sets
 * ({@code _array_structure_list_axis}), whose {@code displacement_increment} gives the pixel size
 * (mm); its pixel range within the array comes from {@code _array_structure_list_section}.
 *
 * <p><b>Geometry, hierarchical</b> (several panels and {@code _axis.equipment_component} present;
 * dxtbx {@code FormatCBFMultiTileHierarchy}): for a panel with fast axis F depending on slow axis S,
 * the changes of basis of F and the axes it depends on are composed while they share F's equipment
 * component; the first axis of another component names the panel's parent group, whose own frame is
 * built the same way, recursively, up to the root. Each node's local frame is origin = T·0,
 * fast = T·x̂ − origin, slow = T·ŷ − origin for groups, and for panels origin = T·0 with the raw
 * vectors of F and S as fast and slow axes (as dxtbx). Global frames (stored in the model) compose
 * the local frame with the parent's: axis ↦ [f s n]·axis, origin ↦ [f s n]·origin + parent origin.
 *
 * <p><b>Geometry, flat</b> (one panel, or no equipment components; dxtbx {@code imgCIF_H}): the
 * whole chain of F is composed to the laboratory frame, F and S set to their
 * {@code _array_structure_list_axis.displacement}, so the origin is CBFlib's position of pixel
 * index (0, 0).
 *
 * <p><b>Other models.</b> Beam: direction of the {@code source} axis (else (0, 0, 1)), wavelength
 * {@code _diffrn_radiation_wavelength.wavelength}, polarisation from
 * {@code _diffrn_radiation.polarizn_source_ratio/norm} (else 0.999 about (0, 1, 0)), flux
 * {@code beam_flux}. Trusted range ({@code undefined_value}, {@code overload}) and gain from
 * {@code _array_intensities}. Goniometer and scan (generic full CBF only; stills have none): the
 * {@code goniometer} axes ordered from the sample outwards with the scan axis the one with a
 * non-zero {@code angle_increment}, as dxtbx's {@code GoniometerFactory.imgCIF_H}.
 *
 * <p>Thread-safe; the file's bytes are kept until {@link #close()}.
 *
 * @since 0.1
 */
public final class FullCbfImage implements ImageFile {

	/** Where a panel's pixels are in the decoded arrays. */
	private record PanelSource(int section, int[] arrayDims, int[] strides, int fastIndex, int slowIndex, int[] start, int nFast, int nSlow) {}

	private final Path path;
	private final String formatName;
	private final Beam beam;
	private final Detector detector;
	private final Goniometer goniometer;
	private final Scan scan;
	private final List<PanelSource> sources;
	private volatile CbfFile cbf;

	private FullCbfImage(Path path, String formatName, Beam beam, Detector detector, Goniometer goniometer, Scan scan, List<PanelSource> sources,
			CbfFile cbf) {
		this.path = path;
		this.formatName = formatName;
		this.beam = beam;
		this.detector = detector;
		this.goniometer = goniometer;
		this.scan = scan;
		this.sources = sources;
		this.cbf = cbf;
	}

	/** Options of the dxtbx reader being mimicked. */
	public record Options(String formatName, boolean still, boolean cspad) {}

	/**
	 * Opens a full CBF file and builds its models.
	 *
	 * @throws BraggInputException if the file is unreadable, its CIF is malformed, or an item needed
	 *         for the models is missing or malformed (the message names the file and the item)
	 */
	public static FullCbfImage open(Path file, Options opt) throws BraggInputException {
		CbfFile cbf = CbfFile.readAll(file);
		String name = file.toString();
		checkComplete(cbf, name);
		Cif cif;
		try {
			cif = Cif.parse(cbf.cifText(), false);
		} catch (Cif.SyntaxException e) {
			throw new BraggInputException(name + ": CIF syntax error: " + e.getMessage());
		}
		Beam beam = beam(name, cif);
		ImgCifGeometry geo = new ImgCifGeometry(name, cif);
		List<PanelSource> sources = new ArrayList<>();
		Detector det = detector(name, cif, geo, cbf, opt, sources);
		Goniometer gonio = null;
		Scan scan = null;
		if (!opt.still()) {
			gonio = goniometer(name, cif, geo);
			if (gonio != null) scan = scan(file, cif, geo, gonio);
		}
		return new FullCbfImage(file, opt.formatName(), beam, det, gonio, scan, sources, cbf);
	}

	/** Fails with a "truncated" message if a binary section's data run past the end of the file. */
	private static void checkComplete(CbfFile cbf, String name) throws BraggInputException {
		for (BinarySection s : cbf.sections()) {
			if (s.dataOffset() < 0)
				throw new BraggInputException(name + ": file is truncated: binary section " + (s.index() + 1) + " ends before its data start");
			int size = s.size(name);
			int available = cbf.bytes().length - s.dataOffset();
			if (size > available)
				throw new BraggInputException(name + ": file is truncated: header X-Binary-Size is " + size + " bytes but only " + available
						+ " bytes follow the start of binary section " + (s.index() + 1));
		}
	}

	private static double number(String file, Cif.Category c, int row, String col) throws BraggInputException {
		String v = c.get(row, col);
		if (v == null || v.equals(".") || v.equals("?"))
			throw new BraggInputException(file + ": CIF item _" + c.name() + "." + col + " is missing");
		try {
			return Double.parseDouble(ImgCifGeometry.stripEsd(v));
		} catch (NumberFormatException e) {
			throw new BraggInputException(file + ": CIF item _" + c.name() + "." + col + " expected a number, found \"" + v + "\"");
		}
	}

	private static int integer(String file, Cif.Category c, int row, String col) throws BraggInputException {
		String v = c.get(row, col);
		if (v == null || v.equals(".") || v.equals("?"))
			throw new BraggInputException(file + ": CIF item _" + c.name() + "." + col + " is missing");
		try {
			return Integer.parseInt(v.trim());
		} catch (NumberFormatException e) {
			throw new BraggInputException(file + ": CIF item _" + c.name() + "." + col + " expected integer, found \"" + v + "\"");
		}
	}

	private static boolean present(String v) {
		return v != null && !v.equals(".") && !v.equals("?");
	}

	private static Beam beam(String file, Cif cif) throws BraggInputException {
		Cif.Category w = cif.category("diffrn_radiation_wavelength");
		if (w == null || w.rowCount() == 0 || !w.has("wavelength"))
			throw new BraggInputException(file + ": CIF item _diffrn_radiation_wavelength.wavelength is missing (needed for the beam)");
		double wavelength = number(file, w, 0, "wavelength");
		if (!(wavelength > 0)) throw new BraggInputException(file + ": CIF item _diffrn_radiation_wavelength.wavelength expected > 0, found " + wavelength);
		Vec3 direction = new Vec3(0, 0, 1);
		Cif.Category ax = cif.category("axis");
		if (ax != null) {
			int r = ax.findRow("equipment", "source");
			if (r >= 0) {
				direction = new Vec3(number(file, ax, r, "vector[1]"), number(file, ax, r, "vector[2]"), number(file, ax, r, "vector[3]"));
				if (direction.length() == 0) throw new BraggInputException(file + ": CIF item _axis.vector of the source axis is the zero vector");
			}
		}
		double fraction = 0.999, angle = 0;
		double flux = 0;
		Cif.Category rad = cif.category("diffrn_radiation");
		if (rad != null && rad.rowCount() > 0) {
			if (present(rad.get(0, "polarizn_source_ratio")) && present(rad.get(0, "polarizn_source_norm"))) {
				fraction = number(file, rad, 0, "polarizn_source_ratio");
				angle = number(file, rad, 0, "polarizn_source_norm");
			}
			if (present(rad.get(0, "beam_flux"))) flux = number(file, rad, 0, "beam_flux");
		}
		Vec3 normal = new Vec3(Math.sin(Math.toRadians(angle)), Math.cos(Math.toRadians(angle)), 0.0);
		return new Beam(direction, wavelength, 0, 0, normal, fraction, flux, 1.0, Probe.XRAY, List.of());
	}

	/** Array structure of one array: per dimension index (1-based) its size and precedence. */
	private record ArrayShape(Map<Integer, Integer> dims, Map<Integer, Integer> precedence) {
		int indexOfPrecedence(int p) {
			for (Map.Entry<Integer, Integer> e : precedence.entrySet()) if (e.getValue() == p) return e.getKey();
			return -1;
		}
	}

	private static Detector detector(String file, Cif cif, ImgCifGeometry geo, CbfFile cbf, Options opt, List<PanelSource> sources)
			throws BraggInputException {
		Cif.Category asl = cif.category("array_structure_list");
		if (asl == null) throw new BraggInputException(file + ": CIF category _array_structure_list is missing (needed for the panel layout)");
		boolean sections = false;
		if (asl.has("array_section_id"))
			for (int i = 0; i < asl.rowCount(); i++) if (present(asl.get(i, "array_section_id"))) sections = true;

		// panel names in file order, and the array shapes
		List<String> panelNames = new ArrayList<>();
		Map<String, String> panelArray = new HashMap<>();
		Map<String, ArrayShape> arrayShapes = new LinkedHashMap<>();
		Map<String, Map<Integer, String>> panelAxisSets = new HashMap<>(); // panel -> precedence -> axis set
		Map<String, Map<Integer, Integer>> panelDims = new HashMap<>(); // panel -> precedence -> dimension
		Map<String, Map<Integer, Integer>> panelIndex = new HashMap<>(); // panel -> precedence -> index
		for (int i = 0; i < asl.rowCount(); i++) {
			String arrayId = asl.get(i, "array_id");
			String section = sections ? asl.get(i, "array_section_id") : null;
			int index = integer(file, asl, i, "index");
			int dim = integer(file, asl, i, "dimension");
			int prec = integer(file, asl, i, "precedence");
			if (!present(section)) {
				ArrayShape s = arrayShapes.computeIfAbsent(arrayId, k -> new ArrayShape(new LinkedHashMap<>(), new LinkedHashMap<>()));
				s.dims.put(index, dim);
				s.precedence.put(index, prec);
			}
			String panel = sections ? section : arrayId;
			if (!present(panel)) continue;
			if (!panelNames.contains(panel)) panelNames.add(panel);
			panelArray.put(panel, arrayId);
			String axisSet = asl.get(i, "axis_set_id");
			panelAxisSets.computeIfAbsent(panel, k -> new HashMap<>()).put(prec, axisSet);
			panelDims.computeIfAbsent(panel, k -> new HashMap<>()).put(prec, dim);
			panelIndex.computeIfAbsent(panel, k -> new HashMap<>()).put(prec, index);
		}
		if (panelNames.isEmpty()) throw new BraggInputException(file + ": CIF category _array_structure_list lists no arrays");

		// binary section of each array
		Map<String, Integer> arraySection = new HashMap<>();
		Cif.Category ad = cif.category("array_data");
		if (ad != null && ad.has("data")) {
			for (int i = 0; i < ad.rowCount(); i++) {
				int k = CbfFile.placeholderIndex(ad.get(i, "data"));
				String id = ad.has("array_id") ? ad.get(i, "array_id") : null;
				if (k >= 0 && id != null) arraySection.put(id, k);
			}
		}
		if (arraySection.isEmpty() && arrayShapes.size() == 1 && cbf.sections().size() == 1) arraySection.put(arrayShapes.keySet().iterator().next(), 0);

		// section ranges
		Map<String, Map<Integer, int[]>> sectionRanges = new HashMap<>();
		Cif.Category sec = cif.category("array_structure_list_section");
		if (sections && sec != null) {
			for (int i = 0; i < sec.rowCount(); i++) {
				String id = sec.get(i, "id");
				int index = integer(file, sec, i, "index");
				int start = integer(file, sec, i, "start");
				int end = integer(file, sec, i, "end");
				if (present(sec.get(i, "stride")) && integer(file, sec, i, "stride") != 1)
					throw new BraggInputException(file + ": CIF item _array_structure_list_section.stride of " + id + " is not 1 (not supported)");
				sectionRanges.computeIfAbsent(id, k -> new HashMap<>()).put(index, new int[] { start, end });
			}
		}

		// axis sets: pixel size and displacement of the surface axes
		Cif.Category asla = cif.category("array_structure_list_axis");
		if (asla == null) throw new BraggInputException(file + ": CIF category _array_structure_list_axis is missing (needed for the pixel size)");

		Cif.Category ai = cif.category("array_intensities");

		boolean hierarchical = panelNames.size() > 1 && geo.hasComponents();
		HierarchyBuilder hb = hierarchical ? new HierarchyBuilder(file, geo) : null;
		List<Panel> panels = new ArrayList<>();
		for (int pi = 0; pi < panelNames.size(); pi++) {
			String pn = panelNames.get(pi);
			String arrayId = panelArray.get(pn);
			Map<Integer, String> sets = panelAxisSets.get(pn);
			String fastSet = sets.get(1), slowSet = sets.get(2);
			if (!present(fastSet) || !present(slowSet))
				throw new BraggInputException(file + ": CIF item _array_structure_list.axis_set_id of " + pn + " is missing for precedence 1 or 2");
			int fr = asla.findRow("axis_set_id", fastSet), sr = asla.findRow("axis_set_id", slowSet);
			if (fr < 0 || sr < 0)
				throw new BraggInputException(file + ": axis set " + (fr < 0 ? fastSet : slowSet) + " of " + pn + " is not in _array_structure_list_axis");
			String axis0 = asla.get(fr, "axis_id"), axis1 = asla.get(sr, "axis_id");
			double incF = number(file, asla, fr, "displacement_increment"), incS = number(file, asla, sr, "displacement_increment");
			double dispF = present(asla.get(fr, "displacement")) ? number(file, asla, fr, "displacement") : 0;
			double dispS = present(asla.get(sr, "displacement")) ? number(file, asla, sr, "displacement") : 0;
			double[] pixel = { Math.abs(incF), Math.abs(incS) };
			if (pixel[0] == 0 || pixel[1] == 0)
				throw new BraggInputException(file + ": CIF item _array_structure_list_axis.displacement_increment of " + pn + " is 0 (pixel size)");

			// image size and where the pixels are
			ArrayShape shape = arrayShapes.get(arrayId);
			if (shape == null) throw new BraggInputException(file + ": array " + arrayId + " has no _array_structure_list rows of its own");
			int nd = shape.dims.size();
			int[] dimsByPrec = new int[nd + 1];
			int[] idxByPrec = new int[nd + 1];
			for (Map.Entry<Integer, Integer> e : shape.precedence.entrySet()) {
				int p = e.getValue();
				if (p < 1 || p > nd) throw new BraggInputException(file + ": CIF item _array_structure_list.precedence " + p + " of " + arrayId + " out of 1.." + nd);
				dimsByPrec[p] = shape.dims.get(e.getKey());
				idxByPrec[p] = e.getKey();
			}
			int[] arrayDims = new int[nd + 1]; // by dimension index
			int[] strides = new int[nd + 1];
			int stride = 1;
			for (int p = 1; p <= nd; p++) {
				strides[idxByPrec[p]] = stride;
				arrayDims[idxByPrec[p]] = dimsByPrec[p];
				stride *= dimsByPrec[p];
			}
			int fastIndex = sections ? panelIndex.get(pn).get(1) : idxByPrec[1];
			int slowIndex = sections ? panelIndex.get(pn).get(2) : (nd >= 2 ? idxByPrec[2] : -1);
			if (slowIndex < 0) throw new BraggInputException(file + ": array " + arrayId + " is not two-dimensional");
			int[] start = new int[nd + 1];
			int nFast, nSlow;
			if (sections) {
				Map<Integer, int[]> ranges = sectionRanges.get(pn);
				if (ranges == null) throw new BraggInputException(file + ": section " + pn + " has no _array_structure_list_section rows");
				for (int d = 1; d <= nd; d++) {
					int[] r = ranges.get(d);
					if (r == null) throw new BraggInputException(file + ": section " + pn + " has no range for dimension " + d);
					if (r[0] < 1 || r[1] > arrayDims[d] || r[1] < r[0])
						throw new BraggInputException(file + ": section " + pn + " range " + r[0] + ".." + r[1] + " of dimension " + d + " is outside 1.." + arrayDims[d]);
					if (d != fastIndex && d != slowIndex && r[0] != r[1])
						throw new BraggInputException(file + ": section " + pn + " spans " + (r[1] - r[0] + 1) + " planes of dimension " + d + " (one expected)");
					start[d] = r[0] - 1;
				}
				nFast = ranges.get(fastIndex)[1] - ranges.get(fastIndex)[0] + 1;
				nSlow = ranges.get(slowIndex)[1] - ranges.get(slowIndex)[0] + 1;
				if (nFast != panelDims.get(pn).get(1) || nSlow != panelDims.get(pn).get(2))
					throw new BraggInputException(file + ": section " + pn + " is " + nFast + " × " + nSlow + " px but _array_structure_list gives "
							+ panelDims.get(pn).get(1) + " × " + panelDims.get(pn).get(2));
			} else {
				for (int d = 1; d <= nd; d++)
					if (d != fastIndex && d != slowIndex && arrayDims[d] != 1)
						throw new BraggInputException(file + ": array " + arrayId + " has " + arrayDims[d] + " planes but no sections (not supported)");
				nFast = arrayDims[fastIndex];
				nSlow = arrayDims[slowIndex];
			}
			Integer section = arraySection.get(arrayId);
			if (section == null) throw new BraggInputException(file + ": no binary data (_array_data.data) found for array " + arrayId);
			sources.add(new PanelSource(section, arrayDims, strides, fastIndex, slowIndex, start, nFast, nSlow));

			// trusted range and gain
			double[] trusted = hierarchical || panelNames.size() > 1 ? new double[] { 0, 0 } : new double[] { 0, 1.0e6 };
			double gain = 1.0;
			if (ai != null) {
				int r = ai.findRow("array_id", arrayId);
				if (r >= 0) {
					if (present(ai.get(r, "overload")) && present(ai.get(r, "undefined_value")))
						trusted = new double[] { number(file, ai, r, "undefined_value"), number(file, ai, r, "overload") };
					if (present(ai.get(r, "gain"))) gain = number(file, ai, r, "gain");
				}
			}

			Vec3 fast, slow, origin;
			if (hierarchical) {
				ImgCifGeometry.Axis a0 = geo.axis(axis0);
				ImgCifGeometry.Axis a1 = geo.axis(axis1);
				if (!a0.dependsOn().equals(axis1))
					throw new BraggInputException(file + ": fast axis " + axis0 + " of " + pn + " must depend on its slow axis " + axis1 + " (it depends on " + a0.dependsOn() + ")");
				ImgCifGeometry.Chain ch = geo.cumulative(axis0);
				if (ch.parent() == null) throw new BraggInputException(file + ": panel " + pn + " has no parent group (its axes share the top equipment component)");
				HierarchyBuilder.Node parent = hb.group(ch.parent());
				Vec3 lf = a0.vector().normalize(), ls = a1.vector().normalize(), lo = ch.cob().apply(Vec3.ZERO);
				Vec3[] g = HierarchyBuilder.toGlobal(parent, lf, ls, lo);
				fast = g[0];
				slow = g[1];
				origin = g[2];
				parent.children.add(pi);
			} else {
				Map<String, Double> ov = new HashMap<>();
				ov.put(axis0, dispF);
				ov.put(axis1, dispS);
				ImgCifGeometry.Rt t = geo.toLab(axis0, ov);
				origin = t.apply(Vec3.ZERO);
				ImgCifGeometry.Axis a0 = geo.axis(axis0), a1 = geo.axis(axis1);
				ImgCifGeometry.Rt tf = parentToLab(geo, a0);
				ImgCifGeometry.Rt ts = parentToLab(geo, a1);
				fast = tf.r().times(a0.vector().normalize()).times(Math.signum(incF));
				slow = ts.r().times(a1.vector().normalize()).times(Math.signum(incS));
			}
			String type = panelNames.size() == 1 ? "SENSOR_UNKNOWN" : "";
			PxMmStrategy strategy = opt.cspad() ? PxMmStrategy.PARALLAX_CORRECTED : PxMmStrategy.SIMPLE;
			panels.add(new Panel(pn, type, fast, slow, origin, new int[] { 0, 0 }, new int[] { nFast, nSlow }, pixel, trusted, 0.0, "", 0.0, "",
					List.of(), gain, 0.0, strategy));
		}
		return new Detector(panels, hierarchical ? hb.root() : null);
	}

	private static ImgCifGeometry.Rt parentToLab(ImgCifGeometry geo, ImgCifGeometry.Axis a) throws BraggInputException {
		return a.dependsOn().equals(".") ? ImgCifGeometry.Rt.IDENTITY : geo.toLab(a.dependsOn(), Map.of());
	}

	/** Builds the panel-group tree of dxtbx's {@code _add_panel_group}. */
	private static final class HierarchyBuilder {
		static final class Node {
			final String name;
			Vec3 fast, slow, origin; // global
			final List<Object> children = new ArrayList<>(); // Node or Integer (panel index)

			Node(String name) { this.name = name; }
		}

		private final String file;
		private final ImgCifGeometry geo;
		private final Map<String, Node> nodes = new LinkedHashMap<>();
		private Node root;

		HierarchyBuilder(String file, ImgCifGeometry geo) {
			this.file = file;
			this.geo = geo;
		}

		Node group(String id) throws BraggInputException {
			Node n = nodes.get(id);
			if (n != null) return n;
			ImgCifGeometry.Chain ch = geo.cumulative(id);
			ImgCifGeometry.Rt t = ch.cob();
			Vec3 lo = t.apply(Vec3.ZERO);
			Vec3 lf = t.apply(new Vec3(1, 0, 0)).minus(lo).normalize();
			Vec3 ls = t.apply(new Vec3(0, 1, 0)).minus(lo).normalize();
			n = new Node(id);
			if (ch.parent() == null) {
				if (root != null) throw new BraggInputException(file + ": the detector axes have two roots, " + root.name + " and " + id);
				root = n;
				n.fast = lf;
				n.slow = ls;
				n.origin = lo;
			} else {
				Node parent = group(ch.parent());
				Vec3[] g = toGlobal(parent, lf, ls, lo);
				n.fast = g[0];
				n.slow = g[1];
				n.origin = g[2];
				parent.children.add(n);
			}
			nodes.put(id, n);
			return n;
		}

		/** dxtbx {@code VirtualPanelFrame.update_global_frame}: [f s n]·local + parent origin. */
		static Vec3[] toGlobal(Node parent, Vec3 lf, Vec3 ls, Vec3 lo) {
			Vec3 f = parent.fast, s = parent.slow, n = f.cross(s);
			Vec3 gf = f.times(lf.x()).plus(s.times(lf.y())).plus(n.times(lf.z()));
			Vec3 gs = f.times(ls.x()).plus(s.times(ls.y())).plus(n.times(ls.z()));
			Vec3 go = f.times(lo.x()).plus(s.times(lo.y())).plus(n.times(lo.z())).plus(parent.origin);
			return new Vec3[] { gf, gs, go };
		}

		DetectorNode.Group root() {
			return convert(root);
		}

		private static DetectorNode.Group convert(Node n) {
			List<DetectorNode> kids = new ArrayList<>();
			for (Object c : n.children) kids.add(c instanceof Node g ? convert(g) : new DetectorNode.PanelRef((Integer) c));
			return new DetectorNode.Group(n.name, "", n.fast, n.slow, n.origin, kids);
		}
	}

	private static Goniometer goniometer(String file, Cif cif, ImgCifGeometry geo) throws BraggInputException {
		Map<String, String> dependants = new HashMap<>();
		Map<String, Vec3> vectors = new HashMap<>();
		for (ImgCifGeometry.Axis a : geo.axes()) {
			if (!a.equipment().equalsIgnoreCase("goniometer")) continue;
			vectors.put(a.id(), a.vector());
			dependants.put(a.dependsOn(), a.id());
		}
		if (vectors.isEmpty()) return null;
		String scanAxis = null;
		Map<String, Double> angles = new HashMap<>();
		Cif.Category sa = cif.category("diffrn_scan_axis");
		if (sa != null) {
			for (int i = 0; i < sa.rowCount(); i++) {
				String id = sa.get(i, "axis_id");
				if (!vectors.containsKey(id)) continue;
				angles.put(id, number(file, sa, i, "angle_start"));
				double inc = number(file, sa, i, "angle_increment");
				if (inc != 0) {
					if (scanAxis != null) throw new BraggInputException(file + ": more than one goniometer axis has a non-zero _diffrn_scan_axis.angle_increment");
					scanAxis = id;
				}
			}
		}
		if (angles.size() != vectors.size())
			throw new BraggInputException(file + ": the goniometer axes of _axis and _diffrn_scan_axis do not match (" + vectors.size() + " vs " + angles.size() + ")");
		List<String> ordered = new ArrayList<>();
		String a = ".";
		while ((a = dependants.get(a)) != null && !ordered.contains(a)) ordered.add(a);
		java.util.Collections.reverse(ordered);
		if (ordered.isEmpty()) return null;
		List<Vec3> axesList = new ArrayList<>();
		double[] ang = new double[ordered.size()];
		for (int i = 0; i < ordered.size(); i++) {
			axesList.add(vectors.get(ordered.get(i)).normalize());
			ang[i] = angles.get(ordered.get(i));
		}
		int scanIndex = scanAxis == null ? 0 : ordered.indexOf(scanAxis);
		if (scanIndex < 0) scanIndex = 0;
		return Goniometer.multiAxis(axesList, ang, ordered, scanIndex);
	}

	private static Scan scan(Path file, Cif cif, ImgCifGeometry geo, Goniometer g) throws BraggInputException {
		String name = file.toString();
		String scanAxis = g.names().get(g.scanAxis());
		double start = 0, inc = 0;
		Cif.Category sa = cif.category("diffrn_scan_axis");
		int r = sa == null ? -1 : sa.findRow("axis_id", scanAxis);
		if (r >= 0) {
			start = number(name, sa, r, "angle_start");
			inc = number(name, sa, r, "angle_increment");
		}
		Cif.Category fa = cif.category("diffrn_scan_frame_axis");
		int fr = fa == null ? -1 : fa.findRow("axis_id", scanAxis);
		if (fr >= 0 && present(fa.get(fr, "angle"))) start = number(name, fa, fr, "angle");
		if (inc < 0) {
			start = -start;
			inc = -inc;
		}
		double exposure = 0, epoch = 0;
		Cif.Category f = cif.category("diffrn_scan_frame");
		if (f != null && f.rowCount() > 0) {
			if (present(f.get(0, "integration_time"))) exposure = number(name, f, 0, "integration_time");
			if (present(f.get(0, "date"))) epoch = parseDate(f.get(0, "date"));
		}
		int number = ImageNames.imageNumber(file.getFileName().toString());
		if (number < 0) number = 1;
		return new Scan(number, number, start, inc, new double[] { exposure }, new double[] { epoch }, 0);
	}

	/** @return seconds since 1970 for an ISO-8601 date (UTC if no zone), 0 if it cannot be parsed */
	private static double parseDate(String d) {
		try {
			return OffsetDateTime.parse(d).toInstant().toEpochMilli() / 1000.0;
		} catch (DateTimeParseException e) {
			try {
				return LocalDateTime.parse(d).toInstant(ZoneOffset.UTC).toEpochMilli() / 1000.0;
			} catch (DateTimeParseException e2) {
				return 0;
			}
		}
	}

	@Override public Path path() { return path; }
	@Override public String formatName() { return formatName; }
	@Override public Beam beam(int index) { check(index); return beam; }
	@Override public Detector detector(int index) { check(index); return detector; }
	@Override public Goniometer goniometer(int index) { check(index); return goniometer; }
	@Override public Scan scan(int index) { check(index); return scan; }

	private void check(int index) {
		if (index != 0) throw new IndexOutOfBoundsException("a CBF file holds one image; index " + index + " requested");
	}

	/**
	 * Decodes every binary section once and cuts out the panels, in panel order: ints for integer
	 * arrays, doubles for IEEE real arrays (raw values, no pedestal or gain applied).
	 *
	 * @throws BraggInputException for truncated data, a header/binary size mismatch, or an unsupported
	 *         compression or element type
	 */
	@Override
	public PanelData[] read(int index) throws BraggInputException {
		check(index);
		CbfFile c = cbf;
		if (c == null) c = CbfFile.readAll(path);
		String name = path.toString();
		Map<Integer, BinarySection.Values> decoded = new HashMap<>();
		PanelData[] out = new PanelData[sources.size()];
		for (int k = 0; k < sources.size(); k++) {
			PanelSource s = sources.get(k);
			if (s.section() >= c.sections().size()) throw new BraggInputException(name + ": file is truncated: binary section " + (s.section() + 1) + " is missing");
			BinarySection.Values v = decoded.get(s.section());
			if (v == null) {
				BinarySection bs = c.sections().get(s.section());
				v = bs.decode(c.bytes(), name);
				long expected = 1;
				for (int d = 1; d < s.arrayDims().length; d++) expected *= s.arrayDims()[d];
				int n = v.ints() != null ? v.ints().length : v.doubles().length;
				if (n != expected)
					throw new BraggInputException(name + ": header/binary size mismatch: binary section " + (s.section() + 1) + " holds " + n
							+ " elements (X-Binary-Number-of-Elements) but _array_structure_list gives " + expected);
				decoded.put(s.section(), v);
			}
			int base = 0;
			for (int d = 1; d < s.start().length; d++) base += s.start()[d] * s.strides()[d];
			int sf = s.strides()[s.fastIndex()], ss = s.strides()[s.slowIndex()];
			int nf = s.nFast(), ns = s.nSlow();
			if (v.ints() != null) {
				int[] src = v.ints(), dst = new int[nf * ns];
				for (int y = 0; y < ns; y++) {
					int from = base + y * ss;
					if (sf == 1) System.arraycopy(src, from, dst, y * nf, nf);
					else for (int x = 0; x < nf; x++) dst[y * nf + x] = src[from + x * sf];
				}
				out[k] = PanelData.ofInts(nf, ns, dst);
			} else {
				double[] src = v.doubles(), dst = new double[nf * ns];
				for (int y = 0; y < ns; y++) {
					int from = base + y * ss;
					if (sf == 1) System.arraycopy(src, from, dst, y * nf, nf);
					else for (int x = 0; x < nf; x++) dst[y * nf + x] = src[from + x * sf];
				}
				out[k] = PanelData.ofDoubles(nf, ns, dst);
			}
		}
		return out;
	}

	@Override
	public void close() {
		cbf = null;
	}
}
