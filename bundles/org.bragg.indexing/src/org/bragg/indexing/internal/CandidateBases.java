package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.bragg.model.Crystal;
import org.bragg.model.Mat3;
import org.bragg.model.Vec3;
import org.bragg.model.symmetry.ChangeOfBasisOp;
import org.bragg.model.symmetry.UnitCell;

/**
 * Combination of candidate vectors into Niggli-reduced P1 crystal models, as DIALS
 * {@code combinations.candidate_orientation_matrices}: triplets (i &lt; j &lt; k) of the first 100
 * vectors in order of increasing i² + j² + k² (so that combinations of the best vectors come
 * first); a and b must be more than 20° from (anti)parallel, c more than 20° from the a–b plane;
 * γ is made obtuse and the basis right-handed; the cell is Niggli-reduced (Křivý &amp; Gruber 1976)
 * and kept if V &gt; abc/100 (Sauter et al. 2004). Lazy: models are built as they are consumed.
 */
public final class CandidateBases {
	private CandidateBases() {}

	/**
	 * @param maxCombinations only the first this many triplets (≤ 0: all)
	 */
	public static Iterator<Crystal> candidates(List<Vec3> vectors, int maxCombinations) {
		int n = Math.min(vectors.size(), 100);
		List<int[]> combos = new ArrayList<>();
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++)
				for (int k = j + 1; k < n; k++) combos.add(new int[] { i, j, k });
		combos.sort((x, y) -> Integer.compare(x[0] * x[0] + x[1] * x[1] + x[2] * x[2], y[0] * y[0] + y[1] * y[1] + y[2] * y[2]));
		int limit = maxCombinations > 0 ? Math.min(maxCombinations, combos.size()) : combos.size();
		return new Iterator<>() {
			int next = 0;
			Crystal pending = advance();

			private Crystal advance() {
				while (next < limit) {
					int[] c = combos.get(next++);
					Crystal m = build(vectors.get(c[0]), vectors.get(c[1]), vectors.get(c[2]));
					if (m != null) return m;
				}
				return null;
			}

			@Override public boolean hasNext() { return pending != null; }

			@Override
			public Crystal next() {
				if (pending == null) throw new NoSuchElementException();
				Crystal r = pending;
				pending = advance();
				return r;
			}
		};
	}

	/** @return the Niggli-reduced model of basis (a, b, c), or null if rejected */
	static Crystal build(Vec3 a, Vec3 b, Vec3 c) {
		double minAngle = Math.toRadians(20);
		double ab = a.angle(b);
		if (ab < minAngle || Math.PI - ab < minAngle) return null;
		Vec3 axb = a.cross(b);
		if (ab < Math.PI / 2) {
			b = b.negate();
			axb = axb.negate();
		}
		if (Math.abs(Math.PI / 2 - axb.angle(c)) < minAngle) return null;
		// (DIALS compares this angle in degrees with π/2, so c is in effect never flipped)
		if (Math.toDegrees(b.angle(c)) < Math.PI / 2) c = c.negate();
		if (axb.dot(c) < 0) {
			a = a.negate();
			b = b.negate();
			c = c.negate();
		}
		Crystal m;
		try {
			m = niggli(new Crystal(a, b, c, " P 1", List.of(), Map.of()));
		} catch (IllegalArgumentException | IllegalStateException e) {
			return null;
		}
		double[] p = m.unitCellParameters();
		if (m.volume() > p[0] * p[1] * p[2] / 100) return m;
		return null;
	}

	/** @return the crystal changed to its Niggli basis (space group kept) */
	public static Crystal niggli(Crystal m) {
		UnitCell uc = UnitCell.fromRealSpaceVectors(rows(m));
		ChangeOfBasisOp cb = uc.changeOfBasisOpToNiggliCell();
		return changeBasis(m, cb);
	}

	/** @return the crystal in a new basis: real-space vectors (a′, b′, c′) = (a, b, c)·P (space group kept) */
	public static Crystal changeBasis(Crystal m, ChangeOfBasisOp cb) {
		double[] r = cb.applyToRealSpaceVectors(rows(m));
		return new Crystal(new Vec3(r[0], r[1], r[2]), new Vec3(r[3], r[4], r[5]), new Vec3(r[6], r[7], r[8]), m.spaceGroupHall(), List.of(), m.extras());
	}

	/** @return the real-space vectors as rows of a row-major {@code double[9]} (Å) */
	public static double[] rows(Crystal m) {
		Vec3 a = m.realSpaceA(), b = m.realSpaceB(), c = m.realSpaceC();
		return new double[] { a.x(), a.y(), a.z(), b.x(), b.y(), b.z(), c.x(), c.y(), c.z() };
	}

	/** @return a crystal from real-space rows */
	public static Crystal fromRows(double[] r, String hall) {
		return new Crystal(new Vec3(r[0], r[1], r[2]), new Vec3(r[3], r[4], r[5]), new Vec3(r[6], r[7], r[8]), hall, List.of(), Map.of());
	}

	/** @return the matrix A as row-major double[9] */
	public static double[] aArray(Crystal m) {
		Mat3 a = m.a();
		return a.toArray();
	}

	static double[] copy(double[] x) { return Arrays.copyOf(x, x.length); }
}
