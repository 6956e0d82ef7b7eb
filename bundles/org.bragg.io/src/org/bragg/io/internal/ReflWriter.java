package org.bragg.io.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.bragg.model.reflection.ColumnType;
import org.bragg.model.reflection.RawColumn;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.reflection.Shoebox;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Encodes a reflection table exactly as DIALS's msgpack adapter does: columns in {@code std::map} order
 * (byte-wise by UTF-8 name), identifiers by id, each column {@code [type, [n, bin]]} with the
 * little-endian element bytes, shoeboxes as one blob of records. msgpack-core chooses the same
 * (smallest) encodings as msgpack-c, so a table read from a DIALS file is written back byte for byte.
 */
public final class ReflWriter {
	private ReflWriter() {}

	/** Byte-wise comparison of UTF-8 encodings, the order of a C++ {@code std::map<std::string, …>}. */
	static final Comparator<String> STD_STRING_ORDER = (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
			b.getBytes(StandardCharsets.UTF_8));

	/** Writes {@code t} to {@code out} (flushed, not closed). */
	public static void encode(ReflectionTable t, OutputStream out) throws IOException {
		MessagePacker p = MessagePack.newDefaultPacker(out);
		p.packArrayHeader(3);
		p.packString(ReflReader.MAGIC);
		p.packInt(1);
		p.packMapHeader(3);
		p.packString("identifiers");
		Map<Integer, String> ids = t.experimentIdentifiers();
		List<Map.Entry<Integer, String>> idl = new ArrayList<>(ids.entrySet());
		idl.sort((x, y) -> Integer.compareUnsigned(x.getKey(), y.getKey()));
		p.packMapHeader(idl.size());
		for (Map.Entry<Integer, String> e : idl) {
			if (e.getKey() < 0) throw new IllegalArgumentException("experiment id " + e.getKey() + " is negative");
			p.packInt(e.getKey());
			p.packString(e.getValue());
		}
		p.packString("nrows");
		p.packInt(t.size());
		p.packString("data");
		List<String> names = new ArrayList<>(t.columnNames());
		names.sort(STD_STRING_ORDER);
		p.packMapHeader(names.size());
		for (String name : names) {
			p.packString(name);
			column(p, t, name);
		}
		p.flush();
	}

	private static void column(MessagePacker p, ReflectionTable t, String name) throws IOException {
		ColumnType type = t.typeOf(name);
		Object data = t.getRaw(name);
		int n = t.size();
		p.packArrayHeader(2);
		if (type == ColumnType.RAW) {
			RawColumn rc = (RawColumn) data;
			p.packString(rc.typeName());
			if (rc.elementSize() > 0) bin(p, rc.rows(), rc.payload());
			else p.writePayload(rc.payload());
			return;
		}
		p.packString(type.dialsName());
		switch (type) {
			case BOOL -> bin(p, n, LittleEndian.fromBooleans((boolean[]) data));
			case INT, INT6, MILLER -> bin(p, n, LittleEndian.fromInts((int[]) data));
			case SIZE_T -> bin(p, n, LittleEndian.fromLongs((long[]) data));
			case DOUBLE, VEC2, VEC3, MAT3 -> bin(p, n, LittleEndian.fromDoubles((double[]) data));
			case SHOEBOX -> bin(p, n, shoeboxes((Shoebox[]) data, name));
			case STRING -> {
				String[] s = (String[]) data;
				p.packArrayHeader(2);
				p.packInt(n);
				p.packArrayHeader(s.length);
				for (String x : s) {
					if (x == null) p.packNil();
					else p.packString(x);
				}
			}
			default -> throw new IllegalStateException("unhandled column type " + type);
		}
	}

	private static void bin(MessagePacker p, int n, byte[] b) throws IOException {
		p.packArrayHeader(2);
		p.packInt(n);
		p.packBinaryHeader(b.length);
		p.writePayload(b);
	}

	/** One record per shoebox: uint32 panel, 6 × int32 bbox, uint8 has_data, then float data, int32 mask, float background. */
	static byte[] shoeboxes(Shoebox[] s, String name) {
		long size = 0;
		for (int i = 0; i < s.length; i++) {
			if (s[i] == null) throw new IllegalArgumentException("column '" + name + "': shoebox " + i + " is null");
			size += 29 + (hasData(s[i]) ? 12L * s[i].data().length : 0);
		}
		if (size > Integer.MAX_VALUE - 16)
			throw new IllegalArgumentException("column '" + name + "' needs " + size + " bytes; Bragg writes at most 2 GiB per column");
		byte[] b = new byte[(int) size];
		ByteBuffer bb = LittleEndian.view(b, 0, b.length);
		for (Shoebox x : s) {
			bb.putInt(x.panel());
			for (int v : x.bbox()) bb.putInt(v);
			if (!hasData(x)) {
				bb.put((byte) 0);
				continue;
			}
			bb.put((byte) 1);
			int m = x.data().length, pos = bb.position();
			bb.slice(pos, 4 * m).order(bb.order()).asFloatBuffer().put(x.data());
			bb.slice(pos + 4 * m, 4 * m).order(bb.order()).asIntBuffer().put(x.mask());
			bb.slice(pos + 8 * m, 4 * m).order(bb.order()).asFloatBuffer().put(x.background());
			bb.position(pos + 12 * m);
		}
		return b;
	}

	/** DIALS writes pixel data only for a non-empty shoebox with allocated data. */
	private static boolean hasData(Shoebox x) { return x.data() != null && x.data().length > 0; }
}
