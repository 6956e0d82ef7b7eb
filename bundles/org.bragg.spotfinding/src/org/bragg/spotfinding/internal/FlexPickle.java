package org.bragg.spotfinding.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bragg.model.BraggInputException;

/**
 * Reads DIALS lookup files (masks, gain and pedestal maps): Python pickles of a tuple of cctbx
 * {@code flex.bool} or {@code flex.double} arrays, one per panel (or a single array), as written by
 * {@code dials.generate_mask} and {@code dials.find_spots write_hot_mask=True}.
 *
 * <p>A minimal pickle interpreter (protocols 2–5, the opcodes these files use) rebuilds the flex
 * objects from their reduce state: a {@code flex.grid} and a byte string in scitbx's
 * {@code single_buffered} serialization (element count as a base-256 varint, then the elements:
 * '0'/'1' characters for bool, base-256 mantissa and exponent for double). Arrays are returned
 * row-major, slow index outermost. Stateless.
 */
public final class FlexPickle {
	private FlexPickle() {}

	/**
	 * @return one boolean array per panel
	 * @throws BraggInputException if the file is missing or is not a pickle of flex.bool arrays
	 */
	public static boolean[][] readBoolTuple(Path file) throws BraggInputException {
		List<Flex> arrays = read(file);
		boolean[][] out = new boolean[arrays.size()][];
		for (int i = 0; i < out.length; i++) {
			Flex f = arrays.get(i);
			if (!f.type.equals("bool")) throw new BraggInputException(file + ": element " + i + " expected flex.bool, found flex." + f.type);
			out[i] = decodeBool(file, f.state);
		}
		return out;
	}

	/**
	 * @return one double array per panel
	 * @throws BraggInputException if the file is missing or is not a pickle of flex.double arrays
	 */
	public static double[][] readDoubleTuple(Path file) throws BraggInputException {
		List<Flex> arrays = read(file);
		double[][] out = new double[arrays.size()][];
		for (int i = 0; i < out.length; i++) {
			Flex f = arrays.get(i);
			if (!f.type.equals("double")) throw new BraggInputException(file + ": element " + i + " expected flex.double, found flex." + f.type);
			out[i] = decodeDouble(file, f.state);
		}
		return out;
	}

	private record Global(String module, String name) {}

	private static final class Flex {
		String type;
		byte[] state;
	}

	private static final class Reduced {
		Object callable;
		List<Object> args;
	}

	private static final Object MARK = new Object();

	private static List<Flex> read(Path file) throws BraggInputException {
		byte[] b;
		try {
			b = Files.readAllBytes(file);
		} catch (IOException e) {
			throw new BraggInputException(file + ": cannot read lookup file (" + e.getMessage() + ")", e);
		}
		Object top;
		try {
			top = run(b);
		} catch (RuntimeException e) {
			throw new BraggInputException(file + ": expected a Python pickle of flex arrays, could not parse it (" + e.getMessage() + ")", e);
		}
		List<Flex> out = new ArrayList<>();
		if (top instanceof Flex f) out.add(f);
		else if (top instanceof List<?> l) {
			for (Object o : l) {
				if (!(o instanceof Flex f)) throw new BraggInputException(file + ": expected a tuple of flex arrays, found " + describe(o));
				out.add(f);
			}
		} else throw new BraggInputException(file + ": expected a tuple of flex arrays, found " + describe(top));
		return out;
	}

	private static String describe(Object o) { return o == null ? "None" : o.getClass().getSimpleName(); }

	@SuppressWarnings("unchecked")
	private static Object run(byte[] b) {
		Deque<Object> stack = new ArrayDeque<>();
		Map<Integer, Object> memo = new HashMap<>();
		int p = 0;
		while (true) {
			int op = b[p++] & 0xff;
			switch (op) {
				case 0x80 -> p++; // PROTO
				case 0x95 -> p += 8; // FRAME
				case '.' -> {
					return stack.pop();
				}
				case 'c' -> { // GLOBAL
					int e1 = indexOf(b, p, (byte) '\n');
					String mod = new String(b, p, e1 - p, StandardCharsets.US_ASCII);
					int e2 = indexOf(b, e1 + 1, (byte) '\n');
					String name = new String(b, e1 + 1, e2 - e1 - 1, StandardCharsets.US_ASCII);
					p = e2 + 1;
					stack.push(new Global(mod, name));
				}
				case 0x93 -> { // STACK_GLOBAL
					String name = (String) stack.pop();
					String mod = (String) stack.pop();
					stack.push(new Global(mod, name));
				}
				case 0x8c -> { // SHORT_BINUNICODE
					int n = b[p++] & 0xff;
					stack.push(new String(b, p, n, StandardCharsets.UTF_8));
					p += n;
				}
				case 'X' -> {
					int n = le32(b, p);
					p += 4;
					stack.push(new String(b, p, n, StandardCharsets.UTF_8));
					p += n;
				}
				case 0x8d -> {
					int n = (int) le64(b, p);
					p += 8;
					stack.push(new String(b, p, n, StandardCharsets.UTF_8));
					p += n;
				}
				case 'U' -> { // SHORT_BINSTRING (py2 str)
					int n = b[p++] & 0xff;
					stack.push(java.util.Arrays.copyOfRange(b, p, p + n));
					p += n;
				}
				case 'T' -> {
					int n = le32(b, p);
					p += 4;
					stack.push(java.util.Arrays.copyOfRange(b, p, p + n));
					p += n;
				}
				case 'C' -> {
					int n = b[p++] & 0xff;
					stack.push(java.util.Arrays.copyOfRange(b, p, p + n));
					p += n;
				}
				case 'B' -> {
					int n = le32(b, p);
					p += 4;
					stack.push(java.util.Arrays.copyOfRange(b, p, p + n));
					p += n;
				}
				case 0x8e -> {
					int n = (int) le64(b, p);
					p += 8;
					stack.push(java.util.Arrays.copyOfRange(b, p, p + n));
					p += n;
				}
				case 0x94 -> memo.put(memo.size(), stack.peek()); // MEMOIZE
				case 'q' -> memo.put(b[p++] & 0xff, stack.peek());
				case 'r' -> {
					memo.put(le32(b, p), stack.peek());
					p += 4;
				}
				case 'h' -> stack.push(memo.get(b[p++] & 0xff));
				case 'j' -> {
					stack.push(memo.get(le32(b, p)));
					p += 4;
				}
				case ')' -> stack.push(new ArrayList<>());
				case 0x85 -> stack.push(new ArrayList<>(List.of(stack.pop())));
				case 0x86 -> {
					Object y = stack.pop(), x = stack.pop();
					stack.push(new ArrayList<>(java.util.Arrays.asList(x, y)));
				}
				case 0x87 -> {
					Object z = stack.pop(), y = stack.pop(), x = stack.pop();
					stack.push(new ArrayList<>(java.util.Arrays.asList(x, y, z)));
				}
				case '(' -> stack.push(MARK);
				case 't', 'l' -> {
					ArrayList<Object> items = new ArrayList<>();
					Object o;
					while ((o = stack.pop()) != MARK) items.add(0, o);
					stack.push(items);
				}
				case ']' -> stack.push(new ArrayList<>());
				case 'a' -> {
					Object v = stack.pop();
					((List<Object>) stack.peek()).add(v);
				}
				case 'e' -> {
					ArrayList<Object> items = new ArrayList<>();
					Object o;
					while ((o = stack.pop()) != MARK) items.add(0, o);
					((List<Object>) stack.peek()).addAll(items);
				}
				case 'K' -> stack.push(b[p++] & 0xff);
				case 'M' -> {
					stack.push((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
					p += 2;
				}
				case 'J' -> {
					stack.push(le32(b, p));
					p += 4;
				}
				case 0x8a -> { // LONG1
					int n = b[p++] & 0xff;
					long v = 0;
					for (int i = n - 1; i >= 0; i--) v = (v << 8) | (b[p + i] & 0xff);
					if (n > 0 && n < 8 && (b[p + n - 1] & 0x80) != 0) v -= 1L << (8 * n);
					p += n;
					stack.push((int) v);
				}
				case 0x88 -> stack.push(Boolean.TRUE);
				case 0x89 -> stack.push(Boolean.FALSE);
				case 'N' -> stack.push(NONE);
				case 'G' -> {
					stack.push(Double.longBitsToDouble(be64(b, p)));
					p += 8;
				}
				case 'R', 0x81 -> { // REDUCE, NEWOBJ
					List<Object> args = (List<Object>) stack.pop();
					Object callable = stack.pop();
					stack.push(reduce(callable, args));
				}
				case 'b' -> { // BUILD
					Object state = stack.pop();
					Object obj = stack.peek();
					if (obj instanceof Flex f && state instanceof List<?> l && l.size() == 2) f.state = bytesOf(l.get(1));
				}
				default -> throw new IllegalArgumentException("unsupported pickle opcode 0x" + Integer.toHexString(op) + " at byte " + (p - 1));
			}
		}
	}

	private static final Object NONE = new Object();

	private static Object reduce(Object callable, List<Object> args) {
		if (callable instanceof Global g) {
			if (g.module().contains("flex") && !g.name().equals("grid")) {
				Flex f = new Flex();
				f.type = g.name();
				return f;
			}
			if (g.module().equals("_codecs") && g.name().equals("encode")) {
				String s = (String) args.get(0);
				byte[] out = new byte[s.length()];
				for (int i = 0; i < out.length; i++) out[i] = (byte) s.charAt(i);
				return out;
			}
			if (g.module().equals("__builtin__") || g.module().equals("builtins")) {
				if (g.name().equals("bytes") && args.isEmpty()) return new byte[0];
			}
		}
		Reduced r = new Reduced();
		r.callable = callable;
		r.args = args;
		return r;
	}

	private static byte[] bytesOf(Object o) {
		if (o instanceof byte[] bb) return bb;
		if (o instanceof String s) {
			byte[] out = new byte[s.length()];
			for (int i = 0; i < out.length; i++) out[i] = (byte) s.charAt(i);
			return out;
		}
		throw new IllegalArgumentException("flex state is " + describe(o) + ", expected bytes");
	}

	private static int indexOf(byte[] b, int from, byte v) {
		for (int i = from; i < b.length; i++) if (b[i] == v) return i;
		throw new IllegalArgumentException("unterminated GLOBAL");
	}

	private static int le32(byte[] b, int p) {
		return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
	}

	private static long le64(byte[] b, int p) {
		long v = 0;
		for (int i = 7; i >= 0; i--) v = (v << 8) | (b[p + i] & 0xff);
		return v;
	}

	private static long be64(byte[] b, int p) {
		long v = 0;
		for (int i = 0; i < 8; i++) v = (v << 8) | (b[p + i] & 0xff);
		return v;
	}

	// scitbx base-256 serialization -------------------------------------------------------------------

	private static final class Cursor {
		final byte[] b;
		int p;

		Cursor(byte[] b) { this.b = b; }
	}

	/** unsigned or signed base-256 integer: first byte = (sign·128) + length incl. itself, then little-endian digits. */
	private static long readInt(Cursor c) {
		int first = c.b[c.p] & 0xff;
		int len = first & 0x7f;
		if (len == 0) {
			c.p++;
			return 0;
		}
		long v = 0;
		for (int i = len - 1; i >= 1; i--) v = v * 256 + (c.b[c.p + i] & 0xff);
		if (first > 128) v = -v;
		c.p += len;
		return v;
	}

	private static double readDouble(Cursor c) {
		int first = c.b[c.p] & 0xff;
		int len = first & 0x7f;
		if (len == 0) {
			c.p++;
			return 0;
		}
		double vd = 0;
		for (int i = len - 1; i >= 1; i--) {
			vd += c.b[c.p + i] & 0xff;
			vd /= 256;
		}
		c.p += len;
		long e = readInt(c);
		double v = Math.scalb(vd, (int) e);
		return first > 128 ? -v : v;
	}

	static boolean[] decodeBool(Path file, byte[] s) throws BraggInputException {
		if (s == null) throw new BraggInputException(file + ": flex.bool without data");
		Cursor c = new Cursor(s);
		int n = (int) readInt(c);
		if (c.p + n > s.length) throw new BraggInputException(file + ": flex.bool declares " + n + " values but holds " + (s.length - c.p));
		boolean[] out = new boolean[n];
		for (int i = 0; i < n; i++) out[i] = s[c.p + i] == '1';
		return out;
	}

	static double[] decodeDouble(Path file, byte[] s) throws BraggInputException {
		if (s == null) throw new BraggInputException(file + ": flex.double without data");
		Cursor c = new Cursor(s);
		int n = (int) readInt(c);
		double[] out = new double[n];
		try {
			for (int i = 0; i < n; i++) out[i] = readDouble(c);
		} catch (ArrayIndexOutOfBoundsException e) {
			throw new BraggInputException(file + ": flex.double data truncated");
		}
		return out;
	}

	// writing ----------------------------------------------------------------------------------------

	/**
	 * Writes a tuple of flex.bool arrays as cctbx pickles them (protocol 3), readable by DIALS
	 * ({@code pickle.load}) and by {@link #readBoolTuple}.
	 *
	 * @param masks  one array per panel, row-major
	 * @param shapes per panel {nSlow, nFast} (the flex.grid, slow first)
	 * @throws java.io.IOException if the file cannot be written
	 */
	public static void writeBoolTuple(Path file, List<boolean[]> masks, List<int[]> shapes) throws IOException {
		java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
		o.write(0x80);
		o.write(3);
		o.write('(');
		for (int p = 0; p < masks.size(); p++) {
			boolean[] m = masks.get(p);
			int[] sh = shapes.get(p);
			if ((long) sh[0] * sh[1] != m.length) throw new IllegalArgumentException("mask " + p + " has " + m.length + " values for shape " + sh[0] + "x" + sh[1]);
			global(o, "scitbx_array_family_flex_ext", "bool");
			o.write(')');
			o.write('R');
			global(o, "scitbx_array_family_flex_ext", "grid");
			o.write('(');
			intTuple(o, 0, 0);
			intTuple(o, sh[0], sh[1]);
			o.write(0x88);
			o.write('t');
			o.write('R');
			intTuple(o, sh[0], sh[1]);
			o.write('b');
			byte[] size = unsignedBase256(m.length);
			byte[] state = new byte[size.length + m.length];
			System.arraycopy(size, 0, state, 0, size.length);
			for (int k = 0; k < m.length; k++) state[size.length + k] = (byte) (m[k] ? '1' : '0');
			o.write('B');
			o.write(state.length & 0xff);
			o.write((state.length >>> 8) & 0xff);
			o.write((state.length >>> 16) & 0xff);
			o.write((state.length >>> 24) & 0xff);
			o.write(state);
			o.write(0x86);
			o.write('b');
		}
		o.write('t');
		o.write('.');
		Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
		Files.write(tmp, o.toByteArray());
		Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
	}

	private static void global(java.io.ByteArrayOutputStream o, String module, String name) {
		o.write('c');
		o.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
	}

	private static void intTuple(java.io.ByteArrayOutputStream o, int a, int b) {
		binint(o, a);
		binint(o, b);
		o.write(0x86);
	}

	private static void binint(java.io.ByteArrayOutputStream o, int v) {
		o.write('J');
		o.write(v & 0xff);
		o.write((v >>> 8) & 0xff);
		o.write((v >>> 16) & 0xff);
		o.write((v >>> 24) & 0xff);
	}

	/** scitbx unsigned base-256: a length byte (including itself) then little-endian digits; 0 is one zero byte. */
	static byte[] unsignedBase256(long v) {
		if (v == 0) return new byte[] { 0 };
		byte[] digits = new byte[8];
		int n = 0;
		while (v != 0) {
			digits[n++] = (byte) (v & 0xff);
			v >>>= 8;
		}
		byte[] out = new byte[n + 1];
		out[0] = (byte) (n + 1);
		System.arraycopy(digits, 0, out, 1, n);
		return out;
	}
}
