package org.bragg.format.smv.internal;

import org.bragg.format.ImageFiles;
import org.bragg.format.smv.SmvHeader;
import org.bragg.model.BraggInputException;

/**
 * Decodes the binary part of an SMV file: unsigned 16-bit integers in the header's byte order.
 *
 * @since 0.1
 */
public final class SmvPixels {
	private SmvPixels() {}

	/**
	 * Reads {@code nFast·nSlow} unsigned 16-bit values after the header.
	 *
	 * @return row-major values (slow outermost), 0…65535
	 * @throws BraggInputException if TYPE is not unsigned_short, or the number of bytes after the header
	 *         differs from SIZE1·SIZE2·2 (truncated file, or header and binary sizes disagree)
	 */
	public static int[] readUnsignedShort(SmvHeader h, int nFast, int nSlow) throws BraggInputException {
		String type = h.get("TYPE", "unsigned_short");
		if (!type.equalsIgnoreCase("unsigned_short"))
			throw new BraggInputException(h.fileName() + ": header TYPE expected unsigned_short, found '" + type + "'");
		byte[] all = ImageFiles.readAll(h.path());
		long n = (long) nFast * nSlow;
		long expected = 2 * n;
		long found = all.length - (long) h.headerBytes();
		if (found < expected)
			throw new BraggInputException(h.fileName() + ": truncated: SIZE1×SIZE2 = " + nFast + "×" + nSlow + " unsigned_short pixels need "
					+ expected + " bytes after the " + h.headerBytes() + "-byte header, found " + Math.max(found, 0));
		if (found > expected)
			throw new BraggInputException(h.fileName() + ": header and binary sizes disagree: SIZE1×SIZE2 = " + nFast + "×" + nSlow
					+ " unsigned_short pixels need " + expected + " bytes after the " + h.headerBytes() + "-byte header, found " + found);
		int[] v = new int[(int) n];
		int o = h.headerBytes();
		if (h.isBigEndian()) {
			for (int i = 0; i < v.length; i++, o += 2) v[i] = ((all[o] & 0xff) << 8) | (all[o + 1] & 0xff);
		} else {
			for (int i = 0; i < v.length; i++, o += 2) v[i] = (all[o] & 0xff) | ((all[o + 1] & 0xff) << 8);
		}
		return v;
	}
}
