package org.bragg.format.cbf.internal;

/**
 * Decoder for the CBF {@code x-CBF_PACKED} and {@code x-CBF_PACKED_V2} compressions of 32-bit
 * integer arrays: J. P. Abrahams' CCP4 "pack" scheme as extended in CBFlib 0.7.7+ (imgCIF dictionary,
 * {@code _array_structure.compression_type packed / packed_v2}).
 *
 * <p>Stream layout (all little-endian, bits taken from the least significant end of each byte):
 * four 64-bit words (number of elements, minimum, maximum, reserved), then blocks. Each block starts
 * with a 6-bit (packed) or 7-bit (packed_v2) code: its low 3 bits give log₂ of the number of
 * elements in the block (1…128) and the remaining bits index the table of offset widths
 * (packed: 0, 4, 5, 6, 7, 8, 16, 32 bits; packed_v2: 0, 3…16, 32 bits). Then come that many
 * two's-complement offsets of that width.
 *
 * <p>An element is its predictor plus its offset, in 32-bit two's complement. Without averaging
 * ({@code flat}, or no dimensions given) the predictor is the previous element (0 before the
 * first). With averaging (the default when the array dimensions are known) the predictor is the
 * rounded mean of the already decoded neighbours: the previous element in the row, and the three
 * elements above-left, above and above-right in the previous row (trimmed at the row ends), plus the
 * same pattern one section (fast × mid plane) back unless the sections are {@code uncorrelated};
 * the first element of a section is predicted from the first element of the previous section. The
 * mean of 1, 2, 4 or 8 neighbours is {@code (sum + count/2) >> log₂(count)}, as CBFlib computes it.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class Packed {
	private Packed() {}

	private static final int[] BITS_V1 = { 0, 4, 5, 6, 7, 8, 16, 65 };
	private static final int[] BITS_V2 = { 0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 65 };

	/** Thrown when the compressed stream ends early or is inconsistent. */
	public static final class CorruptException extends Exception {
		private static final long serialVersionUID = 1L;

		CorruptException(String message) {
			super(message, null, false, false);
		}
	}

	/**
	 * Decodes a packed stream of signed 32-bit integers.
	 *
	 * @param src the bytes; the stream starts at {@code off} and may not extend past {@code end}
	 * @param n number of elements expected
	 * @param dims {fast, mid, slow} array dimensions from the MIME header (0 where absent)
	 * @param v2 true for {@code x-CBF_PACKED_V2}
	 * @param flat true if the {@code flat} flag is set (no averaging)
	 * @param uncorrelated true if the {@code uncorrelated_sections} flag is set
	 * @param dst receives n values
	 * @throws CorruptException if the stream is truncated or its element count differs from n
	 */
	public static void decode(byte[] src, int off, int end, int n, int[] dims, boolean v2, boolean flat, boolean uncorrelated, int[] dst)
			throws CorruptException {
		if (end > src.length) throw new IllegalArgumentException("end " + end + " beyond the array of " + src.length);
		if (end - off < 32) throw new CorruptException("the packed stream is shorter than its 32-byte header");
		long nelemFile = readLong(src, off);
		if (nelemFile != n) throw new CorruptException("the packed stream holds " + nelemFile + " elements, the header says " + n);
		int dimFast = dims[0], dimMid = dims[1], dimSlow = dims[2];
		boolean avg = !(dimFast == 0 && dimMid == 0 && dimSlow == 0) && !flat;
		if (dimSlow == 0) dimSlow = 1;
		if (dimMid == 0) dimMid = 1;
		if (dimFast == 0) dimFast = n / (dimMid * dimSlow);
		if ((long) dimFast * dimMid * dimSlow != n)
			throw new CorruptException("dimensions " + dimFast + "×" + dimMid + "×" + dimSlow + " do not give " + n + " elements");
		final int[] table = v2 ? BITS_V2 : BITS_V1;
		final int headerBits = v2 ? 7 : 6;
		final int section = dimFast * dimMid;

		// Bit reader state: bits are consumed from the low end of buf.
		int p = off + 32;
		long buf = 0;
		int nb = 0;

		int count = 0;
		int f = 0, m = 0, s = 0; // indices of the element `count`
		int pred = 0;
		while (count < n) {
			while (nb <= 56 && p < end) {
				buf |= (src[p++] & 0xffL) << nb;
				nb += 8;
			}
			if (nb < headerBits) throw new CorruptException("the packed stream ends after " + count + " of " + n + " elements");
			int code = (int) (buf & ((1 << headerBits) - 1));
			buf >>>= headerBits;
			nb -= headerBits;
			int pixels = 1 << (code & 7);
			int bits = table[(code >> 3) & (v2 ? 15 : 7)];
			boolean wide = bits == 65;
			if (wide && avg) {
				bits = 32;
				wide = false;
			}
			if (pixels > n - count) pixels = n - count;
			for (int k = 0; k < pixels; k++) {
				int offset = 0;
				if (bits != 0) {
					int take = wide ? 32 : bits;
					if (nb < take) {
						while (nb <= 56 && p < end) {
							buf |= (src[p++] & 0xffL) << nb;
							nb += 8;
						}
						if (nb < take) throw new CorruptException("the packed stream ends after " + count + " of " + n + " elements");
					}
					offset = (int) buf;
					if (take < 32) offset = (offset << (32 - take)) >> (32 - take);
					buf >>>= take;
					nb -= take;
					if (wide) { // 65-bit field without averaging: the upper 33 bits are not used for 32-bit data
						for (int skip = 33; skip > 0;) {
							while (nb <= 56 && p < end) {
								buf |= (src[p++] & 0xffL) << nb;
								nb += 8;
							}
							int t = Math.min(skip, Math.min(nb, 32));
							if (t == 0) throw new CorruptException("the packed stream ends after " + count + " of " + n + " elements");
							buf >>>= t;
							nb -= t;
							skip -= t;
						}
					}
				}
				int value = pred + offset;
				dst[count] = value;
				count++;
				// advance indices to the next element
				if (++f == dimFast) {
					f = 0;
					if (++m == dimMid) {
						m = 0;
						s++;
					}
				}
				if (count < n) pred = avg ? predict(dst, count, f, m, s, dimFast, section, uncorrelated) : value;
			}
		}
	}

	/** Mean of the decoded neighbours of element {@code i} at (f, m, s), as CBFlib's averaging. */
	private static int predict(int[] d, int i, int f, int m, int s, int dimFast, int section, boolean uncorrelated) {
		int sum = 0, j = 0;
		if (m > 0) {
			boolean t0 = f > 0, t1 = true, t2 = true, t3 = f > 0;
			if (f > 0 && f == dimFast - 1) {
				t1 = false;
				t3 = false;
			}
			int i0 = i - 1, i1 = i - dimFast + 1, i2 = i - dimFast, i3 = i - dimFast - 1;
			if (t0) { sum += d[i0]; j++; }
			if (t1) { sum += d[i1]; j++; }
			if (t2) { sum += d[i2]; j++; }
			if (t3) { sum += d[i3]; j++; }
			if (s > 0 && !uncorrelated) {
				if (t0) { sum += d[i - section]; j++; }
				if (t1) { sum += d[i1 - section]; j++; }
				if (t2) { sum += d[i2 - section]; j++; }
				if (t3) { sum += d[i3 - section]; j++; }
			}
		} else if (f == 0) {
			sum = d[i - section]; // first element of a later section
			j = 1;
		} else {
			sum = d[i - 1];
			j = 1;
		}
		switch (j) {
		case 1: return sum;
		case 2: return (sum + 1) >> 1;
		case 4: return (sum + 2) >> 2;
		case 8: return (sum + 4) >> 3;
		default: // j = 3, 5, 6, 7 cannot arise with dimFast ≥ 2; mirror CBFlib's rounding table
			int k = j >> 1;
			int[] shift = { 1, 2, 0, 3 };
			return (sum + k) >> shift[k - 1];
		}
	}

	private static long readLong(byte[] b, int p) {
		long r = 0;
		for (int k = 7; k >= 0; k--) r = (r << 8) | (b[p + k] & 0xffL);
		return r;
	}
}
