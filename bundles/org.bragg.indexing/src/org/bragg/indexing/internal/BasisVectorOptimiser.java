package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bragg.model.Mat3;
import org.bragg.model.Vec3;

/**
 * Optimises candidate basis vectors against the rlps by minimising −Σ cos(2π r·v) (Otwinowski et al.,
 * International Tables F, §11.4.3.4), as DIALS {@code optimise_initial_basis_vectors} (which uses
 * L-BFGS; here Newton steps with the analytic Hessian and step halving), then sorts them by the
 * functional.
 */
public final class BasisVectorOptimiser {
	private BasisVectorOptimiser() {}

	public static List<Vec3> optimise(double[] rlp, List<Vec3> vectors) {
		List<Vec3> out = new ArrayList<>();
		for (Vec3 v : vectors) out.add(minimise(rlp, v));
		List<Vec3> sorted = new ArrayList<>(out);
		sorted.sort(Comparator.comparingDouble(v -> f(rlp, v)));
		return sorted;
	}

	static double f(double[] rlp, Vec3 v) {
		double s = 0;
		for (int i = 0; i < rlp.length / 3; i++) s -= Math.cos(2 * Math.PI * (rlp[3 * i] * v.x() + rlp[3 * i + 1] * v.y() + rlp[3 * i + 2] * v.z()));
		return s;
	}

	static Vec3 minimise(double[] rlp, Vec3 v0) {
		Vec3 v = v0;
		double fv = f(rlp, v);
		for (int it = 0; it < 50; it++) {
			double[] g = new double[3], h = new double[9];
			for (int i = 0; i < rlp.length / 3; i++) {
				double x = rlp[3 * i], y = rlp[3 * i + 1], z = rlp[3 * i + 2];
				double a = 2 * Math.PI * (x * v.x() + y * v.y() + z * v.z());
				double s = 2 * Math.PI * Math.sin(a), c = 4 * Math.PI * Math.PI * Math.cos(a);
				double[] r = { x, y, z };
				for (int p = 0; p < 3; p++) {
					g[p] += s * r[p];
					for (int q = 0; q < 3; q++) h[3 * p + q] += c * r[p] * r[q];
				}
			}
			Vec3 step;
			try {
				step = Mat3.of(h).inverse().times(new Vec3(g[0], g[1], g[2])).negate();
			} catch (IllegalStateException e) {
				break;
			}
			double t = 1;
			boolean improved = false;
			for (int k = 0; k < 20; k++) {
				Vec3 nv = v.plus(step.times(t));
				double fn = f(rlp, nv);
				if (fn < fv) {
					v = nv;
					improved = fv - fn > 1e-9 * Math.abs(fv);
					fv = fn;
					break;
				}
				t /= 2;
			}
			if (!improved) break;
		}
		return v;
	}
}
