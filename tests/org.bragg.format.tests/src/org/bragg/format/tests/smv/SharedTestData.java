package org.bragg.format.tests.smv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bragg.model.Vec3;

/**
 * Test helpers of the SMV, NeXus and MRC reader tests: the shared data directory (system property
 * {@code bragg.shared.data}, else {@code shared/data} next to the repository) and a small JSON reader
 * for DIALS {@code .expt} files (objects → {@code Map}, arrays → {@code List}, numbers →
 * {@code Double}), kept here so that these tests need no JSON library.
 */
public final class SharedTestData {
	private SharedTestData() {}

	/** @return the shared data directory */
	public static Path dir() {
		String p = System.getProperty("bragg.shared.data");
		if (p != null && Files.isDirectory(Path.of(p))) return Path.of(p);
		for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
			Path c = d.resolveSibling("shared").resolve("data");
			if (Files.isDirectory(c)) return c;
			c = d.resolve("shared").resolve("data");
			if (Files.isDirectory(c)) return c;
		}
		return Path.of("/work/shared/data");
	}

	/** @return a path under the shared data directory */
	public static Path resolve(String relative) { return dir().resolve(relative); }

	/** Parses a JSON file. */
	public static Object readJson(Path file) throws IOException {
		return new Parser(Files.readString(file)).value();
	}

	/** @return a 3-vector from a JSON list of numbers */
	public static Vec3 vec3(Object list) {
		List<?> l = (List<?>) list;
		return new Vec3(num(l.get(0)), num(l.get(1)), num(l.get(2)));
	}

	/** @return a JSON number as double */
	public static double num(Object o) { return ((Number) o).doubleValue(); }

	@SuppressWarnings("unchecked")
	public static Map<String, Object> obj(Object o) { return (Map<String, Object>) o; }

	@SuppressWarnings("unchecked")
	public static List<Object> list(Object o) { return (List<Object>) o; }

	private static final class Parser {
		private final String s;
		private int i;

		Parser(String s) { this.s = s; }

		Object value() {
			ws();
			char c = s.charAt(i);
			switch (c) {
			case '{': {
				i++;
				Map<String, Object> m = new LinkedHashMap<>();
				ws();
				if (s.charAt(i) == '}') { i++; return m; }
				while (true) {
					ws();
					String k = string();
					ws();
					expect(':');
					m.put(k, value());
					ws();
					if (s.charAt(i) == ',') { i++; continue; }
					expect('}');
					return m;
				}
			}
			case '[': {
				i++;
				List<Object> l = new ArrayList<>();
				ws();
				if (s.charAt(i) == ']') { i++; return l; }
				while (true) {
					l.add(value());
					ws();
					if (s.charAt(i) == ',') { i++; continue; }
					expect(']');
					return l;
				}
			}
			case '"': return string();
			default:
				if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
				if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
				if (s.startsWith("null", i)) { i += 4; return null; }
				int j = i;
				while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
				return Double.parseDouble(s.substring(j, i));
			}
		}

		String string() {
			expect('"');
			StringBuilder b = new StringBuilder();
			while (s.charAt(i) != '"') {
				char c = s.charAt(i++);
				if (c == '\\') {
					char e = s.charAt(i++);
					switch (e) {
					case 'n' -> b.append('\n');
					case 't' -> b.append('\t');
					case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
					default -> b.append(e);
					}
				} else b.append(c);
			}
			i++;
			return b.toString();
		}

		void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

		void expect(char c) {
			if (s.charAt(i) != c) throw new IllegalStateException("JSON: expected '" + c + "' at " + i + ", found '" + s.charAt(i) + "'");
			i++;
		}
	}
}
