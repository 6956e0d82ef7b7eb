package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Detection of a non-primitive (too large) basis from the Miller indices it assigns, as DIALS
 * {@code non_primitive_basis} with rstbx's reindexing transformations (Sauter, Grosse-Kunstleve
 * &amp; Adams 2004, J. Appl. Cryst. 37, 399–409, §2.5): if more than {@code threshold} of the indexed
 * reflections satisfy v·h ≡ 0 (mod m) for a presence condition v (|v|² ≤ 6) and m ∈ {2, 3, 5}, the
 * basis is m times too large and the correction matrix T (rows: the shortest allowed index vectors,
 * det T = m) gives the true reciprocal basis; the direct basis becomes (T⁻¹)ᵀ·(a, b, c).
 */
public final class NonPrimitiveBasis {
	private NonPrimitiveBasis() {}

	/** One presence condition v·h ≡ 0 (mod m) and its correction matrix T (row-major int[9]). */
	public record Test(int[] vec, int mod, int[] trans) {}

	/** The conditions in rstbx order. */
	public static final List<Test> TESTS = generate();

	private static List<Test> generate() {
		int[] mods = { 2, 3, 5 };
		int mx = 5;
		List<int[]> points = new ArrayList<>();
		for (int a = mx; a >= -mx; a--)
			for (int b = mx; b >= -mx; b--)
				for (int c = mx; c >= -mx; c--) points.add(new int[] { a, b, c });
		// stable sort: increasing |v|², then decreasing component sum
		points.sort(Comparator.<int[]>comparingInt(v -> v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).thenComparingInt(v -> -(v[0] + v[1] + v[2])));
		points.removeIf(v -> v[0] == 0 && v[1] == 0 && v[2] == 0);
		List<int[]> reps = new ArrayList<>();
		for (int[] v : points) {
			if (v[0] * v[0] + v[1] * v[1] + v[2] * v[2] > 6) break;
			boolean col = false;
			for (int[] r : reps) if (collinear(v, r)) { col = true; break; }
			if (!col) reps.add(v);
		}
		List<Test> out = new ArrayList<>();
		for (int[] vec : reps) {
			for (int mod : mods) {
				List<int[]> cand = new ArrayList<>();
				for (int[] p : points) if (Math.floorMod(vec[0] * p[0] + vec[1] * p[1] + vec[2] * p[2], mod) == 0) cand.add(p);
				int idx = 0;
				int[] first = cand.get(idx++);
				int[] second;
				do second = cand.get(idx++); while (collinear(first, second));
				int[] third;
				do third = cand.get(idx++); while (coplanar(first, second, third));
				int[] t = { first[0], first[1], first[2], second[0], second[1], second[2], third[0], third[1], third[2] };
				if (det(t) < 0) t = new int[] { second[0], second[1], second[2], first[0], first[1], first[2], third[0], third[1], third[2] };
				if (det(t) != mod) throw new IllegalStateException("reindexing matrix with det " + det(t) + " for mod " + mod);
				out.add(new Test(vec, mod, t));
			}
		}
		return List.copyOf(out);
	}

	/**
	 * @param hkl indexed Miller indices {@code int[3n]} (only non-zero rows count)
	 * @return the correction T, or null if no condition holds for more than {@code threshold}
	 */
	public static int[] detect(int[] hkl, double threshold) {
		int n = 0;
		for (int i = 0; i < hkl.length / 3; i++) if (hkl[3 * i] != 0 || hkl[3 * i + 1] != 0 || hkl[3 * i + 2] != 0) n++;
		if (n == 0) return null;
		int maxMisses = (int) Math.floor((1 - threshold) * n); // more misses than this and the test cannot pass
		for (Test t : TESTS) {
			int v0 = t.vec()[0], v1 = t.vec()[1], v2 = t.vec()[2], mod = t.mod();
			int zero = 0, miss = 0;
			for (int i = 0; i < hkl.length / 3; i++) {
				int h = hkl[3 * i], k = hkl[3 * i + 1], l = hkl[3 * i + 2];
				if (h == 0 && k == 0 && l == 0) continue;
				if ((v0 * h + v1 * k + v2 * l) % mod == 0) zero++;
				else if (++miss > maxMisses) break;
			}
			if ((double) zero / n > threshold) return t.trans();
		}
		return null;
	}

	/**
	 * @return the corrected direct basis rows: (T⁻¹)ᵀ · rows
	 */
	public static double[] correctDirect(double[] rows, int[] t) {
		double[] td = new double[9];
		for (int i = 0; i < 9; i++) td[i] = t[i];
		double[] inv = org.bragg.model.Mat3.of(td).inverse().transpose().toArray();
		double[] out = new double[9];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++) out[3 * i + j] = inv[3 * i] * rows[j] + inv[3 * i + 1] * rows[3 + j] + inv[3 * i + 2] * rows[6 + j];
		return out;
	}

	private static boolean collinear(int[] x, int[] y) {
		return x[0] * y[1] - x[1] * y[0] == 0 && x[1] * y[2] - x[2] * y[1] == 0 && x[2] * y[0] - x[0] * y[2] == 0;
	}

	private static boolean coplanar(int[] x, int[] y, int[] z) {
		int cx = x[1] * y[2] - x[2] * y[1], cy = x[2] * y[0] - x[0] * y[2], cz = x[0] * y[1] - x[1] * y[0];
		return cx * z[0] + cy * z[1] + cz * z[2] == 0;
	}

	private static int det(int[] m) {
		return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
	}
}
