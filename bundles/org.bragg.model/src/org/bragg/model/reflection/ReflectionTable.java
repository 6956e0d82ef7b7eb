package org.bragg.model.reflection;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A columnar reflection table, as DIALS's {@code reflection_table}: n rows, named typed columns each
 * stored as one primitive array ({@link ColumnType} gives the layout: {@code double[3n]} for vec3,
 * {@code int[6n]} for bbox, ...), plus the map from experiment {@code id} to experiment identifier.
 *
 * <p>Ownership: {@link #get} returns the live array so that hot loops run over primitives without
 * copies; only the code that created a table may write into its arrays. Operations that change the
 * row set ({@link #select}, {@link #sortBy}, {@link #concat}) return new tables. Not thread-safe for
 * structural changes; concurrent reads are safe.
 *
 * @since 0.1
 */
public final class ReflectionTable {
	private final int nrows;
	private final LinkedHashMap<String, Column> columns = new LinkedHashMap<>();
	private final TreeMap<Integer, String> identifiers = new TreeMap<>();

	private record Column(ColumnType type, Object data) {}

	/** Creates an empty table with {@code nrows} rows and no columns. */
	public ReflectionTable(int nrows) {
		if (nrows < 0) throw new IllegalArgumentException("negative row count");
		this.nrows = nrows;
	}

	/** @return the number of rows */
	public int size() { return nrows; }

	/** @return column names in insertion order */
	public Set<String> columnNames() { return Collections.unmodifiableSet(columns.keySet()); }

	public boolean has(ColumnKey<?> key) {
		Column c = columns.get(key.name());
		return c != null && c.type == key.type();
	}

	public boolean has(String name) { return columns.containsKey(name); }

	/** @return the type of a column, or null if absent */
	public ColumnType typeOf(String name) {
		Column c = columns.get(name);
		return c == null ? null : c.type;
	}

	/**
	 * @return the live array of a column
	 * @throws IllegalArgumentException if the column is absent or has another type
	 */
	@SuppressWarnings("unchecked")
	public <A> A get(ColumnKey<A> key) {
		Column c = columns.get(key.name());
		if (c == null) throw new IllegalArgumentException("reflection table has no column '" + key.name() + "'; columns: " + columns.keySet());
		if (c.type != key.type())
			throw new IllegalArgumentException("column '" + key.name() + "' is " + c.type.dialsName() + ", not " + key.type().dialsName());
		return (A) c.data;
	}

	/** @return the raw stored object of a column (array or {@link RawColumn}), or null */
	public Object getRaw(String name) {
		Column c = columns.get(name);
		return c == null ? null : c.data;
	}

	/**
	 * Adds or replaces a column.
	 *
	 * @throws IllegalArgumentException if the array length is not {@code width·size()}
	 */
	public <A> ReflectionTable put(ColumnKey<A> key, A data) {
		putRaw(key.name(), key.type(), data);
		return this;
	}

	/** Adds or replaces a column given its type and array (or {@link RawColumn}). */
	public void putRaw(String name, ColumnType type, Object data) {
		if (type == ColumnType.RAW) {
			if (!(data instanceof RawColumn rc) || rc.rows() != nrows)
				throw new IllegalArgumentException("raw column '" + name + "' must be a RawColumn of " + nrows + " rows");
		} else {
			if (!type.arrayClass().isInstance(data)) throw new IllegalArgumentException("column '" + name + "' needs " + type.arrayClass().getSimpleName());
			int len = Array.getLength(data);
			if (len != type.width() * nrows)
				throw new IllegalArgumentException("column '" + name + "' has " + len + " elements, expected " + type.width() * nrows);
		}
		columns.put(name, new Column(type, data));
	}

	/** Creates (zero-filled) and returns a new column, replacing any existing one. */
	@SuppressWarnings("unchecked")
	public <A> A create(ColumnKey<A> key) {
		A a = (A) key.type().newArray(nrows);
		put(key, a);
		return a;
	}

	/** @return the existing column, or a new zero-filled one */
	public <A> A getOrCreate(ColumnKey<A> key) { return has(key) ? get(key) : create(key); }

	public void remove(String name) { columns.remove(name); }

	/** @return experiment id → identifier (live, sorted map) */
	public Map<Integer, String> experimentIdentifiers() { return identifiers; }

	/** @return a new table with the rows whose bit is set */
	public ReflectionTable select(BitSet rows) {
		int[] idx = rows.stream().filter(i -> i < nrows).toArray();
		return select(idx);
	}

	/** @return a new table with rows where {@code mask[i]} is true. @throws IllegalArgumentException if the length differs */
	public ReflectionTable select(boolean[] mask) {
		if (mask.length != nrows) throw new IllegalArgumentException("selection has " + mask.length + " entries for " + nrows + " rows");
		int n = 0;
		for (boolean b : mask) if (b) n++;
		int[] idx = new int[n];
		for (int i = 0, k = 0; i < mask.length; i++) if (mask[i]) idx[k++] = i;
		return select(idx);
	}

	/**
	 * @param rows row indices (may repeat or reorder)
	 * @return a new table with those rows in that order. Raw columns of unknown element size are dropped.
	 */
	public ReflectionTable select(int[] rows) {
		ReflectionTable t = new ReflectionTable(rows.length);
		t.identifiers.putAll(identifiers);
		for (Map.Entry<String, Column> e : columns.entrySet()) {
			Column c = e.getValue();
			if (c.type == ColumnType.RAW) {
				RawColumn rc = (RawColumn) c.data;
				if (rc.elementSize() <= 0) continue;
				byte[] p = new byte[rows.length * rc.elementSize()];
				for (int i = 0; i < rows.length; i++) System.arraycopy(rc.payload(), rows[i] * rc.elementSize(), p, i * rc.elementSize(), rc.elementSize());
				t.columns.put(e.getKey(), new Column(c.type, new RawColumn(rc.typeName(), rows.length, rc.elementSize(), p)));
				continue;
			}
			int w = c.type.width();
			Object dst = c.type.newArray(rows.length);
			for (int i = 0; i < rows.length; i++) System.arraycopy(c.data, rows[i] * w, dst, i * w, w);
			t.columns.put(e.getKey(), new Column(c.type, dst));
		}
		return t;
	}

	/** @return a new table sorted (stably) by the given row comparator on indices */
	public ReflectionTable sortBy(Comparator<Integer> rowOrder) {
		List<Integer> idx = new ArrayList<>(nrows);
		for (int i = 0; i < nrows; i++) idx.add(i);
		idx.sort(rowOrder);
		return select(idx.stream().mapToInt(Integer::intValue).toArray());
	}

	/** @return a new table sorted by a double column (ascending, stable) */
	public ReflectionTable sortBy(ColumnKey<double[]> key) {
		double[] v = get(key);
		if (key.type().width() != 1) throw new IllegalArgumentException("sort key must be a scalar column");
		return sortBy((a, b) -> Double.compare(v[a], v[b]));
	}

	/**
	 * Concatenates tables row-wise. Columns missing from some tables are zero-filled; experiment
	 * identifiers are merged (a clash of one id with two identifiers is an error).
	 *
	 * @throws IllegalArgumentException if a column has different types or ids clash
	 */
	public static ReflectionTable concat(List<ReflectionTable> tables) {
		int n = tables.stream().mapToInt(ReflectionTable::size).sum();
		ReflectionTable out = new ReflectionTable(n);
		LinkedHashMap<String, ColumnType> types = new LinkedHashMap<>();
		for (ReflectionTable t : tables) {
			for (Map.Entry<String, Column> e : t.columns.entrySet()) {
				ColumnType prev = types.putIfAbsent(e.getKey(), e.getValue().type);
				if (prev != null && prev != e.getValue().type) throw new IllegalArgumentException("column '" + e.getKey() + "' has different types");
			}
			for (Map.Entry<Integer, String> e : t.identifiers.entrySet()) {
				String prev = out.identifiers.putIfAbsent(e.getKey(), e.getValue());
				if (prev != null && !prev.equals(e.getValue())) throw new IllegalArgumentException("experiment id " + e.getKey() + " maps to two identifiers");
			}
		}
		for (Map.Entry<String, ColumnType> e : types.entrySet()) {
			ColumnType type = e.getValue();
			if (type == ColumnType.RAW) continue;
			Object dst = type.newArray(n);
			int off = 0;
			for (ReflectionTable t : tables) {
				Column c = t.columns.get(e.getKey());
				if (c != null) System.arraycopy(c.data, 0, dst, off * type.width(), t.nrows * type.width());
				off += t.nrows;
			}
			out.columns.put(e.getKey(), new Column(type, dst));
		}
		return out;
	}

	/** @return true if flag f is set on row i (requires the flags column) */
	public boolean hasFlag(int row, ReflectionFlag f) { return f.isSet(get(Columns.FLAGS)[row]); }

	/** @return a selection of rows with all bits of {@code mask} set in {@code flags} */
	public boolean[] selectFlags(long mask) {
		long[] fl = get(Columns.FLAGS);
		boolean[] s = new boolean[nrows];
		for (int i = 0; i < nrows; i++) s[i] = (fl[i] & mask) == mask;
		return s;
	}

	/** Sets (or clears) flag bits on the rows where {@code sel} is true. */
	public void setFlags(boolean[] sel, long mask, boolean value) {
		long[] fl = getOrCreate(Columns.FLAGS);
		for (int i = 0; i < nrows; i++) if (sel[i]) fl[i] = value ? (fl[i] | mask) : (fl[i] & ~mask);
	}

	@Override
	public String toString() { return "ReflectionTable[" + nrows + " rows, columns " + columns.keySet() + "]"; }
}
