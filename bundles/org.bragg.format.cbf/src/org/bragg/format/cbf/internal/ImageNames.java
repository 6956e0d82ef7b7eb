package org.bragg.format.cbf.internal;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Image numbers from file names and epochs from PILATUS timestamps, with dxtbx's rules.
 *
 * <p><b>Image number</b> (dxtbx {@code scan_helpers.template_regex}): the file name (with any
 * {@code .bz2}/{@code .gz} suffix) is reversed and matched from its start against, in turn,
 * "digits.rest" (a number is the extension), "ext.digits_rest", "ext.digits rest" and
 * "ext.digit rest" (2–12 digits except for the last), the greedy "ext" part making the run of digits
 * the first one before an extension dot, so {@code lyso1a8o_0001.cbf.bz2} is image 1 of template
 * {@code lyso1a8o_####.cbf.bz2}.
 *
 * <p><b>Timestamp</b> (dxtbx {@code get_pilatus_timestamp}): {@code 2019-09-11T13:20:28.989},
 * {@code 2013-Mar-01T06:08:58.401} or {@code 2013/Mar/01 06:08:58.401}, taken as UTC; the
 * fraction after the dot is added as seconds.
 *
 * @since 0.1
 */
public final class ImageNames {
	private ImageNames() {}

	private static final Pattern[] PATTERNS = { Pattern.compile("([0-9]{2,12})\\.(.*)", Pattern.DOTALL),
			Pattern.compile("(.*)\\.([0-9]{2,12})_(.*)", Pattern.DOTALL), Pattern.compile("(.*)\\.([0-9]{2,12})(.*)", Pattern.DOTALL),
			Pattern.compile("(.*)\\.([0-9]{1})(.*)", Pattern.DOTALL) };

	/**
	 * @param fileName a file name without directories
	 * @return the image number, or -1 if dxtbx would find no template
	 */
	public static int imageNumber(String fileName) {
		String r = new StringBuilder(fileName).reverse().toString();
		for (int j = 0; j < PATTERNS.length; j++) {
			Matcher m = PATTERNS[j].matcher(r);
			if (!m.lookingAt()) continue;
			String digits = m.groupCount() == 3 ? m.group(2) : m.group(1);
			digits = new StringBuilder(digits).reverse().toString();
			try {
				return Integer.parseInt(digits);
			} catch (NumberFormatException e) {
				return -1;
			}
		}
		return -1;
	}

	private static final DateTimeFormatter[] FORMATS = {
			new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("uuuu-MMM-d'T'H:m:s").toFormatter(Locale.ENGLISH),
			new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("uuuu-M-d'T'H:m:s").toFormatter(Locale.ENGLISH),
			new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("uuuu/MMM/d H:m:s").toFormatter(Locale.ENGLISH) };

	/**
	 * @return seconds since 1970-01-01 UTC
	 * @throws IllegalArgumentException if the text matches none of the formats
	 */
	public static double pilatusEpoch(String timestamp) {
		String t = timestamp.trim();
		String main = t, frac = "000";
		int dot = t.indexOf('.');
		if (dot >= 0) {
			if (t.indexOf('.', dot + 1) >= 0) throw new IllegalArgumentException("timestamp " + timestamp + " not recognised");
			main = t.substring(0, dot);
			frac = t.substring(dot + 1);
		}
		double fraction;
		try {
			if (!frac.chars().allMatch(Character::isDigit)) throw new NumberFormatException();
			fraction = Double.parseDouble("0." + frac);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("timestamp " + timestamp + " not recognised");
		}
		for (DateTimeFormatter f : FORMATS) {
			try {
				LocalDateTime dt = LocalDateTime.parse(main, f);
				return dt.toEpochSecond(ZoneOffset.UTC) + fraction;
			} catch (DateTimeParseException e) {
				// try the next format
			}
		}
		throw new IllegalArgumentException("timestamp " + timestamp + " not recognised");
	}
}
