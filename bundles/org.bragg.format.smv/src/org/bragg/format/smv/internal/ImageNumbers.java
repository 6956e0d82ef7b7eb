package org.bragg.format.smv.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image number of a single-image file, taken from its name as dxtbx's template matching does:
 * the last run of digits before the extension ({@code ed1hpv_0001.img.bz2} → 1,
 * {@code image.0042} → 42). Compression suffixes .bz2/.gz are ignored.
 *
 * @since 0.1
 */
public final class ImageNumbers {
	private static final Pattern WITH_EXTENSION = Pattern.compile("(\\d+)\\.[A-Za-z][A-Za-z0-9]*$");
	private static final Pattern TRAILING = Pattern.compile("(\\d+)$");

	private ImageNumbers() {}

	/** @return the image number in the file name, or 1 if it holds no digits */
	public static int fromFileName(String fileName) {
		String n = fileName;
		if (n.endsWith(".bz2")) n = n.substring(0, n.length() - 4);
		else if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
		Matcher m = WITH_EXTENSION.matcher(n);
		if (m.find()) return parse(m.group(1));
		m = TRAILING.matcher(n);
		if (m.find()) return parse(m.group(1));
		return 1;
	}

	private static int parse(String digits) {
		try {
			return Integer.parseInt(digits);
		} catch (NumberFormatException e) {
			return 1; // more digits than an int holds: not an image number
		}
	}
}
