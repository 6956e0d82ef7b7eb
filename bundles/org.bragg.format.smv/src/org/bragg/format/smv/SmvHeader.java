package org.bragg.format.smv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bragg.format.FileHeader;
import org.bragg.format.ImageFiles;
import org.bragg.model.BraggInputException;

/**
 * The ASCII header of an SMV ("Super Marty View") image: a block that starts with
 * <code>{\nHEADER_BYTES=</code>, holds one {@code KEY=VALUE;} record per line, ends with a line
 * holding only <code>}</code>, and is padded (usually with spaces) to {@code HEADER_BYTES} bytes.
 * The binary pixels follow immediately after {@code HEADER_BYTES} bytes.
 *
 * <p>Keys and values are kept as text, trimmed, with the trailing {@code ;} removed; when a key occurs
 * twice the first value wins. Typed getters throw {@link BraggInputException} naming the file and the
 * key. Header conventions: ADSC/Mosflm (Leslie 2006, Acta Cryst. D62, 48–57) and the SMV writer of
 * the ADSC Quantum detectors; keys used by Bragg are listed in the reader classes.
 *
 * @since 0.1
 */
public final class SmvHeader {

	/** The bytes every SMV file starts with. */
	public static final String MAGIC = "{\nHEADER_BYTES=";

	private final Path path;
	private final int headerBytes;
	private final Map<String, String> values;

	private SmvHeader(Path path, int headerBytes, Map<String, String> values) {
		this.path = path;
		this.headerBytes = headerBytes;
		this.values = Collections.unmodifiableMap(values);
	}

	/** @return true if the bytes start with {@link #MAGIC} */
	public static boolean looksLikeSmv(byte[] head) {
		byte[] m = MAGIC.getBytes(StandardCharsets.ISO_8859_1);
		if (head.length < m.length) return false;
		for (int i = 0; i < m.length; i++) if (head[i] != m[i]) return false;
		return true;
	}

	/**
	 * Parses the header of a file whose first bytes are given; if HEADER_BYTES is larger than the
	 * bytes at hand, the missing part is read from the file (decompressing .bz2/.gz).
	 *
	 * @throws BraggInputException if the file is not SMV, HEADER_BYTES is not a positive integer, or
	 *         the header block is truncated (no closing brace within HEADER_BYTES)
	 */
	public static SmvHeader parse(Path path, byte[] head) throws BraggInputException {
		String name = path.getFileName().toString();
		if (!looksLikeSmv(head))
			throw new BraggInputException(name + ": not an SMV image (expected the file to start with '{' and HEADER_BYTES=)");
		int eol = indexOf(head, (byte) '\n', MAGIC.length());
		String hb = new String(head, MAGIC.length(), (eol < 0 ? Math.min(head.length, 40) : eol) - MAGIC.length(),
				StandardCharsets.ISO_8859_1).replace(";", "").trim();
		int headerBytes;
		try {
			headerBytes = Integer.parseInt(hb);
		} catch (NumberFormatException e) {
			throw new BraggInputException(name + ": header HEADER_BYTES expected a positive integer, found '" + hb + "'");
		}
		if (headerBytes <= MAGIC.length() || headerBytes > (1 << 24))
			throw new BraggInputException(name + ": header HEADER_BYTES expected a positive integer of at most 16 MiB, found " + headerBytes);
		byte[] bytes = head;
		if (head.length < headerBytes) bytes = ImageFiles.readHead(path, headerBytes);
		if (bytes.length < headerBytes)
			throw new BraggInputException(name + ": truncated header: HEADER_BYTES=" + headerBytes + " but the file holds only "
					+ bytes.length + " bytes");
		String text = new String(bytes, 0, headerBytes, StandardCharsets.ISO_8859_1);
		Map<String, String> values = new LinkedHashMap<>();
		boolean closed = false;
		for (String record : text.split("\n")) {
			if (record.equals("}") || record.startsWith("}")) {
				closed = true;
				break;
			}
			int eq = record.indexOf('=');
			if (eq < 0) continue;
			String key = record.substring(0, eq).trim();
			String value = record.substring(eq + 1).replace(";", "").trim();
			values.putIfAbsent(key, value);
		}
		if (!closed)
			throw new BraggInputException(name + ": header has no closing '}' within HEADER_BYTES=" + headerBytes
					+ " bytes (truncated or malformed SMV header)");
		return new SmvHeader(path, headerBytes, values);
	}

	/** Parses the header of a {@link FileHeader} as handed to {@code understand}. */
	public static SmvHeader parse(FileHeader h) throws BraggInputException {
		return parse(h.path(), h.bytes());
	}

	/** Reads and parses the header of a file. */
	public static SmvHeader read(Path path) throws BraggInputException {
		return parse(path, ImageFiles.readHead(path, FileHeader.MAX_BYTES));
	}

	private static int indexOf(byte[] b, byte c, int from) {
		for (int i = from; i < b.length; i++) if (b[i] == c) return i;
		return -1;
	}

	/** @return the file this header was read from */
	public Path path() { return path; }

	/** @return the file name, used in messages */
	public String fileName() { return path.getFileName().toString(); }

	/** @return HEADER_BYTES: the byte offset of the pixel data */
	public int headerBytes() { return headerBytes; }

	/** @return all records in file order (unmodifiable) */
	public Map<String, String> values() { return values; }

	/** @return true if the key is present */
	public boolean has(String key) { return values.containsKey(key); }

	/** @return the value, or null if absent */
	public String get(String key) { return values.get(key); }

	/** @return the value, or {@code dflt} if absent */
	public String get(String key, String dflt) { return values.getOrDefault(key, dflt); }

	/** @return the value. @throws BraggInputException naming the file and key if absent */
	public String require(String key) throws BraggInputException {
		String v = values.get(key);
		if (v == null) throw new BraggInputException(fileName() + ": header " + key + " is missing");
		return v;
	}

	/** @return the value as a double. @throws BraggInputException if absent or not a number */
	public double getDouble(String key) throws BraggInputException {
		String v = require(key);
		try {
			return Double.parseDouble(v);
		} catch (NumberFormatException e) {
			throw new BraggInputException(fileName() + ": header " + key + " expected a number, found '" + v + "'");
		}
	}

	/** @return the value as a double, or {@code dflt} if absent. @throws BraggInputException if not a number */
	public double getDouble(String key, double dflt) throws BraggInputException {
		return has(key) ? getDouble(key) : dflt;
	}

	/** @return the value as an int. @throws BraggInputException if absent or not an integer */
	public int getInt(String key) throws BraggInputException {
		String v = require(key);
		try {
			return Integer.parseInt(v);
		} catch (NumberFormatException e) {
			throw new BraggInputException(fileName() + ": header " + key + " expected an integer, found '" + v + "'");
		}
	}

	/** @return true if BYTE_ORDER is {@code big_endian}; little endian otherwise (the SMV default) */
	public boolean isBigEndian() { return "big_endian".equalsIgnoreCase(get("BYTE_ORDER", "little_endian")); }

	@Override
	public String toString() { return "SmvHeader[" + fileName() + ", " + values.size() + " keys, HEADER_BYTES=" + headerBytes + "]"; }
}
