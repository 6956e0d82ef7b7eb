package org.bragg.format.nexus.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import org.bragg.model.BraggInputException;
import org.bragg.model.Mat3;
import org.bragg.model.Vec3;

/**
 * One NeXus {@code NXtransformations} axis, in the NeXus (McStas) frame: a dataset of values
 * with attributes {@code transformation_type} (translation or rotation), {@code vector},
 * optional {@code offset} (with {@code offset_units}) and {@code depends_on}.
 *
 * <p>As 4×4 affine matrices, a translation is T = (I, o + x·v̂) and a rotation T = (R(v̂, x), o);
 * for a chain T₁ → T₂ → … (T₁ depends on T₂), a point p in the frame of the first axis is at
 * Tₙ ⋯ T₂ T₁ p in the laboratory (NXtransformations base class). The vector is normalised here.
 * Values are in mm for translations and degrees for rotations, one per frame or a single value.
 *
 * @since 0.1
 */
public final class Transformation {
	private final String path;
	private final String type;
	private final Vec3 vector;
	private final Vec3 offsetMm;
	private final double[] values;
	private final double[] endValues;

	private Transformation(String path, String type, Vec3 vector, Vec3 offsetMm, double[] values, double[] endValues) {
		this.path = path;
		this.type = type;
		this.vector = vector;
		this.offsetMm = offsetMm;
		this.values = values;
		this.endValues = endValues;
	}

	/** @return the HDF5 path of the axis dataset */
	public String path() { return path; }
	/** @return the last path component, e.g. {@code omega} */
	public String name() { return path.substring(path.lastIndexOf('/') + 1); }
	public boolean isRotation() { return "rotation".equals(type); }
	public boolean isTranslation() { return "translation".equals(type); }
	/** @return the unit axis in the McStas frame */
	public Vec3 vector() { return vector; }
	/** @return the values: mm for translations, degrees for rotations */
	public double[] values() { return values.clone(); }
	/** @return the {@code <axis>_end} values (same units), or null */
	public double[] endValues() { return endValues == null ? null : endValues.clone(); }
	/** @return the number of values */
	public int size() { return values.length; }
	/** @return true if the values are not all equal */
	public boolean varies() {
		for (double v : values) if (v != values[0]) return true;
		return false;
	}

	/** @return value for frame {@code i}, or the single value */
	public double value(int i) { return values[Math.min(Math.max(i, 0), values.length - 1)]; }

	/** @return the rotation part at frame i (identity for translations) */
	public Mat3 rotation(int i) {
		return isRotation() ? Mat3.rotation(vector, Math.toRadians(value(i))) : Mat3.IDENTITY;
	}

	/** @return T·p at frame i */
	public Vec3 apply(Vec3 p, int i) {
		if (isRotation()) return rotation(i).times(p).plus(offsetMm);
		if (isTranslation()) return p.plus(vector.times(value(i))).plus(offsetMm);
		return p;
	}

	/** @return the position of point {@code p} after every transformation of the chain, at frame i */
	public static Vec3 applyChain(List<Transformation> chain, Vec3 p, int i) {
		for (Transformation t : chain) p = t.apply(p, i);
		return p;
	}

	/** @return direction {@code v} rotated by every rotation of the chain, at frame i */
	public static Vec3 rotateChain(List<Transformation> chain, Vec3 v, int i) {
		for (Transformation t : chain) if (t.isRotation()) v = t.rotation(i).times(v);
		return v;
	}

	/**
	 * Follows a {@code depends_on} chain.
	 *
	 * @param context the group that holds the {@code depends_on} specification (relative paths are
	 *        resolved against it)
	 * @param dependsOn the first axis path, {@code "."} or null for none
	 * @param file the file name, for messages
	 * @return the axes, first (innermost) first; empty for {@code "."}
	 * @throws BraggInputException if an axis is missing, circular, or has unusable attributes
	 */
	public static List<Transformation> chain(Group context, String dependsOn, String file) throws BraggInputException {
		List<Transformation> out = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		Group ctx = context;
		String next = dependsOn;
		String from = context.getPath();
		while (next != null && !next.isBlank() && !next.equals(".")) {
			Node n = Hdf.byPath(ctx, next);
			if (!(n instanceof Dataset d))
				throw new BraggInputException(file + ": depends_on '" + next + "' (from " + from + ") expected an NXtransformations axis dataset, found "
						+ (n == null ? "nothing" : "a group"));
			String p = d.getPath();
			if (!seen.add(p)) throw new BraggInputException(file + ": depends_on chain is circular at " + p);
			out.add(read(d, file));
			from = p;
			ctx = d.getParent();
			next = Hdf.attrString(d, "depends_on");
		}
		return out;
	}

	/** Reads one axis. */
	static Transformation read(Dataset d, String file) throws BraggInputException {
		String p = d.getPath();
		String type = Hdf.attrString(d, "transformation_type");
		if (type != null) type = type.toLowerCase(java.util.Locale.ROOT);
		double[] vec = Hdf.attrDoubles(d, "vector");
		if (vec == null || vec.length != 3)
			throw new BraggInputException(file + ": " + p + " attribute vector expected 3 numbers, found " + (vec == null ? "none" : vec.length + " values"));
		Vec3 v = new Vec3(vec[0], vec[1], vec[2]);
		double[] raw = Hdf.doubles(d);
		if (raw == null || raw.length == 0) throw new BraggInputException(file + ": " + p + " expected numeric values, found none");
		String units = Hdf.units(d, null);
		double f;
		if ("rotation".equals(type)) {
			f = units == null ? 1.0 : Units.toDegrees(units);
			if (Double.isNaN(f)) throw new BraggInputException(file + ": " + p + " attribute units expected an angle (deg, rad), found '" + units + "'");
		} else if ("translation".equals(type)) {
			f = units == null ? 1000.0 : Units.toMm(units);
			if (Double.isNaN(f)) throw new BraggInputException(file + ": " + p + " attribute units expected a length (m, mm, …), found '" + units + "'");
		} else {
			f = 1.0;
		}
		if (v.length() == 0) {
			boolean allZero = true;
			for (double x : raw) allZero &= x == 0;
			if (!allZero && type != null) throw new BraggInputException(file + ": " + p + " attribute vector is zero");
			v = new Vec3(0, 0, 1);
		}
		double[] values = new double[raw.length];
		for (int i = 0; i < raw.length; i++) values[i] = raw[i] * f;
		double[] ends = null;
		Dataset end = Hdf.dataset(d.getParent(), d.getName() + "_end");
		if (end != null) {
			double[] e = Hdf.doubles(end);
			if (e != null) {
				ends = new double[e.length];
				for (int i = 0; i < e.length; i++) ends[i] = e[i] * f;
			}
		}
		Vec3 offset = Vec3.ZERO;
		double[] off = Hdf.attrDoubles(d, "offset");
		if (off != null && off.length == 3 && (off[0] != 0 || off[1] != 0 || off[2] != 0)) {
			String ou = Hdf.attrString(d, "offset_units");
			if (ou == null) ou = units; // DLS Eiger files give offset without offset_units
			double fo = ou == null ? 1000.0 : Units.toMm(ou);
			if (Double.isNaN(fo)) throw new BraggInputException(file + ": " + p + " attribute offset_units expected a length, found '" + ou + "'");
			offset = new Vec3(off[0], off[1], off[2]).times(fo);
		}
		return new Transformation(p, type, v.normalize(), offset, values, ends);
	}

	@Override
	public String toString() { return path + " (" + type + ", vector " + vector + ", " + values.length + " values)"; }
}
