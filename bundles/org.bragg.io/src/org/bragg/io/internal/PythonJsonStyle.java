package org.bragg.io.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * Makes Jackson's output look like Python's {@code json.dumps(obj, indent=2)}, which is how dxtbx
 * writes {@code .expt} files: every value of a non-empty container on its own line indented by two
 * spaces per level, {@code ": "} between key and value, {@code {}} and {@code []} for empty
 * containers, and floats in Python's {@code repr} form (shortest round-trip digits, fixed notation for
 * decimal exponents −4 … 15, otherwise {@code 1e-05} style; {@code NaN}, {@code Infinity}).
 *
 * <p>Stateful: one instance per generator (it tracks the nesting depth).
 */
public final class PythonJsonStyle implements PrettyPrinter {
	private int depth;

	private void newline(JsonGenerator g) throws IOException {
		g.writeRaw('\n');
		for (int i = 0; i < depth; i++) g.writeRaw("  ");
	}

	@Override public void writeRootValueSeparator(JsonGenerator g) throws IOException { g.writeRaw('\n'); }

	@Override
	public void writeStartObject(JsonGenerator g) throws IOException {
		g.writeRaw('{');
		depth++;
	}

	@Override
	public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
		depth--;
		if (nrOfEntries > 0) newline(g);
		g.writeRaw('}');
	}

	@Override
	public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
		g.writeRaw(',');
		newline(g);
	}

	@Override public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException { g.writeRaw(": "); }

	@Override
	public void writeStartArray(JsonGenerator g) throws IOException {
		g.writeRaw('[');
		depth++;
	}

	@Override
	public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
		depth--;
		if (nrOfValues > 0) newline(g);
		g.writeRaw(']');
	}

	@Override
	public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
		g.writeRaw(',');
		newline(g);
	}

	@Override public void beforeArrayValues(JsonGenerator g) throws IOException { newline(g); }

	@Override public void beforeObjectEntries(JsonGenerator g) throws IOException { newline(g); }

	/**
	 * Formats a double as Python's {@code repr} does (and hence {@code json.dumps}).
	 *
	 * @return e.g. {@code 0.0}, {@code -1.5}, {@code 1700000000.099}, {@code 1e-05}, {@code 3.5e+16},
	 *         {@code NaN}, {@code Infinity}, {@code -Infinity}
	 */
	public static String pythonRepr(double d) {
		if (Double.isNaN(d)) return "NaN";
		if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
		if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
		// Shortest round-trip decimal (Schubfach), in Java's layout: "1.2345E-5", "123.45", "0.001".
		String java = NumberOutput.toString(Math.abs(d), true);
		int ePos = java.indexOf('E');
		String mant = ePos < 0 ? java : java.substring(0, ePos);
		int exp = ePos < 0 ? 0 : Integer.parseInt(java.substring(ePos + 1));
		int dot = mant.indexOf('.');
		String intPart = dot < 0 ? mant : mant.substring(0, dot);
		String frac = dot < 0 ? "" : mant.substring(dot + 1);
		// value = 0.DIGITS × 10^point, with DIGITS free of leading and trailing zeros
		String all = intPart + frac;
		int point = intPart.length() + exp;
		int lead = 0;
		while (lead < all.length() - 1 && all.charAt(lead) == '0') lead++;
		all = all.substring(lead);
		point -= lead;
		int end = all.length();
		while (end > 1 && all.charAt(end - 1) == '0') end--;
		String digits = all.substring(0, end);
		if (digits.length() == 2) {
			// Schubfach never gives fewer than 2 digits; Python takes a single digit when one round-trips (5e-324)
			BigDecimal one = new BigDecimal(Math.abs(d)).round(new MathContext(1, RoundingMode.HALF_EVEN));
			if (one.doubleValue() == Math.abs(d)) {
				digits = one.unscaledValue().toString();
				point = one.precision() - one.scale();
			}
		}
		int sciExp = point - 1; // value = D.DDD × 10^sciExp
		StringBuilder sb = new StringBuilder(24);
		if (d < 0) sb.append('-');
		if (sciExp >= -4 && sciExp < 16) {
			if (point <= 0) {
				sb.append("0.");
				for (int i = 0; i < -point; i++) sb.append('0');
				sb.append(digits);
			} else if (point >= digits.length()) {
				sb.append(digits);
				for (int i = digits.length(); i < point; i++) sb.append('0');
				sb.append(".0");
			} else {
				sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
			}
		} else {
			sb.append(digits.charAt(0));
			if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
			sb.append('e').append(sciExp < 0 ? '-' : '+');
			int a = Math.abs(sciExp);
			if (a < 10) sb.append('0');
			sb.append(a);
		}
		return sb.toString();
	}
}
