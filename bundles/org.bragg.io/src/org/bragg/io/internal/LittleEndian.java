package org.bragg.io.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bulk conversions between little-endian byte blobs (the {@code bin} payloads of DIALS {@code .refl}
 * columns, which are the raw x86-64 memory of the column arrays) and Java primitive arrays, through
 * {@link ByteBuffer} views so that the JIT moves whole blocks instead of decoding element by element.
 */
public final class LittleEndian {
	private LittleEndian() {}

	private static ByteBuffer le(byte[] b, int off, int len) { return ByteBuffer.wrap(b, off, len).slice().order(ByteOrder.LITTLE_ENDIAN); }

	public static double[] toDoubles(byte[] b) {
		double[] d = new double[b.length / Double.BYTES];
		le(b, 0, d.length * Double.BYTES).asDoubleBuffer().get(d);
		return d;
	}

	public static int[] toInts(byte[] b) {
		int[] d = new int[b.length / Integer.BYTES];
		le(b, 0, d.length * Integer.BYTES).asIntBuffer().get(d);
		return d;
	}

	public static long[] toLongs(byte[] b) {
		long[] d = new long[b.length / Long.BYTES];
		le(b, 0, d.length * Long.BYTES).asLongBuffer().get(d);
		return d;
	}

	public static boolean[] toBooleans(byte[] b) {
		boolean[] d = new boolean[b.length];
		for (int i = 0; i < b.length; i++) d[i] = b[i] != 0;
		return d;
	}

	public static byte[] fromDoubles(double[] d) {
		byte[] b = new byte[d.length * Double.BYTES];
		le(b, 0, b.length).asDoubleBuffer().put(d);
		return b;
	}

	public static byte[] fromInts(int[] d) {
		byte[] b = new byte[d.length * Integer.BYTES];
		le(b, 0, b.length).asIntBuffer().put(d);
		return b;
	}

	public static byte[] fromLongs(long[] d) {
		byte[] b = new byte[d.length * Long.BYTES];
		le(b, 0, b.length).asLongBuffer().put(d);
		return b;
	}

	public static byte[] fromBooleans(boolean[] d) {
		byte[] b = new byte[d.length];
		for (int i = 0; i < d.length; i++) b[i] = (byte) (d[i] ? 1 : 0);
		return b;
	}

	/** @return a little-endian view of {@code b[off..off+len)} whose position 0 is {@code off} */
	public static ByteBuffer view(byte[] b, int off, int len) { return le(b, off, len); }
}
