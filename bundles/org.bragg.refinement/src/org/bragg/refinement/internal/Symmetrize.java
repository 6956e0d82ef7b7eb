package org.bragg.refinement.internal;

import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.SymOp;

/**
 * Cell symmetrisation keeping the orientation (rstbx {@code symmetrize_reduce_enlarge.symmetrize}): the
 * direct metric G is averaged over the rotations of the space group, G_avg = ⟨Rᵀ·G·R⟩ (cctbx
 * {@code average_unit_cell}), and A = U·B becomes A·T(G*)⁻¹·T(G*_avg) with T the triangular factor of
 * {@link UnitCellParam}, i.e. the orientation frame of B is kept.
 */
public final class Symmetrize {
	private Symmetrize() {}

	/** @return the symmetrised A (row-major) */
	public static double[] symmetrizeA(double[] a, SpaceGroup sg) {
		double[] gs = RayMath.mul(RayMath.transpose(a), a);
		double[] g = RayMath.inverse(gs);
		double[] avg = new double[9];
		int n = 0;
		for (SymOp op : sg.symOps()) {
			int[] ri = op.rotation();
			double[] r = new double[9];
			for (int i = 0; i < 9; i++) r[i] = ri[i];
			double[] t = RayMath.mul(RayMath.mul(RayMath.transpose(r), g), r);
			for (int i = 0; i < 9; i++) avg[i] += t[i];
			n++;
		}
		for (int i = 0; i < 9; i++) avg[i] /= n;
		double[] gsAvg = RayMath.inverse(avg);
		double[] t0 = UnitCellParam.triangular(new double[] { gs[0], gs[4], gs[8], gs[1], gs[2], gs[5] }, null);
		double[] t1 = UnitCellParam.triangular(new double[] { gsAvg[0], gsAvg[4], gsAvg[8], gsAvg[1], gsAvg[2], gsAvg[5] }, null);
		return RayMath.mul(RayMath.mul(a, RayMath.inverse(t0)), t1);
	}
}
