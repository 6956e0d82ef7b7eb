package org.bragg.format.cbf.internal;

/**
 * The CBF {@code x-CBF_BYTE_OFFSET} codec for integer arrays.
 *
 * <p>Encoding (imgCIF dictionary, {@code _array_structure.compression_type byte_offsets}; CBFlib):
 * each element is stored as the difference from the previous element (the element before the first
 * is 0), little-endian, in the fewest bytes: one signed byte if it fits in [−127, 127]; otherwise the
 * escape byte {@code 0x80} followed by a signed 16-bit difference if that fits in [−32767, 32767];
 * otherwise the escape {@code 0x8000} followed by a signed 32-bit difference; and, for differences
 * that do not fit in 32 bits, the escape {@code 0x80000000} followed by a signed 64-bit difference.
 *
 * <p>The decoder is the hot path of reading Pilatus/Eiger images: one tight loop over the byte array,
 * with no per-pixel method calls and one bounds comparison per element on the fast path. Values
 * accumulate in 32-bit two's complement (as dxtbx's and CBFlib's decoders do for 32-bit elements).
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ByteOffset {
	private ByteOffset() {}

	/** Thrown when the compressed bytes end before all elements are decoded. */
	public static final class TruncatedException extends Exception {
		private static final long serialVersionUID = 1L;
		/** number of elements decoded before the data ran out */
		public final int decoded;

		TruncatedException(int decoded) {
			super("compressed data end after " + decoded + " elements", null, false, false);
			this.decoded = decoded;
		}
	}

	/**
	 * Decodes {@code n} elements.
	 *
	 * @param src compressed bytes
	 * @param off first compressed byte
	 * @param end one past the last compressed byte that may be read ({@code ≤ src.length})
	 * @param dst receives the values, row-major as stored (length ≥ n)
	 * @param n number of elements
	 * @return the number of compressed bytes consumed
	 * @throws TruncatedException if the bytes in [off, end) hold fewer than {@code n} elements
	 * @throws IllegalArgumentException if {@code end > src.length} or {@code dst} is too short
	 */
	public static int decode(byte[] src, int off, int end, int[] dst, int n) throws TruncatedException {
		if (end > src.length || off < 0 || off > end) throw new IllegalArgumentException("byte range " + off + ".." + end + " outside the array of " + src.length);
		if (dst.length < n) throw new IllegalArgumentException("destination holds " + dst.length + " values, need " + n);
		int p = off;
		int i = 0;
		int v = 0;
		// Fast path in blocks: k elements need at most 15·k bytes (1 + 2 + 4 + 8 for the longest), so
		// a block of k = (bytes left) / 15 elements runs without any end-of-data test.
		while (true) {
			int k = Math.min(n - i, (end - p) / 15);
			if (k < 64) break;
			final int stop = i + k;
			for (; i < stop; i++) {
				int d = src[p];
				if (d != -128) {
					v += d;
					p++;
				} else {
					int d16 = (short) ((src[p + 1] & 0xff) | (src[p + 2] << 8));
					if (d16 != Short.MIN_VALUE) {
						v += d16;
						p += 3;
					} else {
						int d32 = (src[p + 3] & 0xff) | (src[p + 4] & 0xff) << 8 | (src[p + 5] & 0xff) << 16 | src[p + 6] << 24;
						if (d32 != Integer.MIN_VALUE) {
							v += d32;
							p += 7;
						} else {
							v += (int) readLong(src, p + 7);
							p += 15;
						}
					}
				}
				dst[i] = v;
			}
		}
		// Checked tail.
		while (i < n) {
			if (p >= end) throw new TruncatedException(i);
			int d = src[p];
			if (d != -128) {
				v += d;
				p++;
			} else {
				if (p + 3 > end) throw new TruncatedException(i);
				int d16 = (short) ((src[p + 1] & 0xff) | (src[p + 2] << 8));
				if (d16 != Short.MIN_VALUE) {
					v += d16;
					p += 3;
				} else {
					if (p + 7 > end) throw new TruncatedException(i);
					int d32 = (src[p + 3] & 0xff) | (src[p + 4] & 0xff) << 8 | (src[p + 5] & 0xff) << 16 | src[p + 6] << 24;
					if (d32 != Integer.MIN_VALUE) {
						v += d32;
						p += 7;
					} else {
						if (p + 15 > end) throw new TruncatedException(i);
						v += (int) readLong(src, p + 7);
						p += 15;
					}
				}
			}
			dst[i++] = v;
		}
		return p - off;
	}

	private static long readLong(byte[] b, int p) {
		long r = 0;
		for (int k = 7; k >= 0; k--) r = (r << 8) | (b[p + k] & 0xffL);
		return r;
	}

	/**
	 * Encodes values (used by tests and tools that write CBF).
	 *
	 * @return the compressed bytes
	 */
	public static byte[] encode(int[] values, int n) {
		byte[] out = new byte[Math.max(16, n + n / 4 + 16)];
		int p = 0;
		long prev = 0;
		for (int i = 0; i < n; i++) {
			if (p + 15 > out.length) out = java.util.Arrays.copyOf(out, out.length * 2 + 16);
			long d = values[i] - prev;
			prev = values[i];
			if (d >= -127 && d <= 127) {
				out[p++] = (byte) d;
			} else if (d >= -32767 && d <= 32767) {
				out[p++] = (byte) 0x80;
				out[p++] = (byte) d;
				out[p++] = (byte) (d >> 8);
			} else if (d >= -2147483647L && d <= 2147483647L) {
				out[p++] = (byte) 0x80;
				out[p++] = 0;
				out[p++] = (byte) 0x80;
				for (int k = 0; k < 4; k++) out[p++] = (byte) (d >> (8 * k));
			} else {
				out[p++] = (byte) 0x80;
				out[p++] = 0;
				out[p++] = (byte) 0x80;
				out[p++] = 0;
				out[p++] = 0;
				out[p++] = 0;
				out[p++] = (byte) 0x80;
				for (int k = 0; k < 8; k++) out[p++] = (byte) (d >> (8 * k));
			}
		}
		return java.util.Arrays.copyOf(out, p);
	}
}
