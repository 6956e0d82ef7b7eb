package org.bragg.symmetry.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bragg.model.symmetry.UnitCell;

/**
 * Lattice point group of a reduced cell by the Le Page (1982, J. Appl. Cryst. 15, 255–259) two-fold
 * search, as cctbx {@code lattice_symmetry.group}: every pair of a primitive direct lattice vector
 * u and reciprocal lattice vector h (components in [−2, 2]) with |u·h| ∈ {1, 2} gives a candidate
 * two-fold R = 2·u·hᵀ/(u·h) − I, kept when its obliquity δ (angle between u and h in Cartesian
 * space) is ≤ max δ. The two-folds are added in order of increasing δ, and one is dropped if the
 * group it generates would contain a two-fold beyond max δ or not be finite.
 *
 * @since 0.1
 */
public final class LatticeGroup {
	private LatticeGroup() {}

	/**
	 * @param min a (Niggli-)reduced primitive cell
	 * @param maxDeltaDeg tolerance δ in degrees
	 * @return the proper rotations of the lattice point group (identity first), acting on fractional coordinates of {@code min}
	 */
	public static List<int[]> properRotations(UnitCell min, double maxDeltaDeg) {
		Map<Long, int[]> cand = new LinkedHashMap<>();
		Map<Long, Double> delta = new LinkedHashMap<>();
		List<int[]> vecs = new ArrayList<>();
		for (int x = -2; x <= 2; x++)
			for (int y = -2; y <= 2; y++)
				for (int z = -2; z <= 2; z++)
					if ((x != 0 || y != 0 || z != 0) && gcd(gcd(Math.abs(x), Math.abs(y)), Math.abs(z)) == 1) vecs.add(new int[] { x, y, z });
		double[] g = min.metricTensor(), gs = min.reciprocalMetricTensor();
		for (int[] u : vecs)
			for (int[] h : vecs) {
				int uh = u[0] * h[0] + u[1] * h[1] + u[2] * h[2];
				if (uh != 1 && uh != 2) continue;
				double d = Math.toDegrees(Math.acos(Math.min(1, uh / Math.sqrt(quad(g, u) * quad(gs, h)))));
				if (d > maxDeltaDeg + 1e-9) continue;
				int[] r = new int[9];
				boolean ok = true;
				for (int i = 0; i < 3; i++)
					for (int j = 0; j < 3; j++) {
						int num = 2 * u[i] * h[j];
						if (num % uh != 0) ok = false;
						r[3 * i + j] = num / uh - (i == j ? 1 : 0);
					}
				if (!ok) continue;
				long key = code(r);
				if (!delta.containsKey(key) || d < delta.get(key)) {
					delta.put(key, d);
					cand.put(key, r);
				}
			}
		List<Long> order = new ArrayList<>(cand.keySet());
		order.sort(Comparator.comparingDouble(delta::get));
		List<int[]> gens = new ArrayList<>();
		List<int[]> group = closure(gens);
		for (long k : order) {
			List<int[]> trial = new ArrayList<>(gens);
			trial.add(cand.get(k));
			List<int[]> cl = closure(trial);
			if (cl == null) continue;
			boolean fine = true;
			for (int[] r : cl) if (Rotations.order(r) == 2 && !delta.containsKey(code(r))) fine = false;
			if (fine) {
				gens = trial;
				group = cl;
			}
		}
		return group;
	}

	/** Closure of proper rotations (identity first), or null if it exceeds 24 elements or leaves the crystallographic rotations. */
	static List<int[]> closure(List<int[]> gens) {
		Map<Long, int[]> el = new LinkedHashMap<>();
		el.put(code(Rotations.IDENTITY), Rotations.IDENTITY);
		for (int[] g : gens) el.put(code(g), g);
		List<int[]> list = new ArrayList<>(el.values());
		for (int i = 0; i < list.size(); i++)
			for (int[] g : gens) {
				int[] p = Rotations.mul(g, list.get(i));
				long k = code(p);
				if (!el.containsKey(k)) {
					int t = p[0] + p[4] + p[8];
					if (t < -1 || t > 3 || Rotations.det(p) != 1) return null;
					el.put(k, p);
					list.add(p);
					if (list.size() > 24) return null;
				}
			}
		return list;
	}

	private static long code(int[] m) {
		long c = 0;
		for (int v : m) c = c * 1001 + (v + 500);
		return c;
	}

	private static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }

	private static double quad(double[] m, int[] v) {
		double s = 0;
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++) s += v[i] * m[3 * i + j] * v[j];
		return s;
	}
}
