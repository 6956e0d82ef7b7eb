package org.bragg.refinement.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text tables in the "psql" style that DIALS's {@code dials.util.tabulate} prints: headers may span
 * several lines ({@code \n}), numeric columns are aligned on the decimal point (or right-aligned),
 * text columns left-aligned.
 */
public final class Table {
	private Table() {}

	/** Python-style {@code %.Ng} ("{:.5g}") formatting. */
	public static String g(double v, int sig) {
		if (Double.isNaN(v)) return "nan";
		if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
		if (v == 0) return "0";
		int exp = (int) Math.floor(Math.log10(Math.abs(v)));
		String s;
		if (exp < -4 || exp >= sig) {
			s = String.format(Locale.ROOT, "%." + (sig - 1) + "e", v);
			int e = s.indexOf('e');
			String mant = stripZeros(s.substring(0, e));
			int ex = Integer.parseInt(s.substring(e + 1));
			return mant + "e" + (ex < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(ex));
		}
		// re-evaluate exponent after rounding
		s = String.format(Locale.ROOT, "%." + Math.max(0, sig - 1 - exp) + "f", v);
		double r = Double.parseDouble(s);
		int exp2 = r == 0 ? exp : (int) Math.floor(Math.log10(Math.abs(r)));
		if (exp2 != exp) {
			if (exp2 >= sig) return g(r, sig);
			s = String.format(Locale.ROOT, "%." + Math.max(0, sig - 1 - exp2) + "f", v);
		}
		return stripZeros(s);
	}

	private static String stripZeros(String s) {
		if (!s.contains(".")) return s;
		s = s.replaceAll("0+$", "");
		if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
		return s;
	}

	private static boolean isNumber(String s) {
		try {
			Double.parseDouble(s);
			return !s.isBlank();
		} catch (NumberFormatException e) {
			return false;
		}
	}

	/**
	 * @param headers column headers ({@code \n} for several lines)
	 * @param rows cells as text
	 * @param decimal align numbers on the decimal point (DIALS's default) instead of right-aligning them
	 */
	public static String format(List<String> headers, List<List<String>> rows, boolean decimal) {
		int nc = headers.size();
		boolean[] numeric = new boolean[nc];
		for (int c = 0; c < nc; c++) {
			boolean num = !rows.isEmpty();
			for (List<String> r : rows) num &= isNumber(r.get(c));
			numeric[c] = num;
		}
		List<List<String>> cells = new ArrayList<>();
		for (List<String> r : rows) cells.add(new ArrayList<>(r));
		if (decimal) {
			for (int c = 0; c < nc; c++) {
				if (!numeric[c]) continue;
				int intW = 0, fracW = 0;
				for (List<String> r : cells) {
					String s = r.get(c);
					int dot = decimalPos(s);
					intW = Math.max(intW, dot);
					fracW = Math.max(fracW, s.length() - dot);
				}
				for (List<String> r : cells) {
					String s = r.get(c);
					int dot = decimalPos(s);
					r.set(c, " ".repeat(intW - dot) + s + " ".repeat(fracW - (s.length() - dot)));
				}
			}
		}
		String[][] hl = new String[nc][];
		int hLines = 1;
		for (int c = 0; c < nc; c++) {
			hl[c] = headers.get(c).split("\n", -1);
			hLines = Math.max(hLines, hl[c].length);
		}
		int[] w = new int[nc];
		for (int c = 0; c < nc; c++) {
			for (String h : hl[c]) w[c] = Math.max(w[c], h.length());
			for (List<String> r : cells) w[c] = Math.max(w[c], r.get(c).length());
		}
		StringBuilder b = new StringBuilder();
		line(b, w, '+', '+');
		for (int l = 0; l < hLines; l++) {
			b.append('|');
			for (int c = 0; c < nc; c++) {
				String h = l < hl[c].length ? hl[c][l] : "";
				b.append(' ').append(numeric[c] ? pad(h, w[c], true) : pad(h, w[c], false)).append(" |");
			}
			b.append('\n');
		}
		line(b, w, '|', '+');
		for (List<String> r : cells) {
			b.append('|');
			for (int c = 0; c < nc; c++) b.append(' ').append(pad(r.get(c), w[c], numeric[c])).append(" |");
			b.append('\n');
		}
		line(b, w, '+', '+');
		return b.toString();
	}

	private static int decimalPos(String s) {
		int d = s.indexOf('.');
		if (d >= 0) return d;
		int e = s.indexOf('e');
		return e >= 0 ? e : s.length();
	}

	private static void line(StringBuilder b, int[] w, char end, char mid) {
		b.append(end);
		for (int c = 0; c < w.length; c++) {
			b.append("-".repeat(w[c] + 2));
			b.append(c == w.length - 1 ? end : mid);
		}
		b.append('\n');
	}

	private static String pad(String s, int w, boolean right) {
		if (s.length() >= w) return s;
		return right ? " ".repeat(w - s.length()) + s : s + " ".repeat(w - s.length());
	}
}
