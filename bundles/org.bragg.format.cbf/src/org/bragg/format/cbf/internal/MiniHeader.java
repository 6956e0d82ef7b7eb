package org.bragg.format.cbf.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bragg.model.BraggInputException;

/**
 * The {@code # Key value} lines of a miniCBF header ({@code _array_data.header_contents}, the
 * DECTRIS PILATUS/EIGER convention "PILATUS_1.2"), parsed into a dictionary with the same keys as
 * dxtbx's {@code FormatCBFMini} builds: a line's key is its first word after {@code #} once
 * {@code =} and {@code :} are removed, the value the remaining words joined by one space
 * ({@code # Pixel_size 172e-6 m x 172e-6 m} → {@code Pixel_size} = {@code 172e-6 m x 172e-6 m};
 * {@code # Silicon sensor, thickness 0.000450 m} → {@code Silicon} = {@code sensor, thickness 0.000450 m}),
 * and a line of at most two words with exactly two colons is the timestamp (key {@code timestamp}).
 * The MIME header keys of the first binary section are added as well
 * ({@code X-Binary-Size-Fastest-Dimension} …).
 *
 * @since 0.1
 */
public final class MiniHeader {
	private final String file;
	private final Map<String, String> values;

	private MiniHeader(String file, Map<String, String> values) {
		this.file = file;
		this.values = values;
	}

	/** Parses the header text (everything before the first binary section) and a section's MIME keys. */
	public static MiniHeader parse(String file, String headerText, BinarySection first) {
		Map<String, String> v = new LinkedHashMap<>();
		for (String record : headerText.split("\n", -1)) {
			String r = record.endsWith("\r") ? record.substring(0, record.length() - 1) : record;
			if (!r.startsWith("#")) continue;
			String rest = r.substring(1);
			String[] words = rest.trim().isEmpty() ? new String[0] : rest.trim().split("\\s+");
			if (words.length <= 2 && count(r, ':') == 2) {
				v.put("timestamp", rest.trim());
				continue;
			}
			String[] tokens = r.replace("=", "").replace(":", "").trim().split("\\s+");
			if (tokens.length < 2) continue;
			StringBuilder sb = new StringBuilder();
			for (int k = 2; k < tokens.length; k++) {
				if (k > 2) sb.append(' ');
				sb.append(tokens[k]);
			}
			v.put(tokens[1], sb.toString());
		}
		if (first != null) {
			for (Map.Entry<String, String> e : first.mime().entrySet()) {
				if (e.getKey().startsWith("x-")) v.put(canonicalMimeKey(e.getKey()), e.getValue());
			}
		}
		return new MiniHeader(file, v);
	}

	private static String canonicalMimeKey(String lower) {
		StringBuilder sb = new StringBuilder();
		boolean up = true;
		for (char c : lower.toCharArray()) {
			sb.append(up ? Character.toUpperCase(c) : c);
			up = c == '-';
		}
		return sb.toString().replace("-Of-", "-of-");
	}

	private static int count(String s, char c) {
		int n = 0;
		for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
		return n;
	}

	/** @return the file name used in messages */
	public String file() { return file; }

	/** @return the value of a key, or null */
	public String get(String key) { return values.get(key); }

	public boolean has(String key) { return values.containsKey(key); }

	/** @return the keys and values (read-only view) */
	public Map<String, String> asMap() { return java.util.Collections.unmodifiableMap(values); }

	/**
	 * @return the value of a key that must be present
	 * @throws BraggInputException naming the file and key if absent
	 */
	public String require(String key, String purpose) throws BraggInputException {
		String v = values.get(key);
		if (v == null) throw new BraggInputException(file + ": header key " + key + " is missing (needed for " + purpose + ")");
		return v;
	}

	/**
	 * @return the first word of a key's value as a number ({@code Wavelength 0.97950 A} → 0.9795)
	 * @throws BraggInputException naming the file and key if absent or not a number
	 */
	public double firstNumber(String key, String purpose) throws BraggInputException {
		String v = require(key, purpose);
		return number(key, word(v, 0, key), v);
	}

	/** @return word {@code i} of a value. @throws BraggInputException if there are fewer words */
	public String word(String value, int i, String key) throws BraggInputException {
		String[] w = value.trim().isEmpty() ? new String[0] : value.trim().split("\\s+");
		if (i >= w.length) throw new BraggInputException(file + ": header " + key + " expected at least " + (i + 1) + " value(s), found \"" + value + "\"");
		return w[i];
	}

	/** @return {@code s} parsed as a double. @throws BraggInputException naming the key and the text */
	public double number(String key, String s, String whole) throws BraggInputException {
		try {
			double d = Double.parseDouble(s);
			if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
			return d;
		} catch (NumberFormatException e) {
			throw new BraggInputException(file + ": header " + key + " expected a number, found \"" + whole + "\"");
		}
	}

	/** @return an integer header value. @throws BraggInputException naming the key and the text */
	public long integer(String key, String s, String whole) throws BraggInputException {
		try {
			return Long.parseLong(s.trim());
		} catch (NumberFormatException e) {
			throw new BraggInputException(file + ": header " + key + " expected integer, found \"" + whole + "\"");
		}
	}
}
