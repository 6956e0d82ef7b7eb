package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.List;

import org.bragg.model.Crystal;
import org.bragg.model.Mat3;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.SymOp;

/**
 * Orientation differences between crystal models, as DIALS
 * {@code difference_rotation_matrix_axis_angle}: the smallest rotation taking U_a to U_b over the
 * proper rotations of b's Laue group (so symmetry-equivalent settings count as the same
 * orientation).
 */
public final class Orientations {
	private Orientations() {}

	/** @return the smallest rotation angle (degrees) between the orientations of a and b */
	public static double minimumAngleDeg(Crystal a, Crystal b) {
		Mat3 ua = CandidateEvaluator.uMatrix(a);
		double best = Double.POSITIVE_INFINITY;
		for (int[] p : properRotations(b)) {
			double[] rows = CandidateBases.rows(b);
			double[] nr = new double[9];
			// rows' = Pᵀ · rows
			for (int i = 0; i < 3; i++)
				for (int x = 0; x < 3; x++) nr[3 * i + x] = p[i] * rows[x] + p[3 + i] * rows[3 + x] + p[6 + i] * rows[6 + x];
			Crystal bs;
			try {
				bs = CandidateBases.fromRows(nr, b.spaceGroupHall());
			} catch (IllegalArgumentException e) {
				continue;
			}
			Mat3 ub = CandidateEvaluator.uMatrix(bs);
			best = Math.min(best, LatticeSymmetry.rotationAngleDeg(ub.times(ua.transpose())));
		}
		return best;
	}

	/** Proper rotations (det +1) of the Laue group of the crystal's space group. */
	static List<int[]> properRotations(Crystal c) {
		List<int[]> out = new ArrayList<>();
		try {
			SpaceGroup sg = SpaceGroup.fromHall(c.spaceGroupHall().trim()).laueGroup();
			for (SymOp op : sg.allOps()) {
				if (op.determinant() < 0) continue;
				int[] r = op.rotation();
				boolean dup = false;
				for (int[] o : out) if (java.util.Arrays.equals(o, r)) { dup = true; break; }
				if (!dup) out.add(r);
			}
		} catch (RuntimeException e) {
			out.clear();
		}
		if (out.isEmpty()) out.add(new int[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
		return out;
	}
}
