package org.bragg.format.cbf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bragg.format.ImageFiles;
import org.bragg.model.BraggInputException;

/**
 * The byte-level structure of a CBF file: the CIF text and its MIME binary sections (CBFlib file
 * layout; imgCIF dictionary, Bernstein &amp; Hammersley 2005, International Tables G, 2.3). Built from
 * the decompressed bytes of the whole file, or of its head only (enough for the text header and
 * the MIME header of the first binary section, as a miniCBF reader needs to build its models).
 *
 * <p>Immutable and thread-safe; the byte array is shared, never modified.
 *
 * @since 0.1
 */
public final class CbfFile {
	/** Start of a binary section. */
	static final byte[] MARKER = "--CIF-BINARY-FORMAT-SECTION--".getBytes(StandardCharsets.ISO_8859_1);
	/** End of a binary section (the start marker followed by "--"). */
	static final byte[] TERMINATOR = "--CIF-BINARY-FORMAT-SECTION----".getBytes(StandardCharsets.ISO_8859_1);
	/** The four bytes that open the binary data. */
	static final byte[] MAGIC = { 0x0C, 0x1A, 0x04, (byte) 0xD5 };

	private final Path path;
	private final byte[] bytes;
	private final boolean complete;
	private final List<BinarySection> sections;
	private final int[] resumeOffsets; // where the CIF text continues after section k (or -1)

	private CbfFile(Path path, byte[] bytes, boolean complete) {
		this.path = path;
		this.bytes = bytes;
		this.complete = complete;
		List<BinarySection> list = new ArrayList<>();
		List<Integer> resume = new ArrayList<>();
		int from = 0;
		while (true) {
			int m = indexOf(bytes, MARKER, from, bytes.length);
			if (m < 0) break;
			if (startsWith(bytes, TERMINATOR, m)) { // a stray terminator: skip it
				from = m + TERMINATOR.length;
				continue;
			}
			int p = m + MARKER.length;
			Map<String, String> mime = new LinkedHashMap<>();
			String lastKey = null;
			int headerEnd = -1;
			// skip the rest of the marker line
			p = nextLine(bytes, p);
			while (p >= 0 && p < bytes.length) {
				int e = lineEnd(bytes, p);
				if (e < 0) break; // head ends inside the MIME header
				String line = new String(bytes, p, e - p, StandardCharsets.ISO_8859_1);
				int next = nextLine(bytes, p);
				if (line.isBlank()) {
					headerEnd = next;
					break;
				}
				if ((line.startsWith(" ") || line.startsWith("\t")) && lastKey != null) {
					mime.put(lastKey, mime.get(lastKey) + " " + line.trim());
				} else {
					int c = line.indexOf(':');
					if (c > 0) {
						lastKey = line.substring(0, c).trim().toLowerCase(Locale.ROOT);
						mime.put(lastKey, line.substring(c + 1).trim());
					}
				}
				p = next;
			}
			int dataOffset = -1;
			if (headerEnd >= 0) {
				int g = indexOf(bytes, MAGIC, headerEnd, Math.min(bytes.length, headerEnd + 256));
				if (g >= 0) dataOffset = g + MAGIC.length;
			}
			BinarySection s = new BinarySection(list.size(), Collections.unmodifiableMap(mime), dataOffset, m);
			list.add(s);
			if (dataOffset < 0) {
				resume.add(-1);
				break;
			}
			long size;
			try {
				size = Long.parseLong(BinarySection.unquote(mime.getOrDefault("x-binary-size", "0")));
			} catch (NumberFormatException e) {
				size = 0;
			}
			long dataEnd = Math.min((long) bytes.length, dataOffset + Math.max(0, size));
			int t = indexOf(bytes, TERMINATOR, (int) dataEnd, bytes.length);
			if (t < 0) {
				resume.add(-1);
				break;
			}
			resume.add(t + TERMINATOR.length);
			from = t + TERMINATOR.length;
		}
		this.sections = List.copyOf(list);
		this.resumeOffsets = resume.stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * Reads and parses the whole file (decompressing .bz2/.gz).
	 *
	 * @throws BraggInputException if the file cannot be read
	 */
	public static CbfFile readAll(Path file) throws BraggInputException {
		return new CbfFile(file, ImageFiles.readAll(file), true);
	}

	/** Parses bytes already in memory (tests, tools). */
	public static CbfFile of(Path file, byte[] bytes, boolean complete) {
		return new CbfFile(file, bytes, complete);
	}

	/**
	 * Reads the head of a file: up to and including the MIME header of the first binary section (or
	 * the whole file if it is small or has no binary section).
	 *
	 * @throws BraggInputException if the file cannot be read
	 */
	public static CbfFile readHead(Path file) throws BraggInputException {
		try (InputStream in = ImageFiles.openDecompressed(file)) {
			byte[] buf = new byte[16384];
			int n = 0;
			int searchFrom = 0;
			while (true) {
				if (n == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
				int r = in.read(buf, n, buf.length - n);
				if (r < 0) return new CbfFile(file, java.util.Arrays.copyOf(buf, n), true);
				n += r;
				int m = indexOf(buf, MARKER, Math.max(0, searchFrom - MARKER.length), n);
				if (m >= 0) {
					int g = indexOf(buf, MAGIC, m, n);
					if (g >= 0) {
						// keep a little more so that the section's data start is inside the head
						return new CbfFile(file, java.util.Arrays.copyOf(buf, n), false);
					}
				}
				searchFrom = n;
				if (n > (64 << 20)) return new CbfFile(file, java.util.Arrays.copyOf(buf, n), false);
			}
		} catch (IOException e) {
			throw new BraggInputException(file + ": cannot read the header (" + e.getMessage() + ")", e);
		}
	}

	public Path path() { return path; }

	/** @return the file name used in messages */
	public String name() { return path.toString(); }

	/** @return the (decompressed) bytes; not to be modified */
	public byte[] bytes() { return bytes; }

	/** @return true if {@link #bytes()} holds the whole file */
	public boolean isComplete() { return complete; }

	/** @return the binary sections in file order */
	public List<BinarySection> sections() { return sections; }

	/** @return the text before the first binary section (the whole file if there is none), as ISO-8859-1 */
	public String headerText() {
		int end = sections.isEmpty() ? bytes.length : sections.get(0).markerOffset();
		return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
	}

	/**
	 * @return the CIF text of the file with each binary section replaced by a line
	 *         {@code @@BINARY k@@} (k = 0-based section index), so that a CIF parser sees the
	 *         {@code _array_data.data} text field of section k as that token
	 */
	public String cifText() {
		StringBuilder sb = new StringBuilder(sections.isEmpty() ? bytes.length : sections.get(0).markerOffset() + 4096);
		int from = 0;
		for (int k = 0; k < sections.size(); k++) {
			BinarySection s = sections.get(k);
			sb.append(new String(bytes, from, s.markerOffset() - from, StandardCharsets.ISO_8859_1));
			sb.append(placeholder(k)).append('\n');
			from = resumeOffsets.length > k ? resumeOffsets[k] : -1;
			if (from < 0) return sb.toString();
			from = nextLine(bytes, from) < 0 ? bytes.length : nextLine(bytes, from);
		}
		sb.append(new String(bytes, from, bytes.length - from, StandardCharsets.ISO_8859_1));
		return sb.toString();
	}

	/** @return the token standing for binary section k in {@link #cifText()} */
	public static String placeholder(int k) { return "@@BINARY " + k + "@@"; }

	/** @return the section index encoded in a CIF value holding a placeholder, or -1 */
	public static int placeholderIndex(String value) {
		if (value == null) return -1;
		int a = value.indexOf("@@BINARY ");
		if (a < 0) return -1;
		int b = value.indexOf("@@", a + 9);
		if (b < 0) return -1;
		try {
			return Integer.parseInt(value.substring(a + 9, b).trim());
		} catch (NumberFormatException e) {
			return -1;
		}
	}

	static int indexOf(byte[] hay, byte[] needle, int from, int to) {
		int last = to - needle.length;
		byte first = needle[0];
		outer:
		for (int i = Math.max(0, from); i <= last; i++) {
			if (hay[i] != first) continue;
			for (int k = 1; k < needle.length; k++) if (hay[i + k] != needle[k]) continue outer;
			return i;
		}
		return -1;
	}

	private static boolean startsWith(byte[] b, byte[] prefix, int at) {
		if (at + prefix.length > b.length) return false;
		for (int k = 0; k < prefix.length; k++) if (b[at + k] != prefix[k]) return false;
		return true;
	}

	/** @return the offset of the '\n' or '\r' that ends the line starting at p, or -1 if none */
	private static int lineEnd(byte[] b, int p) {
		for (int i = p; i < b.length; i++) if (b[i] == '\n' || b[i] == '\r') return i;
		return -1;
	}

	/** @return the offset of the first byte after the end of the line containing p, or -1 */
	private static int nextLine(byte[] b, int p) {
		int e = lineEnd(b, p);
		if (e < 0) return -1;
		if (b[e] == '\r' && e + 1 < b.length && b[e + 1] == '\n') return e + 2;
		return e + 1;
	}
}
