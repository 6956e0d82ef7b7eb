package org.bragg.symmetry.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bragg.model.symmetry.ChangeOfBasisOp;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.SymOp;
import org.bragg.model.symmetry.UnitCell;

/**
 * Finds the reference setting of a Patterson (Laue) group given by its proper rotations in a
 * primitive reduced cell, as cctbx {@code metric_subgroups} does for its "best" settings: a search
 * over integer bases (columns with components in [−2, 2] of the reduced cell) whose conjugation
 * maps the reference-setting rotations of a candidate Laue group onto the given ones and whose
 * centring vectors are lattice vectors. Among valid bases the shortest cell wins; ties go to the
 * basis closest to the caller's input setting (so {@code a,b,c} is kept when possible).
 *
 * @since 0.1
 */
public final class SettingFinder {
	private SettingFinder() {}

	/** A found setting. */
	public record Found(String symbol, SpaceGroup referenceGroup, int[] basis, ChangeOfBasisOp cbMinRef) {}

	/** Reference-setting Patterson groups, primitive first within each order. */
	static final String[] LAUE = { "P -1", "P 1 2/m 1", "C 1 2/m 1", "P m m m", "C m m m", "I m m m", "F m m m", "P 4/m", "I 4/m",
			"P 4/m m m", "I 4/m m m", "P -3", "R -3:H", "P -3 1 m", "P -3 m 1", "R -3 m:H", "P 6/m", "P 6/m m m", "P m -3", "I m -3",
			"F m -3", "P m -3 m", "I m -3 m", "F m -3 m" };

	private record Ref(String symbol, SpaceGroup group, List<int[]> rot, double[][] cen) {}

	private static volatile List<Ref> refs;

	private static List<Ref> refs() {
		List<Ref> r = refs;
		if (r == null) {
			r = new ArrayList<>();
			for (String s : LAUE) {
				SpaceGroup g = SpaceGroup.parse(s);
				List<int[]> rot = new ArrayList<>();
				for (SymOp o : g.symOps()) if (Rotations.det(o.rotation()) > 0) rot.add(o.rotation());
				r.add(new Ref(s, g, rot, g.centringVectors()));
			}
			refs = r;
		}
		return r;
	}

	/**
	 * @param proper the proper rotations of the group in the reduced cell {@code min}
	 * @param cbInpMin change of basis from the caller's input setting to {@code min} (for tie-breaks)
	 * @return the setting, or null if none is found (should not happen for lattice subgroups)
	 */
	public static Found find(List<int[]> proper, UnitCell min, ChangeOfBasisOp cbInpMin) {
		Set<Long> have = new HashSet<>();
		for (int[] r : proper) have.add(code(r));
		int[] sig = signature(proper);
		double[] g = min.metricTensor();
		List<int[]> vecs = new ArrayList<>();
		for (int x = -2; x <= 2; x++)
			for (int y = -2; y <= 2; y++)
				for (int z = -2; z <= 2; z++)
					if (x != 0 || y != 0 || z != 0) vecs.add(new int[] { x, y, z });
		vecs.sort(Comparator.comparingDouble(v -> quad(g, v)));
		double[] len = new double[vecs.size()];
		for (int i = 0; i < len.length; i++) len[i] = Math.sqrt(quad(g, vecs.get(i)));
		double[] inpMin = cbInpMin.basisMatrix(); // columns: min basis in terms of input basis
		for (Ref ref : refs()) {
			if (ref.rot().size() != proper.size() || !Arrays.equals(sig, signature(ref.rot()))) continue;
			int det = ref.cen().length;
			int[] best = null;
			double bestLen = Double.POSITIVE_INFINITY, bestId = Double.POSITIVE_INFINITY;
			int nv = vecs.size();
			for (int i = 0; i < nv; i++) {
				if (best != null && len[i] + 2 * len[0] > bestLen * (1 + 1e-3)) break;
				int[] a = vecs.get(i);
				for (int j = 0; j < nv; j++) {
					if (best != null && len[i] + len[j] + len[0] > bestLen * (1 + 1e-3)) break;
					int[] b = vecs.get(j);
					for (int k = 0; k < nv; k++) {
						double total = len[i] + len[j] + len[k];
						if (best != null && total > bestLen * (1 + 1e-3)) break;
						int[] c = vecs.get(k);
						int[] p = { a[0], b[0], c[0], a[1], b[1], c[1], a[2], b[2], c[2] };
						if (Rotations.det(p) != det) continue;
						if (!conjugates(ref.rot(), have, p, det)) continue;
						if (!centringOk(p, ref.cen())) continue;
						double id = identityDistance(inpMin, p);
						if (best == null || total < bestLen * (1 - 1e-3)) {
							best = p;
							bestLen = total;
							bestId = id;
						} else if (id < bestId - 1e-9) {
							best = p;
							bestLen = Math.min(bestLen, total);
							bestId = id;
						}
					}
				}
			}
			if (best != null) return new Found(ref.symbol(), ref.group(), best, ChangeOfBasisOp.fromBasisMatrix(best));
		}
		return null;
	}

	/** Σ|Q − I| for Q = (input → min basis)·P, the basis of the candidate in terms of the input basis. */
	private static double identityDistance(double[] inpMin, int[] p) {
		double s = 0;
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++) {
				double q = 0;
				for (int k = 0; k < 3; k++) q += inpMin[3 * i + k] * p[3 * k + j];
				s += Math.abs(q - (i == j ? 1 : 0));
			}
		return s;
	}

	/** True if P·g·P⁻¹ is an integer matrix in {@code have} for every reference rotation g. */
	private static boolean conjugates(List<int[]> refRot, Set<Long> have, int[] p, int det) {
		int[] adj = adjugate(p);
		for (int[] gr : refRot) {
			int[] m = Rotations.mul(Rotations.mul(p, gr), adj);
			for (int i = 0; i < 9; i++) {
				if (m[i] % det != 0) return false;
				m[i] /= det;
			}
			if (!have.contains(code(m))) return false;
		}
		return true;
	}

	private static boolean centringOk(int[] p, double[][] cen) {
		for (double[] t : cen)
			for (int i = 0; i < 3; i++) {
				double v = p[3 * i] * t[0] + p[3 * i + 1] * t[1] + p[3 * i + 2] * t[2];
				if (Math.abs(v - Math.rint(v)) > 1e-6) return false;
			}
		return true;
	}

	/** Injective code of a matrix with entries in [−15, 15]; others get a code no group element has. */
	private static long code(int[] m) {
		long c = 0;
		for (int v : m) {
			if (v < -15 || v > 15) return Long.MIN_VALUE;
			c = c * 31 + (v + 15);
		}
		return c;
	}

	/** Counts of rotations of order 1, 2, 3, 4, 6: equal for conjugate groups. */
	private static int[] signature(List<int[]> rot) {
		int[] s = new int[7];
		for (int[] r : rot) s[Rotations.order(r)]++;
		return s;
	}

	static int[] adjugate(int[] m) {
		return new int[] { m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4], m[5] * m[6] - m[3] * m[8],
				m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5], m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7],
				m[0] * m[4] - m[1] * m[3] };
	}

	private static double quad(double[] m, int[] v) {
		double s = 0;
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++) s += v[i] * m[3 * i + j] * v[j];
		return s;
	}
}
