package org.bragg.io.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bragg.model.BraggInputException;
import org.bragg.model.Mat3;
import org.bragg.model.Vec3;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON value with the file name and the JSON path that lead to it ({@code detector[0].panels[3]}),
 * so that every type error reads like
 * {@code indexed.expt: detector[0].panels[3].pixel_size expected 2 numbers, found "abc"}.
 *
 * <p>Getters named {@code req…} throw {@link BraggInputException} when the key is missing or null;
 * getters named {@code opt…} return a default then, and all of them throw when the value has the
 * wrong type.
 */
public final class JsonField {
	private final String file;
	private final String path;
	private final JsonNode node;

	public JsonField(String file, String path, JsonNode node) {
		this.file = file;
		this.path = path;
		this.node = node;
	}

	public String path() { return path; }
	public JsonNode node() { return node; }
	public String file() { return file; }

	/** @return a user-input error about this value */
	public BraggInputException error(String what) { return new BraggInputException(file + ": " + (path.isEmpty() ? "top level" : path) + " " + what); }

	private String childPath(String key) { return path.isEmpty() ? key : path + "." + key; }

	/** @return true if the key is present and not null */
	public boolean has(String key) {
		JsonNode n = node.get(key);
		return n != null && !n.isNull();
	}

	/** @return the child, or null if absent or JSON null */
	public JsonField opt(String key) {
		JsonNode n = node.get(key);
		return n == null || n.isNull() ? null : new JsonField(file, childPath(key), n);
	}

	/** @return the child. @throws BraggInputException if absent or null */
	public JsonField req(String key) throws BraggInputException {
		JsonField f = opt(key);
		if (f == null) throw new BraggInputException(file + ": " + childPath(key) + " is missing");
		return f;
	}

	/** @return element i of this array */
	public JsonField at(int i) { return new JsonField(file, path + "[" + i + "]", node.get(i)); }

	/** @return the number of elements of this array. @throws BraggInputException if this is not an array */
	public int arraySize() throws BraggInputException {
		if (!node.isArray()) throw error("expected an array, found " + describe(node));
		return node.size();
	}

	/** @return this object's keys in file order. @throws BraggInputException if this is not an object */
	public List<String> keys() throws BraggInputException {
		if (!node.isObject()) throw error("expected an object, found " + describe(node));
		List<String> k = new ArrayList<>();
		for (Iterator<String> it = node.fieldNames(); it.hasNext();) k.add(it.next());
		return k;
	}

	public JsonField requireObject() throws BraggInputException {
		if (!node.isObject()) throw error("expected an object, found " + describe(node));
		return this;
	}

	// ---- scalars --------------------------------------------------------------------------------

	public double asDouble() throws BraggInputException {
		if (!node.isNumber()) throw error("expected a number, found " + describe(node));
		return node.doubleValue();
	}

	public int asInt() throws BraggInputException {
		if (!isIntegral(node) || !fitsInt(node)) throw error("expected an integer, found " + describe(node));
		return node.isIntegralNumber() ? node.intValue() : (int) node.doubleValue();
	}

	public String asString() throws BraggInputException {
		if (!node.isTextual()) throw error("expected a string, found " + describe(node));
		return node.textValue();
	}

	public boolean asBoolean() throws BraggInputException {
		if (!node.isBoolean()) throw error("expected true or false, found " + describe(node));
		return node.booleanValue();
	}

	public double reqDouble(String key) throws BraggInputException { return req(key).asDouble(); }

	public double optDouble(String key, double dflt) throws BraggInputException {
		JsonField f = opt(key);
		return f == null ? dflt : f.asDouble();
	}

	public int reqInt(String key) throws BraggInputException { return req(key).asInt(); }

	public int optInt(String key, int dflt) throws BraggInputException {
		JsonField f = opt(key);
		return f == null ? dflt : f.asInt();
	}

	public String reqString(String key) throws BraggInputException { return req(key).asString(); }

	public String optString(String key, String dflt) throws BraggInputException {
		JsonField f = opt(key);
		return f == null ? dflt : f.asString();
	}

	// ---- fixed-size arrays ----------------------------------------------------------------------

	/** @return exactly n numbers. @throws BraggInputException otherwise */
	public double[] asDoubles(int n) throws BraggInputException {
		if (!node.isArray() || (n >= 0 && node.size() != n)) throw error("expected " + count(n, "number") + ", found " + describe(node));
		double[] v = new double[node.size()];
		for (int i = 0; i < v.length; i++) {
			JsonNode e = node.get(i);
			if (!e.isNumber()) throw error("expected " + count(n, "number") + ", found " + describe(node));
			v[i] = e.doubleValue();
		}
		return v;
	}

	/** @return exactly n integers (n &lt; 0: any length). @throws BraggInputException otherwise */
	public int[] asInts(int n) throws BraggInputException {
		if (!node.isArray() || (n >= 0 && node.size() != n)) throw error("expected " + count(n, "integer") + ", found " + describe(node));
		int[] v = new int[node.size()];
		for (int i = 0; i < v.length; i++) {
			JsonNode e = node.get(i);
			if (!isIntegral(e) || !fitsInt(e)) throw error("expected " + count(n, "integer") + ", found " + describe(node));
			v[i] = e.isIntegralNumber() ? e.intValue() : (int) e.doubleValue();
		}
		return v;
	}

	public double[] reqDoubles(String key, int n) throws BraggInputException { return req(key).asDoubles(n); }

	public double[] optDoubles(String key, int n, double[] dflt) throws BraggInputException {
		JsonField f = opt(key);
		return f == null ? dflt : f.asDoubles(n);
	}

	public int[] optInts(String key, int n, int[] dflt) throws BraggInputException {
		JsonField f = opt(key);
		return f == null ? dflt : f.asInts(n);
	}

	public Vec3 reqVec3(String key) throws BraggInputException { return Vec3.of(reqDoubles(key, 3)); }

	public Vec3 asVec3() throws BraggInputException { return Vec3.of(asDoubles(3)); }

	public Mat3 asMat3() throws BraggInputException { return Mat3.of(asDoubles(9)); }

	public Mat3 optMat3(String key, Mat3 dflt) throws BraggInputException {
		JsonField f = opt(key);
		return f == null ? dflt : f.asMat3();
	}

	/** @return a list of 3×3 matrices, each a 9-number row-major array */
	public List<Mat3> asMat3List() throws BraggInputException {
		int n = arraySize();
		List<Mat3> l = new ArrayList<>(n);
		for (int i = 0; i < n; i++) l.add(at(i).asMat3());
		return l;
	}

	/** @return a list of 3-vectors */
	public List<Vec3> asVec3List() throws BraggInputException {
		int n = arraySize();
		List<Vec3> l = new ArrayList<>(n);
		for (int i = 0; i < n; i++) l.add(at(i).asVec3());
		return l;
	}

	// ---- JSON-like values -----------------------------------------------------------------------

	/**
	 * @return this value as plain Java: objects as unmodifiable insertion-ordered {@code Map<String,Object>},
	 *         arrays as unmodifiable {@code List<Object>}, integers as {@link Long} (or
	 *         {@link BigInteger} beyond 64 bits), reals as {@link Double}, strings, booleans and null
	 */
	public Object toPlain() { return toPlain(node); }

	/** @return this object as a plain map. @throws BraggInputException if not an object */
	public Map<String, Object> toPlainMap() throws BraggInputException {
		requireObject();
		@SuppressWarnings("unchecked")
		Map<String, Object> m = (Map<String, Object>) toPlain(node);
		return m;
	}

	/** See {@link #toPlain()}. */
	public static Object toPlain(JsonNode n) {
		if (n == null || n.isNull() || n.isMissingNode()) return null;
		if (n.isObject()) {
			LinkedHashMap<String, Object> m = new LinkedHashMap<>();
			for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> e = it.next();
				m.put(e.getKey(), toPlain(e.getValue()));
			}
			return Collections.unmodifiableMap(m);
		}
		if (n.isArray()) {
			List<Object> l = new ArrayList<>(n.size());
			for (JsonNode e : n) l.add(toPlain(e));
			return Collections.unmodifiableList(l);
		}
		if (n.isIntegralNumber()) return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
		if (n.isNumber()) return n.doubleValue();
		if (n.isBoolean()) return n.booleanValue();
		if (n.isTextual()) return n.textValue();
		return n.toString();
	}

	// ---- helpers --------------------------------------------------------------------------------

	private static boolean isIntegral(JsonNode e) {
		if (e.isIntegralNumber()) return true;
		if (!e.isNumber()) return false;
		double d = e.doubleValue();
		return d == Math.rint(d) && !Double.isInfinite(d);
	}

	private static boolean fitsInt(JsonNode e) {
		if (e.isIntegralNumber()) return e.canConvertToInt();
		double d = e.doubleValue();
		return d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
	}

	private static String count(int n, String what) {
		if (n < 0) return "an array of " + what + "s";
		return n + " " + what + (n == 1 ? "" : "s");
	}

	/** @return a short rendering of a JSON value for messages, e.g. {@code "abc"} or {@code [1, 2]} */
	public static String describe(JsonNode n) {
		if (n == null || n.isMissingNode()) return "nothing";
		if (n.isNull()) return "null";
		String s = n.toString();
		if (s.length() > 60) s = s.substring(0, 57) + "...";
		if (n.isObject()) return "object " + s;
		if (n.isArray()) return (n.size() == 0 ? "an empty array" : "array " + s);
		return s;
	}
}
