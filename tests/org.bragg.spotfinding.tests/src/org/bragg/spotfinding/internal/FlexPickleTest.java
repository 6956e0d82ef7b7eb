package org.bragg.spotfinding.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bragg.model.BraggInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DIALS mask and gain pickles written by cctbx (pickle protocols 2 and 5). */
class FlexPickleTest {
	@TempDir
	Path dir;

	Path resource(String name) throws Exception {
		Path p = dir.resolve(name);
		try (InputStream in = FlexPickleTest.class.getResourceAsStream("pickles/" + name)) {
			Files.copy(in, p);
		}
		return p;
	}

	@Test
	void boolTuplesInBothProtocols() throws Exception {
		for (String f : new String[] { "mask_p5.pickle", "mask_p2.pickle" }) {
			boolean[][] m = FlexPickle.readBoolTuple(resource(f));
			assertEquals(2, m.length);
			boolean[] m0 = new boolean[12];
			java.util.Arrays.fill(m0, true);
			m0[1] = false;
			m0[6] = false;
			assertArrayEquals(m0, m[0], f);
			boolean[] m1 = new boolean[10];
			m1[3] = true;
			assertArrayEquals(m1, m[1], f);
		}
	}

	@Test
	void largeMask() throws Exception {
		boolean[][] m = FlexPickle.readBoolTuple(resource("mask_big.pickle"));
		assertEquals(120000, m[0].length);
		assertFalse(m[0][12345]);
		int f = 0;
		for (boolean b : m[0]) if (!b) f++;
		assertEquals(1, f);
	}

	@Test
	void doubleTuple() throws Exception {
		double[][] g = FlexPickle.readDoubleTuple(resource("gain.pickle"));
		assertArrayEquals(new double[] { 3.0, -2.25, 1.5, 1.5, 1e300, 0.1 }, g[0], 0);
	}

	@Test
	void wrongTypeOrNotAPickle() throws Exception {
		assertThrows(BraggInputException.class, () -> FlexPickle.readDoubleTuple(resource("mask_p5.pickle")));
		Path junk = dir.resolve("junk.pickle");
		Files.writeString(junk, "not a pickle");
		BraggInputException e = assertThrows(BraggInputException.class, () -> FlexPickle.readBoolTuple(junk));
		assertTrue(e.getMessage().contains("junk.pickle"));
		assertThrows(BraggInputException.class, () -> FlexPickle.readBoolTuple(dir.resolve("missing.pickle")));
	}

	@Test
	void writtenMasksReadBack() throws Exception {
		boolean[] a = new boolean[12], b = new boolean[70000];
		java.util.Arrays.fill(a, true);
		a[5] = false;
		b[69999] = true;
		Path f = dir.resolve("hot_mask_0.pickle");
		FlexPickle.writeBoolTuple(f, java.util.List.of(a, b), java.util.List.of(new int[] { 3, 4 }, new int[] { 7, 10000 }));
		boolean[][] r = FlexPickle.readBoolTuple(f);
		assertArrayEquals(a, r[0]);
		assertArrayEquals(b, r[1]);
		assertArrayEquals(new byte[] { 0 }, FlexPickle.unsignedBase256(0));
		assertArrayEquals(new byte[] { 4, (byte) 0xc0, (byte) 0xd4, 1 }, FlexPickle.unsignedBase256(120000));
	}
}
