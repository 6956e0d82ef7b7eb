package org.bragg.format.cbf.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small reader for the CIF 1.1 syntax used by imgCIF/CBF headers (Hall, Allen &amp; Brown 1991;
 * STAR): data blocks, {@code loop_}s, single items, bare words, quoted strings and
 * semicolon-delimited text fields. All data blocks are merged; categories and items are keyed in
 * lower case ({@code _axis.vector[1]} → category {@code axis}, column {@code vector[1]}). Values are
 * kept as text; {@code .} (inapplicable) and {@code ?} (unknown) are kept as they are.
 *
 * <p>In lenient mode (for a header cut off after some kilobytes) an incomplete final loop row or
 * text field is dropped instead of failing.
 *
 * @since 0.1
 */
public final class Cif {

	/** One category: column names in order and rows of values. */
	public static final class Category {
		private final String name;
		private final List<String> columns = new ArrayList<>();
		private final List<String[]> rows = new ArrayList<>();

		Category(String name) { this.name = name; }

		public String name() { return name; }
		public List<String> columns() { return columns; }
		public int rowCount() { return rows.size(); }

		/** @return the column index, or -1 */
		public int column(String col) { return columns.indexOf(col.toLowerCase(Locale.ROOT)); }

		public boolean has(String col) { return column(col) >= 0; }

		/** @return the value at (row, column), or null if the column is absent */
		public String get(int row, String col) {
			int c = column(col);
			if (c < 0) return null;
			String[] r = rows.get(row);
			return c < r.length ? r[c] : null;
		}

		/** @return the first row whose column {@code col} equals {@code value}, or -1 */
		public int findRow(String col, String value) {
			int c = column(col);
			if (c < 0) return -1;
			for (int i = 0; i < rows.size(); i++) if (value.equals(rows.get(i)[c])) return i;
			return -1;
		}
	}

	private final Map<String, Category> categories = new LinkedHashMap<>();

	private Cif() {}

	/** @return the category with this name (without the leading underscore), or null */
	public Category category(String name) { return categories.get(name.toLowerCase(Locale.ROOT)); }

	/** @return true if the category exists */
	public boolean has(String name) { return categories.containsKey(name.toLowerCase(Locale.ROOT)); }

	/** Thrown for a syntax error (strict mode only). */
	public static final class SyntaxException extends Exception {
		private static final long serialVersionUID = 1L;

		SyntaxException(String m) { super(m); }
	}

	/**
	 * Parses CIF text.
	 *
	 * @param lenient drop an incomplete trailing loop row or text field instead of failing
	 * @throws SyntaxException for malformed text (strict mode)
	 */
	public static Cif parse(String text, boolean lenient) throws SyntaxException {
		Cif cif = new Cif();
		Lexer lx = new Lexer(text);
		List<String> loopTags = null;
		List<String> loopValues = null;
		String pendingTag = null;
		while (true) {
			Token t;
			try {
				t = lx.next();
			} catch (SyntaxException e) {
				if (lenient) break;
				throw e;
			}
			if (t == null) break;
			if (t.kind == Kind.WORD && !t.quoted) {
				String lw = t.text.toLowerCase(Locale.ROOT);
				if (lw.equals("loop_") || lw.startsWith("data_") || lw.startsWith("save_") || lw.equals("global_") || lw.equals("stop_")) {
					if (loopTags != null) cif.flushLoop(loopTags, loopValues, lenient);
					loopTags = null;
					loopValues = null;
					if (pendingTag != null && !lenient) throw new SyntaxException("item " + pendingTag + " has no value (line " + t.line + ")");
					pendingTag = null;
					if (lw.equals("loop_")) {
						loopTags = new ArrayList<>();
						loopValues = new ArrayList<>();
					}
					continue;
				}
				if (t.text.startsWith("_")) {
					if (loopTags != null && loopValues.isEmpty()) {
						loopTags.add(t.text);
						continue;
					}
					if (loopTags != null) {
						cif.flushLoop(loopTags, loopValues, lenient);
						loopTags = null;
						loopValues = null;
					}
					if (pendingTag != null && !lenient) throw new SyntaxException("item " + pendingTag + " has no value (line " + t.line + ")");
					pendingTag = t.text;
					continue;
				}
			}
			// a value
			if (loopTags != null) {
				if (loopTags.isEmpty()) {
					if (lenient) continue;
					throw new SyntaxException("loop_ without tags (line " + t.line + ")");
				}
				loopValues.add(t.text);
			} else if (pendingTag != null) {
				cif.putSingle(pendingTag, t.text);
				pendingTag = null;
			} else if (!lenient) {
				throw new SyntaxException("value '" + t.text + "' without a tag (line " + t.line + ")");
			}
		}
		if (loopTags != null) cif.flushLoop(loopTags, loopValues, true);
		return cif;
	}

	private void flushLoop(List<String> tags, List<String> values, boolean lenient) throws SyntaxException {
		if (tags.isEmpty()) return;
		int n = tags.size();
		if (values.size() % n != 0 && !lenient)
			throw new SyntaxException("loop of " + tags.get(0) + " has " + values.size() + " values for " + n + " columns");
		String cat = null;
		List<String> cols = new ArrayList<>();
		for (String tag : tags) {
			String[] cc = split(tag);
			if (cat == null) cat = cc[0];
			cols.add(cc[1]);
		}
		Category c = categories.computeIfAbsent(cat, Category::new);
		int[] map = new int[n];
		for (int k = 0; k < n; k++) {
			int idx = c.columns.indexOf(cols.get(k));
			if (idx < 0) {
				c.columns.add(cols.get(k));
				idx = c.columns.size() - 1;
			}
			map[k] = idx;
		}
		int rowsComplete = values.size() / n;
		for (int r = 0; r < rowsComplete; r++) {
			String[] row = new String[c.columns.size()];
			for (int k = 0; k < n; k++) row[map[k]] = values.get(r * n + k);
			c.rows.add(row);
		}
	}

	private void putSingle(String tag, String value) {
		String[] cc = split(tag);
		Category c = categories.computeIfAbsent(cc[0], Category::new);
		int idx = c.columns.indexOf(cc[1]);
		if (idx < 0) {
			c.columns.add(cc[1]);
			idx = c.columns.size() - 1;
		}
		if (c.rows.isEmpty()) c.rows.add(new String[0]);
		String[] row = c.rows.get(0);
		if (row.length <= idx) {
			row = java.util.Arrays.copyOf(row, idx + 1);
			c.rows.set(0, row);
		}
		row[idx] = value;
	}

	/** @return {category, column} for {@code _cat.col} (DDL2) or {@code _cat_col} without a dot */
	private static String[] split(String tag) {
		String t = tag.substring(1).toLowerCase(Locale.ROOT);
		int dot = t.indexOf('.');
		if (dot < 0) return new String[] { t, "" };
		return new String[] { t.substring(0, dot), t.substring(dot + 1) };
	}

	private enum Kind { WORD }

	private record Token(Kind kind, String text, boolean quoted, int line) {}

	private static final class Lexer {
		private final String s;
		private int p;
		private int line = 1;

		Lexer(String s) { this.s = s; }

		Token next() throws SyntaxException {
			int n = s.length();
			while (p < n) {
				char c = s.charAt(p);
				if (c == '\n') {
					line++;
					p++;
				} else if (c == ' ' || c == '\t' || c == '\r') {
					p++;
				} else if (c == '#') {
					while (p < n && s.charAt(p) != '\n' && s.charAt(p) != '\r') p++;
				} else {
					break;
				}
			}
			if (p >= n) return null;
			char c = s.charAt(p);
			boolean atLineStart = p == 0 || s.charAt(p - 1) == '\n' || s.charAt(p - 1) == '\r';
			if (c == ';' && atLineStart) {
				int startLine = line;
				int q = p + 1;
				StringBuilder sb = new StringBuilder();
				while (true) {
					int e = q;
					while (e < n && s.charAt(e) != '\n') e++;
					if (e >= n) throw new SyntaxException("unterminated text field starting on line " + startLine);
					// line [q, e)
					sb.append(s, q, e).append('\n');
					line++;
					q = e + 1;
					if (q < n && s.charAt(q) == ';') {
						p = q + 1;
						String v = sb.toString();
						if (v.endsWith("\n")) v = v.substring(0, v.length() - 1);
						if (v.endsWith("\r")) v = v.substring(0, v.length() - 1);
						return new Token(Kind.WORD, v, true, startLine);
					}
				}
			}
			if (c == '\'' || c == '"') {
				int q = p + 1;
				while (true) {
					if (q >= n || s.charAt(q) == '\n' || s.charAt(q) == '\r') throw new SyntaxException("unterminated quoted string on line " + line);
					if (s.charAt(q) == c && (q + 1 >= n || Character.isWhitespace(s.charAt(q + 1)))) break;
					q++;
				}
				String v = s.substring(p + 1, q);
				p = q + 1;
				return new Token(Kind.WORD, v, true, line);
			}
			int q = p;
			while (q < n && !Character.isWhitespace(s.charAt(q))) q++;
			String v = s.substring(p, q);
			p = q;
			return new Token(Kind.WORD, v, false, line);
		}
	}
}
