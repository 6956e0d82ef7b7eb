package org.bragg.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.reflection.ColumnKey;
import org.bragg.model.reflection.ColumnType;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.RawColumn;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.reflection.Shoebox;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/** {@link ReflectionTableIO} against DIALS 3.12 files. */
class ReflectionTableIOTest {
	@TempDir
	Path tmp;

	private static final Map<String, ColumnType> STRONG_COLUMNS = Map.of("bbox", ColumnType.INT6, "flags", ColumnType.SIZE_T, "id", ColumnType.INT,
			"intensity.sum.value", ColumnType.DOUBLE, "intensity.sum.variance", ColumnType.DOUBLE, "n_signal", ColumnType.INT, "panel",
			ColumnType.SIZE_T, "shoebox", ColumnType.SHOEBOX, "xyzobs.px.value", ColumnType.VEC3, "xyzobs.px.variance", ColumnType.VEC3);

	/** Every reference table loads with the right column types and is written back with identical bytes. */
	@TestFactory
	Stream<DynamicTest> everyReferenceTableRoundTripsByteForByte() {
		return SharedData.referenceReflectionTables().stream().map(p -> DynamicTest.dynamicTest(SharedData.label(p), () -> {
			long t0 = System.nanoTime();
			ReflectionTable t = ReflectionTableIO.read(p);
			long t1 = System.nanoTime();
			System.out.printf("read %s: %d rows in %.0f ms%n", SharedData.label(p), t.size(), (t1 - t0) / 1e6);
			assertTrue(t.size() > 0);
			if (p.getFileName().toString().equals("strong.refl")) {
				assertEquals(STRONG_COLUMNS.keySet(), t.columnNames());
				STRONG_COLUMNS.forEach((k, v) -> assertEquals(v, t.typeOf(k), k));
			}
			Path out = tmp.resolve(p.getParent().getFileName() + "_" + p.getFileName());
			ReflectionTableIO.write(t, out);
			assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(out), "bytes of the rewritten " + SharedData.label(p));
			assertFalse(Files.exists(out.resolveSibling(out.getFileName() + ".tmp")));
		}));
	}

	@Test
	void strongReflValuesMatchDials() throws Exception {
		ReflectionTable t = ReflectionTableIO.read(SharedData.file("sim_xray_1a8o_p43212/dials_reference/strong.refl"));
		assertEquals(16516, t.size());
		assertEquals(Map.of(0, "f5b8883b-6011-c8c5-5873-7fb27f9e717f"), t.experimentIdentifiers());
		// values printed by DIALS: t['xyzobs.px.value'][0] etc.
		double[] xyz = t.get(Columns.XYZOBS_PX_VALUE);
		assertArrayEquals(new double[] { 812.6153846153846, 2.5384615384615383, 0.5 }, Arrays.copyOf(xyz, 3));
		double[] var = t.get(Columns.XYZOBS_PX_VARIANCE);
		assertArrayEquals(new double[] { 0.11017187940264862, 0.10340941110171879, 0.08333333333333333 }, Arrays.copyOf(var, 3));
		assertArrayEquals(new int[] { 811, 814, 1, 4, 0, 1 }, Arrays.copyOf(t.get(Columns.BBOX), 6));
		assertEquals(ReflectionFlag.STRONG.mask(), t.get(Columns.FLAGS)[0]);
		assertEquals(7, t.get(Columns.N_SIGNAL)[0]);
		assertEquals(0L, t.get(Columns.PANEL)[0]);
		assertEquals(26.0, t.get(Columns.INTENSITY_SUM_VALUE)[0]);
		double sum = 0;
		for (double v : t.get(Columns.INTENSITY_SUM_VALUE)) sum += v;
		assertEquals(67110777.0, sum, 1e-6);
		Shoebox[] sb = t.get(Columns.SHOEBOX);
		assertEquals(0, sb[0].panel());
		assertArrayEquals(new int[] { 811, 814, 1, 4, 0, 1 }, sb[0].bbox());
		assertEquals(9, sb[0].data().length);
		assertArrayEquals(new float[] { 0f, 2f, 3f }, Arrays.copyOf(sb[0].data(), 3));
		assertArrayEquals(new int[] { 0, 5, 5, 5, 5 }, Arrays.copyOf(sb[0].mask(), 5));
		double pix = 0;
		for (Shoebox s : sb) {
			assertTrue(s.hasData());
			for (float f : s.data()) pix += f;
		}
		assertEquals(67110777.0, pix, 1e-6, "sum of all shoebox pixels (DIALS)");
		for (long f : t.get(Columns.FLAGS)) assertTrue(ReflectionFlag.STRONG.isSet(f));

		ReflectionTable c = ReflectionTableIO.read(SharedData.file("real_thermolysin_cspad/dials_reference/strong.refl"));
		assertEquals(474, c.size());
		assertEquals(4, c.experimentIdentifiers().size());
		assertEquals(63L, Arrays.stream(c.get(Columns.PANEL)).max().getAsLong());
		double[] cx = c.get(Columns.XYZOBS_PX_VALUE);
		assertArrayEquals(new double[] { 109.15104808877929, 179.9833538840937, 0.5 }, Arrays.copyOfRange(cx, 3 * 473, 3 * 474));

		ReflectionTable s = ReflectionTableIO.read(SharedData.file("real_thaumatin_grid_i24/dials_reference/stills_mode/strong.refl"));
		assertEquals(13282, s.size());
		assertEquals(19, s.experimentIdentifiers().size());
	}

	/** A DIALS-written table with a column of every type DIALS can read back (made by dev/make_io_test_fixture.py). */
	@Test
	void everyDialsTypeDecodes() throws Exception {
		byte[] bytes;
		try (InputStream in = getClass().getResourceAsStream("all_types.refl")) {
			assertNotNull(in, "test resource all_types.refl");
			bytes = in.readAllBytes();
		}
		Path f = tmp.resolve("all_types.refl");
		Files.write(f, bytes);
		ReflectionTable t = ReflectionTableIO.read(f);
		assertEquals(3, t.size());
		assertEquals(Map.of(0, "f5b8883b-6011-c8c5-5873-7fb27f9e717f", 1, "second"), t.experimentIdentifiers());
		assertArrayEquals(new boolean[] { true, false, true }, t.get(ColumnKey.ofBool("flag_b")));
		assertArrayEquals(new int[] { 0, 1, -7 }, t.get(ColumnKey.ofInt("id")));
		assertArrayEquals(new long[] { 0, 3, 4294967295L }, t.get(ColumnKey.ofSizeT("panel")));
		assertArrayEquals(new double[] { 1.5, -2.25, 1e-300 }, t.get(ColumnKey.ofDouble("d")));
		assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 6.5 }, t.get(ColumnKey.ofVec2("xy")));
		assertArrayEquals(new double[] { 0.1, 0.2, 0.3, -1, 0, 1, 7, 8, 9 }, t.get(ColumnKey.ofVec3("s1")));
		double[] m = t.get(ColumnKey.ofMat3("m"));
		assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Arrays.copyOf(m, 9));
		assertArrayEquals(new double[] { -1, 0, 0, 0, -1, 0, 0, 0, 1 }, Arrays.copyOfRange(m, 18, 27));
		assertArrayEquals(new int[] { 0, 2, 0, 3, 0, 1, 10, 11, 20, 21, 5, 6, 1, 1, 2, 2, 3, 3 }, t.get(Columns.BBOX));
		assertArrayEquals(new int[] { 1, -2, 3, 0, 0, 0, -10, 20, -30 }, t.get(Columns.MILLER_INDEX));
		Shoebox[] sb = t.get(Columns.SHOEBOX);
		assertEquals(0, sb[0].panel());
		assertArrayEquals(new float[] { 0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f }, sb[0].data());
		assertArrayEquals(new int[] { 3, 5, 3, 5, 3, 5 }, sb[0].mask());
		assertArrayEquals(new float[] { 0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f }, sb[0].background());
		assertEquals(3, sb[1].panel());
		assertFalse(sb[1].hasData());
		assertFalse(sb[2].hasData(), "an empty bbox has no pixel data");
		Path out = tmp.resolve("again.refl");
		ReflectionTableIO.write(t, out);
		assertArrayEquals(bytes, Files.readAllBytes(out));
	}

	/** Columns of unknown types, DIALS's std::string dumps and Bragg string columns survive a round trip. */
	@Test
	void unknownAndStringColumnsAreKept() throws Exception {
		ByteArrayOutputStream bos = new ByteArrayOutputStream();
		try (MessagePacker p = MessagePack.newDefaultPacker(bos)) {
			p.packArrayHeader(3).packString("dials::af::reflection_table").packInt(1).packMapHeader(3);
			p.packString("identifiers").packMapHeader(0);
			p.packString("nrows").packInt(2);
			p.packString("data").packMapHeader(4);
			p.packString("a_vec3_int").packArrayHeader(2).packString("vec3<int>");
			p.packArrayHeader(2).packInt(2).packBinaryHeader(24).writePayload(new byte[] { 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 6, 0, 0, 0 });
			p.packString("b_odd").packArrayHeader(2).packString("future<type>");
			p.packMapHeader(1).packString("k").packDouble(1.5);
			p.packString("c_dials_string").packArrayHeader(2).packString("std::string");
			p.packArrayHeader(2).packInt(2).packBinaryHeader(64).writePayload(new byte[64]);
			p.packString("d_x").packArrayHeader(2).packString("double");
			p.packArrayHeader(2).packInt(2).packBinaryHeader(16).writePayload(new byte[16]);
		}
		Path f = tmp.resolve("odd.refl");
		Files.write(f, bos.toByteArray());
		ReflectionTable t = ReflectionTableIO.read(f);
		assertEquals(ColumnType.RAW, t.typeOf("a_vec3_int"));
		RawColumn rc = (RawColumn) t.getRaw("a_vec3_int");
		assertEquals("vec3<int>", rc.typeName());
		assertEquals(12, rc.elementSize());
		assertEquals(0, ((RawColumn) t.getRaw("b_odd")).elementSize());
		assertEquals(32, ((RawColumn) t.getRaw("c_dials_string")).elementSize());
		Path out = tmp.resolve("odd2.refl");
		ReflectionTableIO.write(t, out);
		assertArrayEquals(bos.toByteArray(), Files.readAllBytes(out));
		ReflectionTable sel = t.select(new int[] { 1 });
		assertEquals(12, ((RawColumn) sel.getRaw("a_vec3_int")).payload().length);

		ReflectionTable s = new ReflectionTable(3);
		s.put(ColumnKey.ofString("label"), new String[] { "a", null, "a long string, longer than fifteen bytes" });
		Path sf = tmp.resolve("strings.refl");
		ReflectionTableIO.write(s, sf);
		assertArrayEquals(new String[] { "a", null, "a long string, longer than fifteen bytes" }, ReflectionTableIO.read(sf).get(ColumnKey.ofString("label")));
	}

	@Test
	void writtenTablesFollowDialsOrdering() throws Exception {
		ReflectionTable t = new ReflectionTable(2);
		t.put(Columns.XYZOBS_PX_VALUE, new double[] { 1, 2, 3, 4, 5, 6 });
		t.put(Columns.ID, new int[] { 0, 0 });
		t.put(Columns.SHOEBOX, new Shoebox[] { new Shoebox(1, new int[] { 0, 1, 0, 1, 0, 1 }, new float[] { 7 }, new int[] { 5 }, new float[] { 1 }),
				new Shoebox(0, new int[] { 0, 0, 0, 0, 0, 0 }, new float[0], new int[0], new float[0]) });
		t.experimentIdentifiers().put(2, "b");
		t.experimentIdentifiers().put(0, "a");
		Path f = tmp.resolve("new.refl");
		ReflectionTableIO.write(t, f);
		ReflectionTable r = ReflectionTableIO.read(f);
		assertEquals(List.of("id", "shoebox", "xyzobs.px.value"), List.copyOf(r.columnNames()), "std::map order");
		assertEquals(List.of(0, 2), List.copyOf(r.experimentIdentifiers().keySet()));
		assertArrayEquals(new float[] { 7 }, r.get(Columns.SHOEBOX)[0].data());
		assertNull(r.get(Columns.SHOEBOX)[1].data(), "DIALS writes no pixel data for an empty shoebox");
	}

	// ---- bad input ------------------------------------------------------------------------------

	private BraggInputException readBad(byte[] content, String name) throws IOException {
		Path f = tmp.resolve(name);
		Files.write(f, content);
		BraggInputException e = assertThrows(BraggInputException.class, () -> ReflectionTableIO.read(f));
		assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
		assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
		return e;
	}

	@Test
	void truncatedFilesAreReported() throws Exception {
		byte[] full = Files.readAllBytes(SharedData.file("real_thermolysin_cspad/dials_reference/strong.refl"));
		for (int len : new int[] { 1, 10, 40, 100, 1000, full.length / 2, full.length - 1 }) {
			BraggInputException e = readBad(Arrays.copyOf(full, len), "strong.refl");
			assertTrue(e.getMessage().contains("truncated"), len + ": " + e.getMessage());
		}
		assertTrue(readBad(new byte[0], "empty.refl").getMessage().contains("empty file"));
	}

	@Test
	void wrongMagicAndOtherFormats() throws Exception {
		ByteArrayOutputStream bos = new ByteArrayOutputStream();
		try (MessagePacker p = MessagePack.newDefaultPacker(bos)) {
			p.packArrayHeader(3).packString("dials::af::something_else").packInt(1).packMapHeader(0);
		}
		assertEquals("magic.refl: not a DIALS msgpack reflection table: expected \"dials::af::reflection_table\", found \"dials::af::something_else\"",
				readBad(bos.toByteArray(), "magic.refl").getMessage());
		assertTrue(readBad(new byte[] { (byte) 0x80, 4, (byte) 0x95, 0, 0 }, "old.refl").getMessage().contains("pickle"));
		assertTrue(readBad("{\"json\": 1}".getBytes(), "json.refl").getMessage().contains("not a DIALS msgpack reflection table"));

		bos.reset();
		try (MessagePacker p = MessagePack.newDefaultPacker(bos)) {
			p.packArrayHeader(3).packString("dials::af::reflection_table").packInt(2).packMapHeader(0);
		}
		assertTrue(readBad(bos.toByteArray(), "v2.refl").getMessage().contains("version 2"));
	}

	@Test
	void inconsistentColumnsAreReported() throws Exception {
		ByteArrayOutputStream bos = new ByteArrayOutputStream();
		try (MessagePacker p = MessagePack.newDefaultPacker(bos)) {
			p.packArrayHeader(3).packString("dials::af::reflection_table").packInt(1).packMapHeader(2);
			p.packString("nrows").packInt(2);
			p.packString("data").packMapHeader(1);
			p.packString("xyzobs.px.value").packArrayHeader(2).packString("vec3<double>");
			p.packArrayHeader(2).packInt(2).packBinaryHeader(40).writePayload(new byte[40]);
		}
		assertEquals("bad.refl: column 'xyzobs.px.value' (vec3<double>) has 40 bytes of data, expected 2 rows × 24 bytes",
				readBad(bos.toByteArray(), "bad.refl").getMessage());
		bos.reset();
		try (MessagePacker p = MessagePack.newDefaultPacker(bos)) {
			p.packArrayHeader(3).packString("dials::af::reflection_table").packInt(1).packMapHeader(2);
			p.packString("nrows").packInt(3);
			p.packString("data").packMapHeader(1);
			p.packString("d").packArrayHeader(2).packString("double");
			p.packArrayHeader(2).packInt(2).packBinaryHeader(16).writePayload(new byte[16]);
		}
		assertEquals("rows.refl: column 'd' has 2 rows, expected nrows = 3", readBad(bos.toByteArray(), "rows.refl").getMessage());
	}

	@Test
	void failedWriteKeepsTheOldFile() throws Exception {
		Path f = tmp.resolve("keep.refl");
		Files.writeString(f, "old content");
		ReflectionTable t = new ReflectionTable(1);
		t.put(Columns.SHOEBOX, new Shoebox[] { null });
		assertThrows(IllegalArgumentException.class, () -> ReflectionTableIO.write(t, f));
		assertEquals("old content", Files.readString(f));
		assertFalse(Files.exists(tmp.resolve("keep.refl.tmp")));
	}
}
