package org.bragg.format.cbf.internal;

import java.util.Locale;
import java.util.Map;

import org.bragg.model.BraggInputException;

/**
 * One MIME-encoded binary section of a CBF file ({@code --CIF-BINARY-FORMAT-SECTION--} … header
 * lines … blank line, the four bytes {@code 0C 1A 04 D5}, then {@code X-Binary-Size} bytes of data).
 * Holds the parsed MIME header and the byte offsets; {@link #decode} turns the data into pixels.
 * Keys follow the CBFlib/imgCIF MIME conventions ({@code X-Binary-Size},
 * {@code X-Binary-Number-of-Elements}, {@code X-Binary-Element-Type},
 * {@code X-Binary-Element-Byte-Order}, {@code X-Binary-Size-Fastest-Dimension},
 * {@code -Second-Dimension}, {@code -Third-Dimension}, {@code Content-Type ... conversions=}).
 *
 * @param index 0-based position of the section in the file
 * @param mime header lines, keys lower-cased, values trimmed (continuation lines joined)
 * @param dataOffset offset of the first data byte (after the 4 magic bytes), or -1 if the file
 *        ends before the magic bytes
 * @param markerOffset offset of the {@code --CIF-BINARY-FORMAT-SECTION--} marker
 *
 * @since 0.1
 */
public record BinarySection(int index, Map<String, String> mime, int dataOffset, int markerOffset) {

	/** Element types this reader decodes. */
	public enum ElementType {
		SIGNED_8("signed 8-bit integer", 1, true, false), UNSIGNED_8("unsigned 8-bit integer", 1, false, false),
		SIGNED_16("signed 16-bit integer", 2, true, false), UNSIGNED_16("unsigned 16-bit integer", 2, false, false),
		SIGNED_32("signed 32-bit integer", 4, true, false), UNSIGNED_32("unsigned 32-bit integer", 4, false, false),
		REAL_32("signed 32-bit real IEEE", 4, true, true), REAL_64("signed 64-bit real IEEE", 8, true, true);

		final String text;
		final int size;
		final boolean signed;
		final boolean real;

		ElementType(String text, int size, boolean signed, boolean real) {
			this.text = text;
			this.size = size;
			this.signed = signed;
			this.real = real;
		}

		/** @return true for IEEE floating-point elements */
		public boolean isReal() { return real; }
	}

	/** Compression schemes ({@code conversions=} of {@code Content-Type}). */
	public enum Compression { NONE, BYTE_OFFSET, PACKED, PACKED_V2 }

	/** @return the value of a MIME header key (case-insensitive), or null */
	public String get(String key) { return mime.get(key.toLowerCase(Locale.ROOT)); }

	/**
	 * @return an integer MIME header value
	 * @throws BraggInputException naming the file and key if missing or not an integer
	 */
	public long requireLong(String file, String key) throws BraggInputException {
		String v = get(key);
		if (v == null) throw new BraggInputException(file + ": binary section " + (index + 1) + " has no " + key + " header");
		try {
			return Long.parseLong(unquote(v));
		} catch (NumberFormatException e) {
			throw new BraggInputException(file + ": header " + key + " expected integer, found \"" + v + "\"");
		}
	}

	/** @return an integer MIME header value, or {@code dflt} if absent. @throws BraggInputException if not an integer */
	public long optLong(String file, String key, long dflt) throws BraggInputException {
		return get(key) == null ? dflt : requireLong(file, key);
	}

	/** @return the number of data bytes, {@code X-Binary-Size} */
	public int size(String file) throws BraggInputException {
		long s = requireLong(file, "X-Binary-Size");
		if (s < 0 || s > Integer.MAX_VALUE - 64)
			throw new BraggInputException(file + ": header X-Binary-Size expected a size in bytes, found " + s);
		return (int) s;
	}

	/** @return {@code X-Binary-Number-of-Elements} */
	public int numElements(String file) throws BraggInputException {
		long n = requireLong(file, "X-Binary-Number-of-Elements");
		if (n < 0 || n > Integer.MAX_VALUE - 16)
			throw new BraggInputException(file + ": header X-Binary-Number-of-Elements expected 0…2³¹, found " + n);
		return (int) n;
	}

	/**
	 * @return {fast, second, third} dimensions from the {@code X-Binary-Size-*-Dimension} keys, 0
	 *         where absent
	 */
	public int[] dimensions(String file) throws BraggInputException {
		String[] keys = { "X-Binary-Size-Fastest-Dimension", "X-Binary-Size-Second-Dimension", "X-Binary-Size-Third-Dimension" };
		int[] d = new int[3];
		for (int k = 0; k < 3; k++) {
			long v = optLong(file, keys[k], 0);
			if (v < 0 || v > Integer.MAX_VALUE) throw new BraggInputException(file + ": header " + keys[k] + " expected a positive integer, found " + v);
			d[k] = (int) v;
		}
		return d;
	}

	/**
	 * Checks that the dimensions multiply to the number of elements.
	 *
	 * @throws BraggInputException on a mismatch, naming the keys and values
	 */
	public void checkDimensions(String file) throws BraggInputException {
		int n = numElements(file);
		int[] d = dimensions(file);
		if (d[0] == 0) return;
		long prod = (long) d[0] * Math.max(d[1], 1) * Math.max(d[2], 1);
		if (prod != n)
			throw new BraggInputException(file + ": header X-Binary-Number-of-Elements is " + n + " but X-Binary-Size-Fastest-Dimension × "
					+ "X-Binary-Size-Second-Dimension" + (d[2] > 0 ? " × X-Binary-Size-Third-Dimension" : "") + " = " + d[0] + " × " + d[1]
					+ (d[2] > 0 ? " × " + d[2] : "") + " = " + prod);
	}

	/** @return the element type. @throws BraggInputException if missing or unsupported */
	public ElementType elementType(String file) throws BraggInputException {
		String v = get("X-Binary-Element-Type");
		if (v == null) return ElementType.SIGNED_32; // CBFlib's default
		String t = unquote(v).trim().toLowerCase(Locale.ROOT);
		for (ElementType e : ElementType.values()) if (e.text.equals(t)) return e;
		throw new BraggInputException(file + ": header X-Binary-Element-Type \"" + unquote(v) + "\" is not supported (expected one of "
				+ "signed/unsigned 8/16/32-bit integer, signed 32/64-bit real IEEE)");
	}

	/** @return the compression. @throws BraggInputException for an unknown or unsupported one */
	public Compression compression(String file) throws BraggInputException {
		String conv = conversions();
		if (conv == null) return Compression.NONE;
		switch (conv.toLowerCase(Locale.ROOT)) {
		case "x-cbf_byte_offset":
			return Compression.BYTE_OFFSET;
		case "x-cbf_packed":
			return Compression.PACKED;
		case "x-cbf_packed_v2":
			return Compression.PACKED_V2;
		case "x-cbf_none":
		case "":
			return Compression.NONE;
		default:
			throw new BraggInputException(file + ": header Content-Type conversions=\"" + conv
					+ "\" is not supported (supported: x-CBF_BYTE_OFFSET, x-CBF_PACKED, x-CBF_PACKED_V2, x-CBF_NONE)");
		}
	}

	/** @return the {@code conversions=} parameter of {@code Content-Type}, unquoted, or null */
	public String conversions() {
		String ct = get("Content-Type");
		if (ct == null) return null;
		for (String part : ct.split(";")) {
			String p = part.trim();
			if (p.toLowerCase(Locale.ROOT).startsWith("conversions=")) return unquote(p.substring("conversions=".length()).trim());
		}
		return null;
	}

	/** @return true if {@code Content-Type} carries the given flag parameter ({@code flat}, {@code uncorrelated_sections}) */
	public boolean hasFlag(String flag) {
		String ct = get("Content-Type");
		if (ct == null) return false;
		for (String part : ct.split("[;\\s]+")) if (unquote(part.trim()).equalsIgnoreCase(flag)) return true;
		return false;
	}

	/** Result of decoding: exactly one of the arrays is non-null. */
	public record Values(int[] ints, double[] doubles) {}

	/**
	 * Decodes the section's data.
	 *
	 * @param bytes the whole (decompressed) file
	 * @param file the file name for messages
	 * @throws BraggInputException if the data are truncated, the sizes disagree, or the compression or
	 *         element type are not supported; the message names the file and the header key
	 */
	public Values decode(byte[] bytes, String file) throws BraggInputException {
		int size = size(file);
		int n = numElements(file);
		checkDimensions(file);
		ElementType type = elementType(file);
		Compression comp = compression(file);
		String te = get("Content-Transfer-Encoding");
		if (te != null && !unquote(te).equalsIgnoreCase("BINARY"))
			throw new BraggInputException(file + ": header Content-Transfer-Encoding \"" + te + "\" is not supported (expected BINARY)");
		String order = get("X-Binary-Element-Byte-Order");
		if (order != null && !unquote(order).equalsIgnoreCase("LITTLE_ENDIAN"))
			throw new BraggInputException(file + ": header X-Binary-Element-Byte-Order \"" + order + "\" is not supported (expected LITTLE_ENDIAN)");
		if (dataOffset < 0 || dataOffset > bytes.length)
			throw new BraggInputException(file + ": file is truncated: binary section " + (index + 1) + " ends before its data start (magic bytes 0C 1A 04 D5 not found)");
		int available = bytes.length - dataOffset;
		if (size > available)
			throw new BraggInputException(file + ": file is truncated: header X-Binary-Size is " + size + " bytes but only " + available
					+ " bytes follow the start of binary section " + (index + 1));
		int end = dataOffset + size;
		switch (comp) {
		case BYTE_OFFSET: {
			if (type.real)
				throw new BraggInputException(file + ": header X-Binary-Element-Type \"" + type.text + "\" cannot be byte-offset compressed");
			int[] out = new int[n];
			int used;
			try {
				used = ByteOffset.decode(bytes, dataOffset, end, out, n);
			} catch (ByteOffset.TruncatedException e) {
				throw new BraggInputException(file + ": header/binary size mismatch: the " + size + " bytes of X-Binary-Size hold only " + e.decoded
						+ " of the " + n + " elements of X-Binary-Number-of-Elements");
			}
			if (used != size)
				throw new BraggInputException(file + ": header/binary size mismatch: the " + n + " elements of X-Binary-Number-of-Elements use "
						+ used + " bytes but X-Binary-Size is " + size);
			return new Values(out, null);
		}
		case PACKED:
		case PACKED_V2: {
			if (type != ElementType.SIGNED_32 && type != ElementType.UNSIGNED_32)
				throw new BraggInputException(file + ": header X-Binary-Element-Type \"" + type.text
						+ "\" with packed compression is not supported (32-bit integers only)");
			int[] out = new int[n];
			try {
				Packed.decode(bytes, dataOffset, end, n, dimensions(file), comp == Compression.PACKED_V2, hasFlag("flat"),
						hasFlag("uncorrelated_sections"), out);
			} catch (Packed.CorruptException e) {
				throw new BraggInputException(file + ": header/binary size mismatch in binary section " + (index + 1) + " (X-Binary-Size " + size
						+ ", X-Binary-Number-of-Elements " + n + "): " + e.getMessage());
			}
			return new Values(out, null);
		}
		default: {
			long need = (long) n * type.size;
			if (need != size)
				throw new BraggInputException(file + ": header/binary size mismatch: X-Binary-Number-of-Elements " + n + " × " + type.size
						+ " bytes = " + need + " but X-Binary-Size is " + size);
			return uncompressed(bytes, dataOffset, n, type, file);
		}
		}
	}

	private static Values uncompressed(byte[] b, int p, int n, ElementType t, String file) throws BraggInputException {
		if (t.real) {
			double[] d = new double[n];
			for (int i = 0; i < n; i++, p += t.size) {
				if (t.size == 8) {
					long bits = 0;
					for (int k = 7; k >= 0; k--) bits = (bits << 8) | (b[p + k] & 0xffL);
					d[i] = Double.longBitsToDouble(bits);
				} else {
					int bits = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | b[p + 3] << 24;
					d[i] = Float.intBitsToFloat(bits);
				}
			}
			return new Values(null, d);
		}
		int[] v = new int[n];
		switch (t) {
		case SIGNED_8 -> { for (int i = 0; i < n; i++) v[i] = b[p + i]; }
		case UNSIGNED_8 -> { for (int i = 0; i < n; i++) v[i] = b[p + i] & 0xff; }
		case SIGNED_16 -> { for (int i = 0; i < n; i++, p += 2) v[i] = (short) ((b[p] & 0xff) | b[p + 1] << 8); }
		case UNSIGNED_16 -> { for (int i = 0; i < n; i++, p += 2) v[i] = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8; }
		default -> { for (int i = 0; i < n; i++, p += 4) v[i] = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | b[p + 3] << 24; }
		}
		return new Values(v, null);
	}

	/** @return s without one pair of surrounding double or single quotes */
	static String unquote(String s) {
		String t = s.trim();
		if (t.length() >= 2 && ((t.startsWith("\"") && t.endsWith("\"")) || (t.startsWith("'") && t.endsWith("'"))))
			return t.substring(1, t.length() - 1);
		return t;
	}
}
