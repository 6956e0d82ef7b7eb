package org.bragg.io.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

import org.bragg.model.BraggInputException;
import org.bragg.model.reflection.ColumnType;
import org.bragg.model.reflection.RawColumn;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.reflection.Shoebox;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.Value;
import org.msgpack.value.ValueType;

/**
 * Decodes a DIALS msgpack reflection table ({@code dials/array_family/reflection_table_msgpack_adapter.h}
 * describes the layout). Streaming: the file is read once, column payloads go straight into primitive
 * arrays through {@link LittleEndian}.
 */
public final class ReflReader {
	/** The first element of the top-level array. */
	public static final String MAGIC = "dials::af::reflection_table";
	/** Size in bytes of a {@code std::string} object in DIALS's (libstdc++, x86-64) memory dumps. */
	public static final int STD_STRING_SIZE = 32;

	private final String file;
	private final MessageUnpacker u;
	private String where = "the header";

	private ReflReader(String file, MessageUnpacker u) {
		this.file = file;
		this.u = u;
	}

	/** A column as read, before the row count is checked. */
	private record Col(String name, ColumnType type, long rows, Object data) {}

	/**
	 * @param in the stream (not closed)
	 * @param file the name used in messages
	 */
	public static ReflectionTable decode(InputStream in, String file) throws BraggInputException {
		MessageUnpacker u = MessagePack.newDefaultUnpacker(in);
		ReflReader r = new ReflReader(file, u);
		try {
			return r.table();
		} catch (MessageInsufficientBufferException e) {
			throw new BraggInputException(file + ": file is truncated (ends inside " + r.where + ")", e);
		} catch (MessagePackException e) {
			throw new BraggInputException(file + ": " + r.where + " is not valid msgpack: " + e.getMessage(), e);
		} catch (java.io.EOFException e) {
			throw new BraggInputException(file + ": file is truncated (ends inside " + r.where + ")", e);
		} catch (IOException e) {
			throw new BraggInputException(file + ": cannot read " + r.where + ": " + e.getMessage(), e);
		}
	}

	private BraggInputException fail(String msg) { return new BraggInputException(file + ": " + where + " " + msg); }

	private ReflectionTable table() throws IOException, BraggInputException {
		if (!u.hasNext()) throw new BraggInputException(file + ": empty file, expected a DIALS msgpack reflection table");
		MessageFormat f = u.getNextFormat();
		if (f.getValueType() != ValueType.ARRAY)
			throw new BraggInputException(file + ": not a DIALS msgpack reflection table: expected a msgpack array [\"" + MAGIC
					+ "\", 1, {...}], found a " + describe(f) + (f.getValueType() == ValueType.MAP ? " (legacy pickle tables are not supported)" : ""));
		int n = u.unpackArrayHeader();
		if (n != 3) throw new BraggInputException(file + ": not a DIALS msgpack reflection table: top-level array has " + n + " elements, expected 3");
		if (u.getNextFormat().getValueType() != ValueType.STRING)
			throw new BraggInputException(file + ": not a DIALS msgpack reflection table: expected \"" + MAGIC + "\", found a " + describe(u.getNextFormat()));
		String magic = u.unpackString();
		if (!MAGIC.equals(magic))
			throw new BraggInputException(file + ": not a DIALS msgpack reflection table: expected \"" + MAGIC + "\", found \"" + shorten(magic) + "\"");
		where = "the version";
		long version = unpackCount("version");
		if (version != 1) throw new BraggInputException(file + ": reflection table version " + version + " is not supported (expected 1)");
		where = "the header";
		if (u.getNextFormat().getValueType() != ValueType.MAP) throw fail("expected a map {identifiers, nrows, data}, found a " + describe(u.getNextFormat()));
		int keys = u.unpackMapHeader();
		long nrows = -1;
		TreeMap<Integer, String> ids = new TreeMap<>();
		List<Col> cols = null;
		for (int k = 0; k < keys; k++) {
			where = "the header";
			String key = unpackString("a header key");
			switch (key) {
				case "nrows" -> {
					where = "nrows";
					nrows = unpackCount("nrows");
				}
				case "identifiers" -> {
					where = "identifiers";
					if (u.getNextFormat().getValueType() != ValueType.MAP) throw fail("expected a map {id: identifier}, found a " + describe(u.getNextFormat()));
					int m = u.unpackMapHeader();
					for (int i = 0; i < m; i++) {
						long id = unpackCount("an experiment id");
						if (id > Integer.MAX_VALUE) throw fail("experiment id " + id + " is too large");
						ids.put((int) id, unpackString("an experiment identifier"));
					}
				}
				case "data" -> cols = columns();
				default -> throw fail("has an unknown key \"" + shorten(key) + "\" (expected identifiers, nrows, data)");
			}
		}
		where = "the header";
		if (nrows < 0) throw fail("has no nrows");
		if (cols == null) throw fail("has no data");
		if (nrows > Integer.MAX_VALUE) throw fail("nrows " + nrows + " is too large");
		ReflectionTable t = new ReflectionTable((int) nrows);
		for (Col c : cols) {
			Object data = c.data();
			if (data instanceof RawUnsized r) data = new RawColumn(r.typeName(), (int) nrows, 0, r.msgpack());
			else if (c.rows() != nrows)
				throw new BraggInputException(file + ": column '" + c.name() + "' has " + c.rows() + " rows, expected nrows = " + nrows);
			t.putRaw(c.name(), c.type(), data);
		}
		t.experimentIdentifiers().putAll(ids);
		return t;
	}

	private List<Col> columns() throws IOException, BraggInputException {
		where = "data";
		if (u.getNextFormat().getValueType() != ValueType.MAP) throw fail("expected a map {column: [type, payload]}, found a " + describe(u.getNextFormat()));
		int n = u.unpackMapHeader();
		LinkedHashMap<String, Col> cols = new LinkedHashMap<>();
		for (int i = 0; i < n; i++) {
			where = "data";
			String name = unpackString("a column name");
			where = "column '" + name + "'";
			if (u.getNextFormat().getValueType() != ValueType.ARRAY || u.unpackArrayHeader() != 2) throw fail("expected [type name, payload]");
			String typeName = unpackString("a type name");
			where = "column '" + name + "' (" + typeName + ")";
			cols.put(name, column(name, typeName));
		}
		return new ArrayList<>(cols.values());
	}

	private Col column(String name, String typeName) throws IOException, BraggInputException {
		ColumnType type = ColumnType.fromDialsName(typeName);
		if (type == ColumnType.RAW) return rawColumn(name, typeName);
		if (type == ColumnType.STRING) return stringColumn(name, typeName);
		if (u.getNextFormat().getValueType() != ValueType.ARRAY || u.unpackArrayHeader() != 2) throw fail("expected a payload [n, bin]");
		long rows = unpackCount("the row count");
		if (rows > Integer.MAX_VALUE) throw fail("has too many rows (" + rows + ")");
		byte[] b = unpackBin();
		int n = (int) rows;
		if (type == ColumnType.SHOEBOX) return new Col(name, type, rows, shoeboxes(b, n));
		int elem = elementSize(type);
		if ((long) n * elem != b.length) throw fail("has " + b.length + " bytes of data, expected " + n + " rows × " + elem + " bytes");
		Object data = switch (type) {
			case BOOL -> LittleEndian.toBooleans(b);
			case INT, INT6, MILLER -> LittleEndian.toInts(b);
			case SIZE_T -> LittleEndian.toLongs(b);
			case DOUBLE, VEC2, VEC3, MAT3 -> LittleEndian.toDoubles(b);
			default -> throw new IllegalStateException("unhandled column type " + type);
		};
		return new Col(name, type, rows, data);
	}

	/** @return bytes per row of the fixed-size DIALS types */
	public static int elementSize(ColumnType type) {
		return switch (type) {
			case BOOL -> 1;
			case INT -> 4;
			case SIZE_T, DOUBLE -> 8;
			case VEC2 -> 16;
			case VEC3 -> 24;
			case MAT3 -> 72;
			case INT6 -> 24;
			case MILLER -> 12;
			default -> throw new IllegalArgumentException(type + " has no fixed element size");
		};
	}

	/**
	 * DIALS dumps {@code std::string} columns as raw {@code std::string} objects (pointers included), which no
	 * other process can decode; such a column is kept byte-for-byte as a {@link RawColumn}. Bragg's own
	 * encoding, {@code [n, [str, ...]]}, gives a {@code String[]} column.
	 */
	private Col stringColumn(String name, String typeName) throws IOException, BraggInputException {
		Value v = u.unpackValue();
		if (v.isArrayValue() && v.asArrayValue().size() == 2 && v.asArrayValue().get(0).isIntegerValue()
				&& v.asArrayValue().get(1).isArrayValue()) {
			long rows = v.asArrayValue().get(0).asIntegerValue().toLong();
			ArrayValue items = v.asArrayValue().get(1).asArrayValue();
			if (items.size() != rows) throw fail("has " + items.size() + " strings for " + rows + " rows");
			String[] s = new String[items.size()];
			for (int i = 0; i < s.length; i++) {
				Value e = items.get(i);
				if (e.isNilValue()) s[i] = null;
				else if (e.isStringValue()) s[i] = e.asStringValue().asString();
				else throw fail("element " + i + " is not a string");
			}
			return new Col(name, ColumnType.STRING, rows, s);
		}
		return raw(name, typeName, v);
	}

	private Col rawColumn(String name, String typeName) throws IOException, BraggInputException {
		return raw(name, typeName, u.unpackValue());
	}

	/** Unknown payloads: [n, bin] with bin a multiple of n keeps its element size; anything else its msgpack bytes. */
	private Col raw(String name, String typeName, Value v) throws IOException {
		if (v.isArrayValue() && v.asArrayValue().size() == 2 && v.asArrayValue().get(0).isIntegerValue()
				&& v.asArrayValue().get(1).isBinaryValue()) {
			long rows = v.asArrayValue().get(0).asIntegerValue().toLong();
			byte[] b = v.asArrayValue().get(1).asBinaryValue().asByteArray();
			if (rows > 0 && rows <= Integer.MAX_VALUE && b.length % rows == 0 && b.length > 0)
				return new Col(name, ColumnType.RAW, rows, new RawColumn(typeName, (int) rows, (int) (b.length / rows), b));
		}
		ByteArrayOutputStream bos = new ByteArrayOutputStream();
		try (MessagePacker p = MessagePack.newDefaultPacker(bos)) {
			p.packValue(v);
		}
		// row count unknown: accept it as the table's
		return new Col(name, ColumnType.RAW, -2, new RawUnsized(typeName, bos.toByteArray()));
	}

	/** A raw column whose row count is only known once nrows is (fixed up in {@link #table()}). */
	private record RawUnsized(String typeName, byte[] msgpack) {}

	private Shoebox[] shoeboxes(byte[] b, int n) throws BraggInputException {
		ByteBuffer bb = LittleEndian.view(b, 0, b.length);
		Shoebox[] out = new Shoebox[n];
		int[] bbox = new int[6];
		for (int i = 0; i < n; i++) {
			if (bb.remaining() < 29) throw fail("shoebox " + i + " of " + n + " is truncated");
			int panel = bb.getInt();
			for (int k = 0; k < 6; k++) bbox[k] = bb.getInt();
			if (bbox[1] < bbox[0] || bbox[3] < bbox[2] || bbox[5] < bbox[4])
				throw fail("shoebox " + i + " has an invalid bbox [" + bbox[0] + ", " + bbox[1] + ", " + bbox[2] + ", " + bbox[3] + ", " + bbox[4]
						+ ", " + bbox[5] + "]");
			byte has = bb.get();
			if (has == 0) {
				out[i] = new Shoebox(panel, bbox.clone(), null, null, null);
				continue;
			}
			long np = (long) (bbox[1] - bbox[0]) * (bbox[3] - bbox[2]) * (bbox[5] - bbox[4]);
			if (np * 12 > bb.remaining()) throw fail("shoebox " + i + " of " + n + " is truncated (needs " + np * 12 + " bytes of pixels)");
			int m = (int) np;
			float[] data = new float[m];
			int[] mask = new int[m];
			float[] bg = new float[m];
			int pos = bb.position();
			bb.slice(pos, 4 * m).order(bb.order()).asFloatBuffer().get(data);
			bb.slice(pos + 4 * m, 4 * m).order(bb.order()).asIntBuffer().get(mask);
			bb.slice(pos + 8 * m, 4 * m).order(bb.order()).asFloatBuffer().get(bg);
			bb.position(pos + 12 * m);
			out[i] = new Shoebox(panel, bbox.clone(), data, mask, bg);
		}
		if (bb.hasRemaining()) throw fail("has " + bb.remaining() + " bytes after the last of " + n + " shoeboxes");
		return out;
	}

	// ---- msgpack helpers ------------------------------------------------------------------------

	private long unpackCount(String what) throws IOException, BraggInputException {
		MessageFormat f = u.getNextFormat();
		if (f.getValueType() != ValueType.INTEGER) throw fail("expected " + what + " (an integer), found a " + describe(f));
		long v = u.unpackLong();
		if (v < 0) throw fail("expected " + what + " ≥ 0, found " + v);
		return v;
	}

	private String unpackString(String what) throws IOException, BraggInputException {
		MessageFormat f = u.getNextFormat();
		if (f.getValueType() != ValueType.STRING) throw fail("expected " + what + " (a string), found a " + describe(f));
		return u.unpackString();
	}

	private byte[] unpackBin() throws IOException, BraggInputException {
		MessageFormat f = u.getNextFormat();
		if (f.getValueType() != ValueType.BINARY) throw fail("expected binary data, found a " + describe(f));
		int len = u.unpackBinaryHeader();
		if (len < 0) throw fail("has more than 2 GiB of data, which Bragg cannot hold in one column");
		return u.readPayload(len);
	}

	private static String describe(MessageFormat f) {
		return f.getValueType().name().toLowerCase() + " (msgpack " + f.name() + ")";
	}

	private static String shorten(String s) { return s.length() > 40 ? s.substring(0, 37) + "..." : s; }
}
