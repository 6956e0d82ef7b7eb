package org.bragg.format.cbf.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bragg.model.BraggInputException;
import org.bragg.model.Mat3;
import org.bragg.model.Vec3;

/**
 * The imgCIF axis system of a full CBF file ({@code _axis}, {@code _diffrn_scan_axis},
 * {@code _diffrn_scan_frame_axis}; imgCIF dictionary, Bernstein &amp; Hammersley 2005): each axis has
 * a type (rotation or translation), a unit vector, an offset (mm) and the axis it depends on, and is
 * set for the frame to {@code angle} (degrees) or {@code displacement} (mm) from
 * {@code _diffrn_scan_frame_axis} plus the {@code angle_increment}/{@code displacement_increment} of
 * {@code _diffrn_scan_axis}, as CBFlib's {@code cbf_get_axis_setting} reads them.
 *
 * <p>The change of basis of one axis maps a point p of its own frame into the frame of the axis it
 * depends on: rotation axes give R(vector, setting)·p + offset (right-handed), translation axes
 * p + offset + vector·setting. A chain is composed outer-first, so the position of a point of the
 * innermost frame in the laboratory frame is cob(root)·…·cob(axis)·p. The imgCIF laboratory frame
 * is the DIALS frame (x along the principal goniometer axis, z towards the source), so no change of
 * axes is needed.
 *
 * <p>Missing or inapplicable ({@code .}, {@code ?}) offsets and settings count as 0, as CBFlib
 * reads them.
 *
 * @since 0.1
 */
public final class ImgCifGeometry {

	/** One {@code _axis} row. */
	public record Axis(String id, String type, String equipment, String dependsOn, Vec3 vector, Vec3 offset, String component) {
		public boolean isRotation() { return type.startsWith("r"); }
		public boolean isTranslation() { return type.startsWith("t"); }
	}

	/** A rigid transform p ↦ r·p + t (mm). */
	public record Rt(Mat3 r, Vec3 t) {
		public static final Rt IDENTITY = new Rt(Mat3.IDENTITY, Vec3.ZERO);

		public Vec3 apply(Vec3 p) { return r.times(p).plus(t); }

		/** @return this ∘ o (apply o first) */
		public Rt then(Rt o) { return new Rt(r.times(o.r), r.times(o.t).plus(t)); }
	}

	private final String file;
	private final Map<String, Axis> axes = new LinkedHashMap<>();
	private final Map<String, Double> frameSetting = new HashMap<>();
	private final Map<String, Double> increment = new HashMap<>();
	private final boolean hasComponents;

	/**
	 * @throws BraggInputException if {@code _axis} is missing or a number is malformed (naming the item)
	 */
	public ImgCifGeometry(String file, Cif cif) throws BraggInputException {
		this.file = file;
		Cif.Category ax = cif.category("axis");
		if (ax == null) throw new BraggInputException(file + ": CIF category _axis is missing (needed for the detector geometry)");
		if (!ax.has("id")) throw new BraggInputException(file + ": CIF item _axis.id is missing");
		hasComponents = ax.has("equipment_component");
		for (int i = 0; i < ax.rowCount(); i++) {
			String id = ax.get(i, "id");
			Vec3 v = new Vec3(num(ax, i, "vector[1]", id, 0), num(ax, i, "vector[2]", id, 0), num(ax, i, "vector[3]", id, 0));
			Vec3 o = new Vec3(num(ax, i, "offset[1]", id, 0), num(ax, i, "offset[2]", id, 0), num(ax, i, "offset[3]", id, 0));
			String type = value(ax.get(i, "type"), "general").toLowerCase(Locale.ROOT);
			axes.put(id, new Axis(id, type, value(ax.get(i, "equipment"), ""), value(ax.get(i, "depends_on"), "."), v, o,
					value(ax.get(i, "equipment_component"), "")));
		}
		Cif.Category fa = cif.category("diffrn_scan_frame_axis");
		if (fa != null) {
			for (int i = 0; i < fa.rowCount(); i++) {
				String id = fa.get(i, "axis_id");
				Axis a = axes.get(id);
				if (a == null) continue;
				String col = a.isRotation() ? "angle" : "displacement";
				frameSetting.put(id, num(fa, i, col, id, 0));
			}
		}
		Cif.Category sa = cif.category("diffrn_scan_axis");
		if (sa != null) {
			for (int i = 0; i < sa.rowCount(); i++) {
				String id = sa.get(i, "axis_id");
				Axis a = axes.get(id);
				if (a == null) continue;
				String col = a.isRotation() ? "angle_increment" : "displacement_increment";
				increment.put(id, num(sa, i, col, id, 0));
			}
		}
	}

	private static String value(String v, String dflt) {
		return v == null || v.equals(".") || v.equals("?") ? dflt : v;
	}

	private double num(Cif.Category c, int row, String col, String id, double dflt) throws BraggInputException {
		String v = c.get(row, col);
		if (v == null || v.equals(".") || v.equals("?")) return dflt;
		try {
			return Double.parseDouble(stripEsd(v));
		} catch (NumberFormatException e) {
			throw new BraggInputException(file + ": CIF item _" + c.name() + "." + col + " of " + id + " expected a number, found \"" + v + "\"");
		}
	}

	/** @return a CIF number without its standard uncertainty, {@code 1.234(5)} → {@code 1.234} */
	static String stripEsd(String v) {
		int p = v.indexOf('(');
		return p > 0 ? v.substring(0, p) : v;
	}

	/** @return true if {@code _axis.equipment_component} exists (needed for a detector hierarchy) */
	public boolean hasComponents() { return hasComponents; }

	/** @return the axis, or throws naming the file */
	public Axis axis(String id) throws BraggInputException {
		Axis a = axes.get(id);
		if (a == null) throw new BraggInputException(file + ": axis " + id + " is used but not defined in _axis");
		return a;
	}

	/** @return all axes in file order */
	public List<Axis> axes() { return new ArrayList<>(axes.values()); }

	/** @return the setting (degrees or mm) of an axis for this frame, start + increment */
	public double setting(String id) {
		return frameSetting.getOrDefault(id, 0.0) + increment.getOrDefault(id, 0.0);
	}

	/** @return the increment per frame (degrees or mm) from {@code _diffrn_scan_axis} */
	public double increment(String id) { return increment.getOrDefault(id, 0.0); }

	/** @return the change of basis of one axis at the given setting */
	public Rt changeOfBasis(Axis a, double setting) throws BraggInputException {
		if (a.vector.length() == 0) throw new BraggInputException(file + ": CIF item _axis.vector of " + a.id + " is the zero vector");
		Vec3 v = a.vector.normalize();
		if (a.isRotation()) return new Rt(Mat3.rotation(v, Math.toRadians(setting)), a.offset);
		if (a.isTranslation()) return new Rt(Mat3.IDENTITY, a.offset.plus(v.times(setting)));
		throw new BraggInputException(file + ": CIF item _axis.type of " + a.id + " is \"" + a.type + "\", expected rotation or translation");
	}

	/** @return the change of basis of one axis at its frame setting */
	public Rt changeOfBasis(String id) throws BraggInputException {
		Axis a = axis(id);
		return changeOfBasis(a, setting(id));
	}

	/** The result of walking a dependency chain up to the first axis of another equipment component. */
	public record Chain(String parent, Rt cob) {}

	/**
	 * dxtbx {@code FormatCBFMultiTileHierarchy._get_cumulative_change_of_basis}: composes the changes
	 * of basis of {@code id} and the axes it depends on while they share its equipment component.
	 *
	 * @return the first axis of another component (null at the top of the chain) and the composition
	 */
	public Chain cumulative(String id) throws BraggInputException {
		Rt cob = changeOfBasis(id);
		String cur = id;
		for (int guard = 0; guard < 10000; guard++) {
			Axis a = axis(cur);
			String parent = a.dependsOn;
			if (parent.equals(".")) return new Chain(null, cob);
			Axis p = axis(parent);
			if (!p.component.equals(a.component)) return new Chain(parent, cob);
			cob = changeOfBasis(parent).then(cob);
			cur = parent;
		}
		throw new BraggInputException(file + ": the _axis.depends_on chain of " + id + " is circular");
	}

	/**
	 * @param overrides settings to use instead of the frame settings for some axes
	 * @return the transform from the frame of axis {@code id} to the laboratory frame, composing the
	 *         whole dependency chain
	 */
	public Rt toLab(String id, Map<String, Double> overrides) throws BraggInputException {
		Rt t = Rt.IDENTITY;
		String cur = id;
		List<String> chain = new ArrayList<>();
		while (!cur.equals(".")) {
			if (chain.contains(cur) || chain.size() > 10000) throw new BraggInputException(file + ": the _axis.depends_on chain of " + id + " is circular");
			chain.add(cur);
			cur = axis(cur).dependsOn;
		}
		for (int k = chain.size() - 1; k >= 0; k--) {
			String a = chain.get(k);
			double s = overrides.containsKey(a) ? overrides.get(a) : setting(a);
			t = t.then(changeOfBasis(axis(a), s));
		}
		return t;
	}
}
