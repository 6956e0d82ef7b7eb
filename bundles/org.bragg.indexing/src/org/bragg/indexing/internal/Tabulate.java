package org.bragg.indexing.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bragg.model.Crystal;
import org.bragg.model.Mat3;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;

/**
 * Log formatting as DIALS prints it: {@code dials.util.tabulate} tables (python-tabulate
 * {@code psql} style: numeric columns aligned on the decimal point and re-printed with format
 * {@code g}, text left-aligned, headers padded by two) and dxtbx's crystal model printout.
 */
public final class Tabulate {
	private Tabulate() {}

	/** Formats a table; cells that parse as numbers are treated as numbers, as python-tabulate does. */
	public static String psql(List<String> headers, List<List<String>> rows) {
		int nc = headers.size();
		boolean[] numeric = new boolean[nc];
		boolean[] allInt = new boolean[nc];
		for (int c = 0; c < nc; c++) {
			boolean num = !rows.isEmpty(), ints = true;
			for (List<String> r : rows) {
				String v = r.get(c).trim();
				if (!isNumber(v)) num = false;
				else if (!v.matches("[+-]?\\d+")) ints = false;
			}
			numeric[c] = num;
			allInt[c] = ints;
		}
		List<List<String>> cells = new ArrayList<>();
		for (List<String> r : rows) {
			List<String> out = new ArrayList<>();
			for (int c = 0; c < nc; c++) {
				String v = r.get(c).trim();
				if (numeric[c] && !allInt[c]) v = pyG(Double.parseDouble(v));
				out.add(v);
			}
			cells.add(out);
		}
		// decimal alignment: pad numbers on the right to align the decimal points
		for (int c = 0; c < nc; c++) {
			if (!numeric[c]) continue;
			int maxAfter = 0;
			for (List<String> r : cells) maxAfter = Math.max(maxAfter, afterPoint(r.get(c)));
			for (List<String> r : cells) r.set(c, r.get(c) + " ".repeat(maxAfter - afterPoint(r.get(c))));
		}
		int[] w = new int[nc];
		for (int c = 0; c < nc; c++) {
			w[c] = headers.get(c).length() + 2;
			for (List<String> r : cells) w[c] = Math.max(w[c], r.get(c).length());
		}
		StringBuilder sb = new StringBuilder();
		String border = rule('+', '-', '+', w);
		sb.append(border).append('\n');
		sb.append(line(headers, w, numeric)).append('\n');
		sb.append(rule('|', '-', '+', w).replaceFirst("\\+$", "|")).append('\n');
		for (List<String> r : cells) sb.append(line(r, w, numeric)).append('\n');
		sb.append(border);
		return sb.toString();
	}

	private static String rule(char left, char fill, char sep, int[] w) {
		StringBuilder sb = new StringBuilder();
		sb.append(left);
		for (int c = 0; c < w.length; c++) {
			sb.append(String.valueOf(fill).repeat(w[c] + 2));
			sb.append(c == w.length - 1 ? (left == '|' ? '|' : '+') : sep);
		}
		return sb.toString();
	}

	private static String line(List<String> v, int[] w, boolean[] numeric) {
		StringBuilder sb = new StringBuilder("|");
		for (int c = 0; c < w.length; c++) {
			String s = v.get(c);
			String pad = " ".repeat(Math.max(0, w[c] - s.length()));
			sb.append(' ').append(numeric[c] ? pad + s : s + pad).append(" |");
		}
		return sb.toString();
	}

	private static int afterPoint(String s) {
		int i = s.indexOf('.');
		return i < 0 ? 0 : s.length() - i;
	}

	private static boolean isNumber(String s) {
		if (s.isEmpty()) return false;
		try {
			Double.parseDouble(s);
			return !s.endsWith("f") && !s.endsWith("d") && !s.equalsIgnoreCase("nan") && !s.toLowerCase(Locale.ROOT).contains("inf");
		} catch (NumberFormatException e) {
			return false;
		}
	}

	/** Python's {@code format(x, "g")}: 6 significant digits, trailing zeros removed. */
	public static String pyG(double x) {
		if (x == 0) return "0";
		if (!Double.isFinite(x)) return Double.isNaN(x) ? "nan" : (x > 0 ? "inf" : "-inf");
		BigDecimal b = new BigDecimal(x).round(new MathContext(6));
		int exp = b.precision() - b.scale() - 1;
		if (exp < -4 || exp >= 6) {
			String m = b.unscaledValue().abs().toString();
			String mant = m.length() > 1 ? m.charAt(0) + "." + m.substring(1) : m;
			mant = mant.contains(".") ? mant.replaceAll("0+$", "").replaceAll("\\.$", "") : mant;
			return (x < 0 ? "-" : "") + mant + String.format(Locale.ROOT, "e%s%02d", exp < 0 ? "-" : "+", Math.abs(exp));
		}
		String s = b.stripTrailingZeros().toPlainString();
		return s;
	}

	/**
	 * dxtbx's {@code Crystal.__str__}: unit cell, space group, U, B and A = UB.
	 *
	 * @param cellEsds standard uncertainties of the six cell parameters, or null
	 */
	public static String crystal(Crystal c, double[] cellEsds) {
		double[] p = c.unitCellParameters();
		StringBuilder sb = new StringBuilder("Crystal:\n");
		sb.append("    Unit cell: ");
		for (int i = 0; i < 6; i++) {
			if (i > 0) sb.append(", ");
			sb.append(cellEsds == null ? String.format(Locale.ROOT, "%.3f", p[i]) : withEsd(p[i], cellEsds[i]));
		}
		sb.append('\n');
		String sg;
		try {
			sg = SpaceGroup.fromHall(c.spaceGroupHall().trim()).hermannMauguin();
		} catch (RuntimeException e) {
			sg = c.spaceGroupHall().trim();
		}
		sb.append("    Space group: ").append(sg).append('\n');
		Mat3 b = Mat3.of(UnitCell.of(p).bMatrix());
		Mat3 u = c.a().times(b.inverse());
		matrix(sb, "    U matrix:  ", u);
		matrix(sb, "    B matrix:  ", b);
		matrix(sb, "    A = UB:    ", c.a());
		return sb.toString();
	}

	private static void matrix(StringBuilder sb, String label, Mat3 m) {
		for (int r = 0; r < 3; r++) {
			sb.append(r == 0 ? label + "{{" : " ".repeat(label.length()) + " {");
			for (int col = 0; col < 3; col++) {
				if (col > 0) sb.append(", ");
				sb.append(String.format(Locale.ROOT, "%7.4f", m.get(r, col)));
			}
			sb.append(r == 2 ? "}}\n" : "},\n");
		}
	}

	/** "41.944(6)": value and uncertainty in the last digit, as cctbx {@code format_float_with_su}. */
	static String withEsd(double v, double su) {
		if (!(su > 0)) return String.format(Locale.ROOT, "%.3f", v);
		int digits = (int) Math.max(0, Math.ceil(-Math.log10(su)) + (su * Math.pow(10, Math.ceil(-Math.log10(su))) < 2 ? 1 : 0));
		digits = Math.min(digits, 6);
		long e = Math.round(su * Math.pow(10, digits));
		return String.format(Locale.ROOT, "%." + digits + "f(%d)", v, e);
	}
}
