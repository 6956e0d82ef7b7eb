package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.List;

import org.bragg.model.Mat3;
import org.bragg.model.Vec3;
import org.bragg.model.symmetry.BravaisLattice;
import org.bragg.model.symmetry.CrystalSystem;
import org.bragg.model.symmetry.UnitCell;

/**
 * Finds the conventional basis of a given Bravais type inside a primitive (Niggli-reduced) lattice
 * and symmetrizes it, the part of cctbx {@code lattice_symmetry} / DIALS {@code SymmetryHandler}
 * that indexing with a known space group needs.
 *
 * <p>Candidate conventional bases are lattice vectors n·(a, b, c) with |nᵢ| ≤ 2 combined into
 * right-handed triplets whose matrix M (conventional rows = M · primitive rows) has det M equal to
 * the number of lattice points per conventional cell and whose primitive vectors fall on the
 * right centring translations. Each is scored by Le Page's δ (Le Page 1982, J. Appl. Cryst. 15,
 * 255–259): the largest angle between a twofold axis u of the holohedry and the normal h* of the
 * reciprocal-lattice plane it should be perpendicular to; bases with δ ≤ max_delta (and, with a
 * target cell, a symmetrized cell within 10 % and 5° of it) are kept. Ties are broken by closeness
 * to the target cell, then by the conventional ordering of the edges, then by closeness of M to
 * the identity. The symmetrized model keeps the orientation of the input basis (orthogonal
 * Procrustes fit of the symmetric basis to it).
 */
public final class LatticeSymmetry {
	private LatticeSymmetry() {}

	/**
	 * A conventional basis inside the input lattice.
	 *
	 * @param m integer matrix, conventional rows = M · input rows (row-major int[9])
	 * @param deltaDeg Le Page δ in degrees
	 * @param rows the conventional real-space rows before symmetrization (Å)
	 * @param symmetrizedRows the rows after imposing the lattice metric (Å), same orientation
	 */
	public record Match(int[] m, double deltaDeg, double[] rows, double[] symmetrizedRows) {}

	/** Twofold axes: direct-lattice direction u and the reciprocal-lattice normal h (conventional basis). */
	private static final int[][][] TWOFOLDS_MONO = { { { 0, 1, 0 }, { 0, 1, 0 } } };
	private static final int[][][] TWOFOLDS_ORTHO = { { { 1, 0, 0 }, { 1, 0, 0 } }, { { 0, 1, 0 }, { 0, 1, 0 } }, { { 0, 0, 1 }, { 0, 0, 1 } } };
	private static final int[][][] TWOFOLDS_TETRA = { { { 0, 0, 1 }, { 0, 0, 1 } }, { { 1, 0, 0 }, { 1, 0, 0 } }, { { 0, 1, 0 }, { 0, 1, 0 } },
			{ { 1, 1, 0 }, { 1, 1, 0 } }, { { 1, -1, 0 }, { 1, -1, 0 } } };
	private static final int[][][] TWOFOLDS_HEX = { { { 0, 0, 1 }, { 0, 0, 1 } }, { { 1, 0, 0 }, { 2, -1, 0 } }, { { 0, 1, 0 }, { -1, 2, 0 } },
			{ { 1, 1, 0 }, { 1, 1, 0 } }, { { 1, -1, 0 }, { 1, -1, 0 } }, { { 1, 2, 0 }, { 0, 1, 0 } }, { { 2, 1, 0 }, { 1, 0, 0 } } };
	private static final int[][][] TWOFOLDS_RHOMBO = { { { 1, 0, 0 }, { 2, -1, 0 } }, { { 0, 1, 0 }, { -1, 2, 0 } }, { { 1, 1, 0 }, { 1, 1, 0 } } };
	private static final int[][][] TWOFOLDS_CUBIC = { { { 1, 0, 0 }, { 1, 0, 0 } }, { { 0, 1, 0 }, { 0, 1, 0 } }, { { 0, 0, 1 }, { 0, 0, 1 } },
			{ { 1, 1, 0 }, { 1, 1, 0 } }, { { 1, -1, 0 }, { 1, -1, 0 } }, { { 1, 0, 1 }, { 1, 0, 1 } }, { { 1, 0, -1 }, { 1, 0, -1 } },
			{ { 0, 1, 1 }, { 0, 1, 1 } }, { { 0, 1, -1 }, { 0, 1, -1 } } };

	/** Centring translations (fractions of the conventional cell) of a lattice type. */
	static double[][] centring(BravaisLattice b) {
		return switch (b) {
			case aP, mP, oP, tP, hP, cP -> new double[][] { { 0, 0, 0 } };
			case mC, oC -> new double[][] { { 0, 0, 0 }, { 0.5, 0.5, 0 } };
			case oI, tI, cI -> new double[][] { { 0, 0, 0 }, { 0.5, 0.5, 0.5 } };
			case oF, cF -> new double[][] { { 0, 0, 0 }, { 0, 0.5, 0.5 }, { 0.5, 0, 0.5 }, { 0.5, 0.5, 0 } };
			case hR -> new double[][] { { 0, 0, 0 }, { 2.0 / 3, 1.0 / 3, 1.0 / 3 }, { 1.0 / 3, 2.0 / 3, 2.0 / 3 } };
		};
	}

	private static int[][][] twofolds(BravaisLattice b) {
		return switch (b.holohedry()) {
			case TRICLINIC -> new int[0][][];
			case MONOCLINIC -> TWOFOLDS_MONO;
			case ORTHORHOMBIC -> TWOFOLDS_ORTHO;
			case TETRAGONAL -> TWOFOLDS_TETRA;
			case TRIGONAL -> TWOFOLDS_RHOMBO;
			case HEXAGONAL -> TWOFOLDS_HEX;
			case CUBIC -> TWOFOLDS_CUBIC;
		};
	}

	/**
	 * Finds the best conventional basis of type {@code bravais} in the lattice with real-space rows
	 * {@code rows} (row-major double[9], Å).
	 *
	 * @param targetCell the conventional target cell (reference setting), or null
	 * @return the best match, or null if none has δ ≤ maxDelta (and matches the target cell)
	 */
	public static Match find(double[] rows, BravaisLattice bravais, double maxDelta, UnitCell targetCell, double relLengthTol, double angleTol) {
		if (bravais == BravaisLattice.aP) {
			int[] id = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
			double[] sym = rows.clone();
			if (targetCell != null && !UnitCell.fromRealSpaceVectors(rows).isSimilarTo(targetCell, relLengthTol, angleTol)) {
				// try the reduced basis against a reduced target: P1 targets are compared as Niggli cells
				if (!UnitCell.fromRealSpaceVectors(rows).niggliCell().isSimilarTo(targetCell.niggliCell(), relLengthTol, angleTol)) return null;
			}
			return new Match(id, 0, rows.clone(), sym);
		}
		CrystalSystem sys = bravais.holohedry();
		double[][] cen = centring(bravais);
		int mult = cen.length;
		int[][][] axes = twofolds(bravais);
		// candidate lattice vectors
		List<int[]> coef = new ArrayList<>();
		List<double[]> vec = new ArrayList<>();
		double maxLen = 0;
		for (int i = 0; i < 3; i++) maxLen = Math.max(maxLen, Math.sqrt(rows[3 * i] * rows[3 * i] + rows[3 * i + 1] * rows[3 * i + 1] + rows[3 * i + 2] * rows[3 * i + 2]));
		double lenCap = 3.5 * maxLen;
		for (int a = -2; a <= 2; a++)
			for (int b = -2; b <= 2; b++)
				for (int c = -2; c <= 2; c++) {
					if (a == 0 && b == 0 && c == 0) continue;
					if (gcd(gcd(Math.abs(a), Math.abs(b)), Math.abs(c)) != 1) continue;
					double[] v = { a * rows[0] + b * rows[3] + c * rows[6], a * rows[1] + b * rows[4] + c * rows[7], a * rows[2] + b * rows[5] + c * rows[8] };
					if (norm(v) > lenCap) continue;
					coef.add(new int[] { a, b, c });
					vec.add(v);
				}
		int nv = vec.size();
		double[] len = new double[nv];
		for (int i = 0; i < nv; i++) len[i] = norm(vec.get(i));
		// with a target cell, only vectors about as long as one of its edges can be conventional axes
		boolean[] usable = new boolean[nv];
		for (int i = 0; i < nv; i++) {
			usable[i] = true;
			if (targetCell != null) {
				usable[i] = false;
				for (double t : new double[] { targetCell.a(), targetCell.b(), targetCell.c() })
					if (Math.abs(len[i] / t - 1) <= relLengthTol * 1.5 + 0.02) usable[i] = true;
			}
		}
		double[] cosij = new double[nv * nv];
		for (int i = 0; i < nv; i++)
			for (int j = 0; j < nv; j++) {
				double[] a = vec.get(i), b = vec.get(j);
				cosij[i * nv + j] = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (len[i] * len[j]);
			}
		double angTol = maxDelta + 3; // generous pre-screen; δ decides
		boolean hex = sys == CrystalSystem.HEXAGONAL || sys == CrystalSystem.TRIGONAL;
		double gammaIdeal = hex ? 120 : 90;
		// angle within [ideal − tol, ideal + tol]  <=>  cos within [cos(ideal + tol), cos(ideal − tol)]
		double gLo = Math.cos(Math.toRadians(gammaIdeal + angTol)), gHi = Math.cos(Math.toRadians(gammaIdeal - angTol));
		double rLo = Math.cos(Math.toRadians(90 + angTol)), rHi = Math.cos(Math.toRadians(90 - angTol));
		double monoLo = Math.cos(Math.toRadians(150)), monoHi = 1e-9; // β in [90°, 150°]
		boolean equalAB = sys == CrystalSystem.TETRAGONAL || hex || sys == CrystalSystem.CUBIC;
		Match best = null;
		double[] bestCost = null;
		for (int i = 0; i < nv; i++) {
			if (!usable[i]) continue;
			for (int j = 0; j < nv; j++) {
				if (j == i || !usable[j]) continue;
				double cg = cosij[i * nv + j];
				if (sys == CrystalSystem.MONOCLINIC ? (cg < rLo || cg > rHi) : (cg < gLo || cg > gHi)) continue;
				if (equalAB && Math.abs(len[i] / len[j] - 1) > 0.25) continue;
				for (int k = 0; k < nv; k++) {
					if (k == i || k == j || !usable[k]) continue;
					double ca = cosij[j * nv + k], cb = cosij[i * nv + k];
					if (ca < rLo || ca > rHi) continue;
					if (sys == CrystalSystem.MONOCLINIC) {
						if (cb < monoLo || cb > monoHi) continue;
					} else if (cb < rLo || cb > rHi) continue;
					if (sys == CrystalSystem.CUBIC && Math.abs(len[k] / len[i] - 1) > 0.25) continue;
					int[] ci = coef.get(i), cj = coef.get(j), ck = coef.get(k);
					int[] m = { ci[0], ci[1], ci[2], cj[0], cj[1], cj[2], ck[0], ck[1], ck[2] };
					if (det(m) != mult) continue;
					if (!centringMatches(m, cen)) continue;
					double[] conv = new double[9];
					System.arraycopy(vec.get(i), 0, conv, 0, 3);
					System.arraycopy(vec.get(j), 0, conv, 3, 3);
					System.arraycopy(vec.get(k), 0, conv, 6, 3);
					double delta = lePageDelta(conv, axes);
					if (delta > maxDelta) continue;
					UnitCell symCell = symmetrizedCell(UnitCell.fromRealSpaceVectors(conv), sys);
					double cellCost = 0;
					if (targetCell != null) {
						if (!symCell.isSimilarTo(targetCell, relLengthTol, angleTol)) continue;
						double[] pp = symCell.parameters(), t = targetCell.parameters();
						for (int q = 0; q < 3; q++) cellCost += Math.abs(pp[q] / t[q] - 1);
						for (int q = 3; q < 6; q++) cellCost += Math.abs(pp[q] - t[q]) / 90;
					}
					double order = orderingPenalty(symCell, sys);
					int ident = 0;
					for (int q = 0; q < 9; q++) ident += Math.abs(m[q] - ((q % 4 == 0) ? 1 : 0));
					double[] cost = { Math.round(delta * 100) / 100.0, Math.round(cellCost * 1000) / 1000.0, order, ident };
					if (best == null || less(cost, bestCost)) {
						best = new Match(m, delta, conv, symmetrize(conv, symCell));
						bestCost = cost;
					}
				}
			}
		}
		return best;
	}

	private static boolean less(double[] a, double[] b) {
		for (int i = 0; i < a.length; i++) {
			if (a[i] < b[i]) return true;
			if (a[i] > b[i]) return false;
		}
		return false;
	}

	/** Prefers a ≤ b ≤ c for orthorhombic and a ≤ c for monoclinic bases (0 = conventional order). */
	private static double orderingPenalty(UnitCell c, CrystalSystem sys) {
		if (sys == CrystalSystem.ORTHORHOMBIC) return (c.a() > c.b() ? 1 : 0) + (c.b() > c.c() ? 1 : 0);
		if (sys == CrystalSystem.MONOCLINIC) return (c.a() > c.c() ? 1 : 0) + Math.abs(c.beta() - 90) / 90;
		return 0;
	}

	/** Le Page δ (degrees) of a conventional basis for the given twofold axes. */
	public static double lePageDelta(double[] conv, int[][][] axes) {
		Mat3 direct = Mat3.of(conv); // rows a, b, c
		Mat3 recip = direct.inverse(); // columns a*, b*, c*
		double worst = 0;
		for (int[][] ax : axes) {
			int[] u = ax[0], h = ax[1];
			Vec3 uc = direct.row(0).times(u[0]).plus(direct.row(1).times(u[1])).plus(direct.row(2).times(u[2]));
			Vec3 hc = recip.column(0).times(h[0]).plus(recip.column(1).times(h[1])).plus(recip.column(2).times(h[2]));
			double ang = Math.toDegrees(uc.angle(hc));
			ang = Math.min(ang, 180 - ang);
			worst = Math.max(worst, ang);
		}
		return worst;
	}

	/** Imposes the metric of the crystal system on a cell. */
	public static UnitCell symmetrizedCell(UnitCell c, CrystalSystem sys) {
		double a = c.a(), b = c.b(), cc = c.c();
		return switch (sys) {
			case TRICLINIC -> c;
			case MONOCLINIC -> UnitCell.of(a, b, cc, 90, c.beta(), 90);
			case ORTHORHOMBIC -> UnitCell.of(a, b, cc, 90, 90, 90);
			case TETRAGONAL -> UnitCell.of((a + b) / 2, (a + b) / 2, cc, 90, 90, 90);
			case TRIGONAL, HEXAGONAL -> UnitCell.of((a + b) / 2, (a + b) / 2, cc, 90, 90, 120);
			case CUBIC -> {
				double m = (a + b + cc) / 3;
				yield UnitCell.of(m, m, m, 90, 90, 90);
			}
		};
	}

	/**
	 * @return real-space rows with the metric of {@code cell}, rotated to best fit {@code rows}
	 *         (orthogonal Procrustes, proper rotation)
	 */
	public static double[] symmetrize(double[] rows, UnitCell cell) {
		double[] o = cell.orthogonalizationMatrix(); // columns are a, b, c
		double[] sym = { o[0], o[3], o[6], o[1], o[4], o[7], o[2], o[5], o[8] };
		Mat3 r = bestRotation(sym, rows);
		double[] out = new double[9];
		for (int i = 0; i < 3; i++) {
			Vec3 v = r.times(new Vec3(sym[3 * i], sym[3 * i + 1], sym[3 * i + 2]));
			out[3 * i] = v.x();
			out[3 * i + 1] = v.y();
			out[3 * i + 2] = v.z();
		}
		return out;
	}

	/**
	 * The proper rotation R minimising Σ |R·xᵢ − yᵢ|² over the rows xᵢ of {@code from} and yᵢ of
	 * {@code to} (polar decomposition of Σ yᵢ·xᵢᵀ by Newton iteration).
	 */
	public static Mat3 bestRotation(double[] from, double[] to) {
		double[] h = new double[9];
		for (int i = 0; i < 3; i++)
			for (int r = 0; r < 3; r++)
				for (int c = 0; c < 3; c++) h[3 * r + c] += to[3 * i + r] * from[3 * i + c];
		Mat3 x = Mat3.of(h);
		double scale = Math.cbrt(Math.abs(x.determinant()));
		if (!(scale > 0)) return Mat3.IDENTITY;
		x = x.times(1 / scale);
		for (int it = 0; it < 100; it++) {
			Mat3 next = x.plus(x.inverse().transpose()).times(0.5);
			boolean done = next.approxEquals(x, 1e-15);
			x = next;
			if (done) break;
		}
		return x;
	}

	/** @return the rotation angle (degrees) of a rotation matrix */
	public static double rotationAngleDeg(Mat3 r) {
		double tr = r.get(0, 0) + r.get(1, 1) + r.get(2, 2);
		return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (tr - 1) / 2))));
	}

	/** True if every primitive basis vector (rows of M⁻¹, conventional fractions) is a centring translation. */
	static boolean centringMatches(int[] m, double[][] cen) {
		double[] md = new double[9];
		for (int i = 0; i < 9; i++) md[i] = m[i];
		double[] inv = Mat3.of(md).inverse().toArray();
		for (int r = 0; r < 3; r++) {
			boolean ok = false;
			for (double[] t : cen) {
				boolean all = true;
				for (int c = 0; c < 3; c++) {
					double f = inv[3 * r + c] - t[c];
					if (Math.abs(f - Math.rint(f)) > 1e-6) {
						all = false;
						break;
					}
				}
				if (all) {
					ok = true;
					break;
				}
			}
			if (!ok) return false;
		}
		return true;
	}

	private static double angleDeg(double[] a, double[] b, double la, double lb) {
		double c = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (la * lb);
		return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
	}

	private static double norm(double[] v) { return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); }

	private static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }

	static int det(int[] m) {
		return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
	}
}
