package org.bragg.symmetry.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain-text table in the layout DIALS prints with {@code tabulate(..., tablefmt="psql")}: numeric
 * columns right-aligned (trailing zeros dropped, as tabulate does), text columns left-aligned.
 *
 * @since 0.1
 */
public final class TextTable {
	private final String[] header;
	private final List<String[]> rows = new ArrayList<>();

	public TextTable(String... header) { this.header = header; }

	public TextTable row(Object... cells) {
		String[] r = new String[header.length];
		for (int i = 0; i < r.length; i++) r[i] = i < cells.length ? String.valueOf(cells[i]) : "";
		rows.add(r);
		return this;
	}

	private static boolean numeric(String s) {
		if (s.isBlank()) return false;
		try {
			Double.parseDouble(s.trim());
			return true;
		} catch (NumberFormatException e) {
			return false;
		}
	}

	/** Drops trailing zeros of a decimal string ("1.00" → "1", "0.50" → "0.5", "-0.00" → "-0"). */
	static String trim(String s) {
		s = s.trim();
		if (s.contains(".") && !s.contains("e")) {
			s = s.replaceAll("0+$", "");
			if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
		}
		return s;
	}

	@Override
	public String toString() {
		int nc = header.length;
		boolean[] num = new boolean[nc];
		int[] w = new int[nc];
		for (int c = 0; c < nc; c++) {
			boolean allNum = !rows.isEmpty();
			boolean any = false;
			for (String[] r : rows) {
				if (r[c].isBlank()) continue;
				any = true;
				if (!numeric(r[c])) allNum = false;
			}
			num[c] = allNum && any;
			w[c] = header[c].length() + 2; // tabulate MIN_PADDING
			for (String[] r : rows) w[c] = Math.max(w[c], (num[c] ? trim(r[c]) : r[c]).length());
		}
		StringBuilder sep = new StringBuilder("+"), mid = new StringBuilder("|");
		for (int c = 0; c < nc; c++) {
			sep.append("-".repeat(w[c] + 2)).append('+');
			mid.append("-".repeat(w[c] + 2)).append(c == nc - 1 ? '|' : '+');
		}
		StringBuilder b = new StringBuilder();
		b.append(sep).append('\n');
		line(b, header, num, w, false);
		b.append(mid).append('\n');
		for (String[] r : rows) line(b, r, num, w, true);
		b.append(sep);
		return b.toString();
	}

	private static void line(StringBuilder b, String[] cells, boolean[] num, int[] w, boolean data) {
		b.append('|');
		for (int c = 0; c < cells.length; c++) {
			String s = num[c] && data ? trim(cells[c]) : cells[c];
			String pad = " ".repeat(Math.max(0, w[c] - s.length()));
			b.append(' ').append(num[c] ? pad + s : s + pad).append(" |");
		}
		b.append('\n');
	}
}
