package org.bragg.io.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.bragg.model.Beam;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.ImageSet;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.io.internal.DetectorFrames.Frame;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/**
 * Encodes an {@link ExperimentList} in the layout dxtbx 3.12 writes ({@code ExperimentList.to_dict}
 * dumped with {@code indent=2}): models deduplicated by identity into per-kind arrays in order of
 * first use, experiments referring to them by index, panels with frames local to their hierarchy
 * group, absolute image paths.
 */
public final class ExptWriter {
	private static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

	private final JsonGenerator g;

	private ExptWriter(JsonGenerator g) { this.g = g; }

	/** Writes the document to {@code out} (not closed). */
	public static void encode(ExperimentList list, OutputStream out) throws IOException {
		ByteArrayOutputStream bos = new ByteArrayOutputStream(1 << 16);
		try (JsonGenerator g = FACTORY.createGenerator(bos, JsonEncoding.UTF8)) {
			g.setPrettyPrinter(new PythonJsonStyle());
			new ExptWriter(g).write(list);
		}
		byte[] b = bos.toByteArray();
		lowerCaseUnicodeEscapes(b);
		out.write(b);
		out.flush();
	}

	/**
	 * Python writes the escape of U+00E9 with lower-case hex digits ({@code 00e9}), Jackson with upper-case
	 * ({@code 00E9}): lower-cases the four hex digits after every backslash-u. Every backslash in JSON
	 * output starts an escape, so a linear scan is exact.
	 */
	static void lowerCaseUnicodeEscapes(byte[] b) {
		for (int i = 0; i < b.length - 1; i++) {
			if (b[i] != '\\') continue;
			if (b[i + 1] == 'u') {
				for (int k = i + 2; k < Math.min(i + 6, b.length); k++) if (b[k] >= 'A' && b[k] <= 'F') b[k] += 'a' - 'A';
				i += 5;
			} else {
				i++;
			}
		}
	}

	/** Models of one kind in order of first use, compared by identity. */
	private static final class Table<T> {
		final List<T> items = new ArrayList<>();
		final IdentityHashMap<T, Integer> index = new IdentityHashMap<>();

		Table(ExperimentList list, Function<Experiment, T> get) {
			for (Experiment e : list) {
				T t = get.apply(e);
				if (t != null && !index.containsKey(t)) {
					index.put(t, items.size());
					items.add(t);
				}
			}
		}
	}

	private void write(ExperimentList list) throws IOException {
		Table<Beam> beams = new Table<>(list, Experiment::beam);
		Table<Detector> detectors = new Table<>(list, Experiment::detector);
		Table<Goniometer> gonios = new Table<>(list, Experiment::goniometer);
		Table<Scan> scans = new Table<>(list, Experiment::scan);
		Table<Crystal> crystals = new Table<>(list, Experiment::crystal);
		Table<Map<String, Object>> profiles = new Table<>(list, Experiment::profile);
		Table<Map<String, Object>> scaling = new Table<>(list, Experiment::scalingModel);
		Table<ImageSet> imagesets = new Table<>(list, Experiment::imageSet);

		g.writeStartObject();
		g.writeStringField("__id__", "ExperimentList");
		g.writeArrayFieldStart("experiment");
		for (Experiment e : list) {
			g.writeStartObject();
			g.writeStringField("__id__", "Experiment");
			g.writeStringField("identifier", e.identifier());
			ref("beam", beams, e.beam());
			ref("detector", detectors, e.detector());
			ref("goniometer", gonios, e.goniometer());
			ref("scan", scans, e.scan());
			ref("crystal", crystals, e.crystal());
			ref("profile", profiles, e.profile());
			ref("scaling_model", scaling, e.scalingModel());
			ref("imageset", imagesets, e.imageSet());
			g.writeEndObject();
		}
		g.writeEndArray();
		g.writeArrayFieldStart("imageset");
		for (ImageSet s : imagesets.items) imageSet(s);
		g.writeEndArray();
		g.writeArrayFieldStart("beam");
		for (Beam b : beams.items) beam(b);
		g.writeEndArray();
		g.writeArrayFieldStart("detector");
		for (Detector d : detectors.items) detector(d);
		g.writeEndArray();
		g.writeArrayFieldStart("goniometer");
		for (Goniometer gn : gonios.items) goniometer(gn);
		g.writeEndArray();
		g.writeArrayFieldStart("scan");
		for (Scan s : scans.items) scan(s);
		g.writeEndArray();
		g.writeArrayFieldStart("crystal");
		for (Crystal c : crystals.items) crystal(c);
		g.writeEndArray();
		g.writeArrayFieldStart("profile");
		for (Map<String, Object> p : profiles.items) plain(p, "profile");
		g.writeEndArray();
		g.writeArrayFieldStart("scaling_model");
		for (Map<String, Object> m : scaling.items) plain(m, "scaling_model");
		g.writeEndArray();
		g.writeEndObject();
	}

	private <T> void ref(String key, Table<T> t, T model) throws IOException {
		if (model != null) g.writeNumberField(key, t.index.get(model));
	}

	// ---- primitives -----------------------------------------------------------------------------

	private void num(double d) throws IOException { g.writeNumber(PythonJsonStyle.pythonRepr(d)); }

	private void num(String key, double d) throws IOException {
		g.writeFieldName(key);
		num(d);
	}

	private void vec(String key, Vec3 v) throws IOException {
		g.writeFieldName(key);
		vec(v);
	}

	private void vec(Vec3 v) throws IOException {
		g.writeStartArray();
		num(v.x());
		num(v.y());
		num(v.z());
		g.writeEndArray();
	}

	private void doubles(String key, double... v) throws IOException {
		g.writeFieldName(key);
		g.writeStartArray();
		for (double d : v) num(d);
		g.writeEndArray();
	}

	private void ints(String key, int... v) throws IOException {
		g.writeFieldName(key);
		ints(v);
	}

	private void ints(int... v) throws IOException {
		g.writeStartArray();
		for (int i : v) g.writeNumber(i);
		g.writeEndArray();
	}

	private void mat(Mat3 m) throws IOException {
		g.writeStartArray();
		for (double d : m.toArray()) num(d);
		g.writeEndArray();
	}

	private void mats(String key, List<Mat3> l) throws IOException {
		g.writeArrayFieldStart(key);
		for (Mat3 m : l) mat(m);
		g.writeEndArray();
	}

	private void path(String key, Path p) throws IOException {
		if (p == null) g.writeNullField(key);
		else g.writeStringField(key, p.toAbsolutePath().normalize().toString());
	}

	// ---- models ---------------------------------------------------------------------------------

	private void imageSet(ImageSet s) throws IOException {
		g.writeStartObject();
		g.writeStringField("__id__", s.kind());
		boolean listKind = ImageSet.STILLS.equals(s.kind()) || ImageSet.GRID.equals(s.kind());
		if (s.isSequence() && s.template() == null) throw new IllegalArgumentException("an ImageSequence needs a template to be written to .expt");
		if (listKind && s.paths().isEmpty()) throw new IllegalArgumentException("an " + s.kind() + " needs image paths to be written to .expt");
		if (!listKind && s.template() != null) {
			path("template", s.template());
		} else {
			g.writeArrayFieldStart("images");
			for (Path p : s.paths()) g.writeString(p.toAbsolutePath().normalize().toString());
			g.writeEndArray();
		}
		if (ImageSet.GRID.equals(s.kind())) {
			if (s.gridSize() == null) throw new IllegalArgumentException("an ImageGrid needs a grid size to be written to .expt");
			ints("grid_size", s.gridSize());
		}
		if (s.singleFileIndices().length > 0) ints("single_file_indices", s.singleFileIndices());
		path("mask", s.mask());
		path("gain", s.gain());
		path("pedestal", s.pedestal());
		path("dx", s.dx());
		path("dy", s.dy());
		g.writeFieldName("params");
		plain(s.params(), "imageset.params");
		g.writeEndObject();
	}

	private void beam(Beam b) throws IOException {
		g.writeStartObject();
		vec("direction", b.direction());
		num("wavelength", b.wavelength());
		num("divergence", Math.toDegrees(b.divergence()));
		num("sigma_divergence", Math.toDegrees(b.sigmaDivergence()));
		vec("polarization_normal", b.polarizationNormal());
		num("polarization_fraction", b.polarizationFraction());
		num("flux", b.flux());
		num("transmission", b.transmission());
		if (!b.s0AtScanPoints().isEmpty()) {
			g.writeArrayFieldStart("s0_at_scan_points");
			for (Vec3 v : b.s0AtScanPoints()) vec(v);
			g.writeEndArray();
		}
		// dxtbx 3.12 has no probe key and ignores it; written only where the reader's inference would be wrong
		if (b.probe() != ExptReader.inferProbe(b.wavelength())) g.writeStringField("probe", b.probe().dxtbxName());
		g.writeEndObject();
	}

	private void detector(Detector d) throws IOException {
		Frame[] local = new Frame[d.size()];
		DetectorNode.Group root = d.hasExplicitHierarchy() ? d.hierarchy() : null;
		if (root == null) {
			for (int i = 0; i < d.size(); i++) local[i] = DetectorFrames.toLocal(Frame.IDENTITY, globalFrame(d.panel(i)));
		} else {
			boolean[] seen = new boolean[d.size()];
			collectLocal(root, Frame.IDENTITY, d, local, seen);
			for (int i = 0; i < seen.length; i++)
				if (!seen[i]) throw new IllegalArgumentException("detector hierarchy does not contain panel " + i);
		}
		g.writeStartObject();
		g.writeArrayFieldStart("panels");
		for (int i = 0; i < d.size(); i++) {
			Panel p = d.panel(i);
			g.writeStartObject();
			panelFields(p.name(), p.type(), local[i], p.rawImageOffset(), p.imageSize(), p.pixelSize(), p.trustedRange(), p.thickness(),
					p.material(), p.mu(), p.identifier(), p.mask(), p.gain(), p.pedestal(), p.pxMmStrategy().dxtbxName());
			g.writeEndObject();
		}
		g.writeEndArray();
		g.writeFieldName("hierarchy");
		if (root == null) {
			g.writeStartObject();
			groupFields("", "", Frame.IDENTITY);
			g.writeArrayFieldStart("children");
			for (int i = 0; i < d.size(); i++) panelRef(i);
			g.writeEndArray();
			g.writeEndObject();
		} else {
			group(root, Frame.IDENTITY);
		}
		g.writeEndObject();
	}

	private static Frame globalFrame(Panel p) { return new Frame(p.fastAxis(), p.slowAxis(), p.origin()); }

	private static Frame globalFrame(DetectorNode.Group grp) { return new Frame(grp.fastAxis(), grp.slowAxis(), grp.origin()); }

	private static void collectLocal(DetectorNode.Group grp, Frame parent, Detector d, Frame[] local, boolean[] seen) {
		Frame me = globalFrame(grp);
		for (DetectorNode n : grp.children()) {
			if (n instanceof DetectorNode.PanelRef r) {
				int k = r.panel();
				if (k < 0 || k >= local.length) throw new IllegalArgumentException("detector hierarchy refers to missing panel " + k);
				if (seen[k]) throw new IllegalArgumentException("detector hierarchy refers to panel " + k + " twice");
				seen[k] = true;
				local[k] = DetectorFrames.toLocal(me, globalFrame(d.panel(k)));
			} else if (n instanceof DetectorNode.Group child) {
				collectLocal(child, me, d, local, seen);
			}
		}
	}

	private void group(DetectorNode.Group grp, Frame parent) throws IOException {
		Frame me = globalFrame(grp);
		g.writeStartObject();
		groupFields(grp.name(), grp.type(), DetectorFrames.toLocal(parent, me));
		g.writeArrayFieldStart("children");
		for (DetectorNode n : grp.children()) {
			if (n instanceof DetectorNode.PanelRef r) panelRef(r.panel());
			else if (n instanceof DetectorNode.Group child) group(child, me);
		}
		g.writeEndArray();
		g.writeEndObject();
	}

	private void panelRef(int k) throws IOException {
		g.writeStartObject();
		g.writeNumberField("panel", k);
		g.writeEndObject();
	}

	/** A group node carries the panel keys with dxtbx's default values. */
	private void groupFields(String name, String type, Frame local) throws IOException {
		panelFields(name, type, local, new int[] { 0, 0 }, new int[] { 0, 0 }, new double[] { 0, 0 }, new double[] { 0, 0 }, 0, "", 0, "",
				List.of(), 1, 0, "SimplePxMmStrategy");
	}

	private void panelFields(String name, String type, Frame local, int[] rawOffset, int[] imageSize, double[] pixelSize, double[] trusted,
			double thickness, String material, double mu, String identifier, List<int[]> mask, double gain, double pedestal, String strategy)
			throws IOException {
		g.writeStringField("name", name == null ? "" : name);
		g.writeStringField("type", type == null ? "" : type);
		vec("fast_axis", local.fast());
		vec("slow_axis", local.slow());
		vec("origin", local.origin());
		ints("raw_image_offset", rawOffset);
		ints("image_size", imageSize);
		doubles("pixel_size", pixelSize);
		doubles("trusted_range", trusted);
		num("thickness", thickness);
		g.writeStringField("material", material == null ? "" : material);
		num("mu", mu);
		g.writeStringField("identifier", identifier == null ? "" : identifier);
		g.writeArrayFieldStart("mask");
		for (int[] r : mask) ints(r);
		g.writeEndArray();
		num("gain", gain);
		num("pedestal", pedestal);
		g.writeObjectFieldStart("px_mm_strategy");
		g.writeStringField("type", strategy);
		g.writeEndObject();
	}

	private void goniometer(Goniometer gn) throws IOException {
		g.writeStartObject();
		if (gn.isMultiAxis()) {
			g.writeArrayFieldStart("axes");
			for (Vec3 v : gn.axes()) vec(v);
			g.writeEndArray();
			doubles("angles", gn.angles());
			g.writeArrayFieldStart("names");
			for (String s : gn.names()) g.writeString(s);
			g.writeEndArray();
			g.writeNumberField("scan_axis", gn.scanAxis());
		} else {
			vec("rotation_axis", gn.rotationAxis());
			g.writeFieldName("fixed_rotation");
			mat(gn.fixedRotation());
			g.writeFieldName("setting_rotation");
			mat(gn.settingRotation());
		}
		if (!gn.settingRotationAtScanPoints().isEmpty()) mats("setting_rotation_at_scan_points", gn.settingRotationAtScanPoints());
		g.writeEndObject();
	}

	private void scan(Scan s) throws IOException {
		g.writeStartObject();
		ints("image_range", s.imageRange());
		g.writeNumberField("batch_offset", s.batchOffset());
		doubles("oscillation", s.oscillation());
		doubles("exposure_time", s.exposureTimes());
		doubles("epochs", s.epochs());
		g.writeObjectFieldStart("valid_image_ranges");
		for (Map.Entry<String, List<int[]>> e : s.validImageRanges().entrySet()) {
			g.writeArrayFieldStart(e.getKey());
			for (int[] r : e.getValue()) ints(r);
			g.writeEndArray();
		}
		g.writeEndObject();
		for (Map.Entry<String, Object> e : s.extras().entrySet()) {
			g.writeFieldName(e.getKey());
			plain(e.getValue(), "scan." + e.getKey());
		}
		g.writeEndObject();
	}

	private void crystal(Crystal c) throws IOException {
		g.writeStartObject();
		Object id = c.extras().get("__id__");
		g.writeStringField("__id__", id instanceof String s ? s : "crystal");
		vec("real_space_a", c.realSpaceA());
		vec("real_space_b", c.realSpaceB());
		vec("real_space_c", c.realSpaceC());
		g.writeStringField("space_group_hall_symbol", c.spaceGroupHall());
		boolean scanPointsDone = c.aAtScanPoints().isEmpty();
		for (Map.Entry<String, Object> e : c.extras().entrySet()) {
			String k = e.getKey();
			if (k.equals("__id__")) continue;
			if (!scanPointsDone && !k.equals("identified_isoform")) { // dxtbx's key order
				mats("A_at_scan_points", c.aAtScanPoints());
				scanPointsDone = true;
			}
			g.writeFieldName(k);
			plain(e.getValue(), "crystal." + k);
		}
		if (!scanPointsDone) mats("A_at_scan_points", c.aAtScanPoints());
		g.writeEndObject();
	}

	// ---- JSON-like values -----------------------------------------------------------------------

	/** Writes maps, lists, arrays, numbers, strings, booleans and null; floats in Python's repr form. */
	private void plain(Object v, String where) throws IOException {
		if (v == null) g.writeNull();
		else if (v instanceof Map<?, ?> m) {
			g.writeStartObject();
			for (Map.Entry<?, ?> e : m.entrySet()) {
				g.writeFieldName(String.valueOf(e.getKey()));
				plain(e.getValue(), where + "." + e.getKey());
			}
			g.writeEndObject();
		} else if (v instanceof Collection<?> c) {
			g.writeStartArray();
			for (Object o : c) plain(o, where);
			g.writeEndArray();
		} else if (v instanceof Object[] a) {
			g.writeStartArray();
			for (Object o : a) plain(o, where);
			g.writeEndArray();
		} else if (v instanceof double[] a) {
			g.writeStartArray();
			for (double d : a) num(d);
			g.writeEndArray();
		} else if (v instanceof int[] a) {
			ints(a);
		} else if (v instanceof long[] a) {
			g.writeStartArray();
			for (long l : a) g.writeNumber(l);
			g.writeEndArray();
		} else if (v instanceof Double || v instanceof Float) num(((Number) v).doubleValue());
		else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) g.writeNumber(((Number) v).longValue());
		else if (v instanceof BigInteger b) g.writeNumber(b);
		else if (v instanceof BigDecimal b) g.writeNumber(b);
		else if (v instanceof String s) g.writeString(s);
		else if (v instanceof Boolean b) g.writeBoolean(b);
		else if (v instanceof Vec3 vv) vec(vv);
		else if (v instanceof Mat3 mm) mat(mm);
		else if (v instanceof Enum<?> en) g.writeString(en.name());
		else throw new IllegalArgumentException(where + ": cannot write a " + v.getClass().getName() + " to JSON");
	}
}
