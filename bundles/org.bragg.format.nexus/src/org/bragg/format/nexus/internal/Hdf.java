package org.bragg.format.nexus.internal;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

/**
 * Small typed accessors over jHDF nodes for NeXus reading. Missing items give null, never throw.
 *
 * @since 0.1
 */
public final class Hdf {
	private Hdf() {}

	/** @return the attribute as text (first element of an array, bytes as UTF-8), or null */
	public static String attrString(Node n, String name) {
		if (n == null) return null;
		Attribute a;
		try {
			a = n.getAttribute(name);
		} catch (HdfException e) {
			return null;
		}
		if (a == null) return null;
		return asString(a.getData());
	}

	/** @return the attribute as doubles (flattened), or null */
	public static double[] attrDoubles(Node n, String name) {
		if (n == null) return null;
		try {
			Attribute a = n.getAttribute(name);
			return a == null ? null : flattenDoubles(a.getData());
		} catch (HdfException | IllegalArgumentException e) {
			return null;
		}
	}

	/** @return the NX_class attribute, or null */
	public static String nxClass(Node n) { return attrString(n, "NX_class"); }

	/** @return the child, following soft links inside the file; null if absent or a broken/external link */
	public static Node child(Group g, String name) {
		if (g == null) return null;
		try {
			Node n = g.getChild(name);
			if (n instanceof Link l) {
				if (l.isBrokenLink()) return null;
				return l.getTarget();
			}
			return n;
		} catch (HdfException e) {
			return null;
		}
	}

	/** @return the node at an absolute or group-relative path, or null */
	public static Node byPath(Group g, String path) {
		if (g == null || path == null) return null;
		try {
			Node n = path.startsWith("/") ? g.getHdfFile().getByPath(path) : g.getByPath(path);
			if (n instanceof Link l) return l.isBrokenLink() ? null : l.getTarget();
			return n;
		} catch (HdfException e) {
			return null;
		}
	}

	/** @return the child dataset, or null */
	public static Dataset dataset(Group g, String name) {
		return child(g, name) instanceof Dataset d ? d : null;
	}

	/** @return the child group, or null */
	public static Group group(Group g, String name) {
		return child(g, name) instanceof Group c ? c : null;
	}

	/** @return child groups whose NX_class is {@code nxClass}, sorted by name (h5py's order) */
	public static List<Group> groupsOfClass(Group g, String nxClass) {
		List<Group> out = new ArrayList<>();
		if (g == null) return out;
		Map<String, Node> kids;
		try {
			kids = g.getChildren();
		} catch (HdfException e) {
			return out;
		}
		List<String> names = new ArrayList<>(kids.keySet());
		names.sort(Comparator.naturalOrder());
		for (String name : names) {
			Node n = child(g, name);
			if (n instanceof Group c && nxClass.equals(nxClass(c))) out.add(c);
		}
		return out;
	}

	/** @return the values of a numeric dataset, flattened, or null if absent or not numeric */
	public static double[] doubles(Dataset d) {
		if (d == null) return null;
		try {
			return flattenDoubles(d.getData());
		} catch (HdfException | IllegalArgumentException e) {
			return null;
		}
	}

	/** @return the first value of a numeric dataset, or NaN */
	public static double first(Dataset d) {
		double[] v = doubles(d);
		return v == null || v.length == 0 ? Double.NaN : v[0];
	}

	/** @return the dataset as text (first element of string arrays), or null */
	public static String string(Dataset d) {
		if (d == null) return null;
		try {
			return asString(d.getData());
		} catch (HdfException e) {
			return null;
		}
	}

	/** @return the {@code units} attribute, or {@code dflt} */
	public static String units(Node n, String dflt) {
		String u = attrString(n, "units");
		return u == null || u.isBlank() ? dflt : u.trim();
	}

	static String asString(Object o) {
		if (o == null) return null;
		if (o instanceof String s) return s.trim();
		if (o instanceof byte[] b) return new String(b, StandardCharsets.UTF_8).replace("\0", "").trim();
		if (o.getClass().isArray()) return Array.getLength(o) == 0 ? null : asString(Array.get(o, 0));
		return o.toString().trim();
	}

	/** Flattens a boxed scalar or a (multi-dimensional) primitive/boxed array to doubles. */
	public static double[] flattenDoubles(Object o) {
		List<Double> l = new ArrayList<>();
		flatten(o, l);
		double[] d = new double[l.size()];
		for (int i = 0; i < d.length; i++) d[i] = l.get(i);
		return d;
	}

	private static void flatten(Object o, List<Double> out) {
		if (o == null) return;
		if (o instanceof Number n) out.add(n.doubleValue());
		else if (o instanceof Boolean b) out.add(b ? 1.0 : 0.0);
		else if (o instanceof double[] a) for (double v : a) out.add(v);
		else if (o instanceof float[] a) for (float v : a) out.add((double) v);
		else if (o instanceof int[] a) for (int v : a) out.add((double) v);
		else if (o instanceof long[] a) for (long v : a) out.add((double) v);
		else if (o instanceof short[] a) for (short v : a) out.add((double) v);
		else if (o instanceof byte[] a) for (byte v : a) out.add((double) v);
		else if (o instanceof boolean[] a) for (boolean v : a) out.add(v ? 1.0 : 0.0);
		else if (o.getClass().isArray()) for (int i = 0; i < Array.getLength(o); i++) flatten(Array.get(o, i), out);
		else if (o instanceof String s) {
			try {
				out.add(Double.parseDouble(s.trim()));
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("not a number: " + s);
			}
		} else throw new IllegalArgumentException("not numeric: " + o.getClass().getSimpleName());
	}
}
