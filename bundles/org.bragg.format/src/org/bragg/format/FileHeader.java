package org.bragg.format;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The path and first bytes (up to {@link #MAX_BYTES}, decompressed for .bz2/.gz files) of an image
 * file, handed to {@link FormatReader#understand}.
 *
 * @since 0.1
 */
public record FileHeader(Path path, byte[] bytes) {
	/** How many leading bytes readers get to look at. */
	public static final int MAX_BYTES = 8192;

	/** @return the bytes decoded as ISO-8859-1 (one char per byte) for text headers */
	public String asText() { return new String(bytes, StandardCharsets.ISO_8859_1); }

	/** @return true if the bytes start with the given ASCII text */
	public boolean startsWith(String s) {
		byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
		if (bytes.length < b.length) return false;
		for (int i = 0; i < b.length; i++) if (bytes[i] != b[i]) return false;
		return true;
	}

	/** @return the file name without directories, and without a .bz2/.gz suffix */
	public String baseName() {
		String n = path.getFileName().toString();
		if (n.endsWith(".bz2")) return n.substring(0, n.length() - 4);
		if (n.endsWith(".gz")) return n.substring(0, n.length() - 3);
		return n;
	}
}
