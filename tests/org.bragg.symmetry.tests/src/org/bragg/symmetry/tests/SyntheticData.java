package org.bragg.symmetry.tests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bragg.model.symmetry.AsuIndex;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;

/**
 * Synthetic unmerged intensities drawn from a known space group: one Wilson-distributed true
 * intensity per unique reflection (exponential for acentric, χ²₁ for centric; zero if
 * systematically absent) with an overall B, every symmetry-equivalent P1 index observed with
 * probability {@code completeness}, Gaussian noise of σ = 0.03·I + 0.05·⟨I⟩, and optionally a
 * multiplicative log-normal error per observation and a twin operator.
 */
final class SyntheticData {
	final UnitCell cell;
	final List<int[]> hkl = new ArrayList<>();
	final List<Double> i = new ArrayList<>(), sigma = new ArrayList<>();

	private SyntheticData(UnitCell cell) { this.cell = cell; }

	int[] hklArray() {
		int[] o = new int[3 * hkl.size()];
		for (int q = 0; q < hkl.size(); q++) System.arraycopy(hkl.get(q), 0, o, 3 * q, 3);
		return o;
	}

	double[] iArray() { return i.stream().mapToDouble(Double::doubleValue).toArray(); }

	double[] sigmaArray() { return sigma.stream().mapToDouble(Double::doubleValue).toArray(); }

	/**
	 * @param twin a twin operator as a row-major rotation applied to h (h·R), or null
	 * @param twinFraction fraction of the twin domain
	 * @param logNormal relative multiplicative error per observation (0 for none)
	 */
	static SyntheticData generate(SpaceGroup sg, UnitCell cell, double dMin, double completeness, int[] twin, double twinFraction, double logNormal,
			long seed) {
		Random rnd = new Random(seed);
		SyntheticData out = new SyntheticData(cell);
		Map<String, Double> truth = new HashMap<>();
		int hmax = (int) Math.ceil(cell.a() / dMin), kmax = (int) Math.ceil(cell.b() / dMin), lmax = (int) Math.ceil(cell.c() / dMin);
		double b = 20;
		for (int h = -hmax; h <= hmax; h++)
			for (int k = -kmax; k <= kmax; k++)
				for (int l = -lmax; l <= lmax; l++) {
					if (h == 0 && k == 0 && l == 0) continue;
					double d = cell.dSpacing(h, k, l);
					if (d < dMin || d > 40) continue;
					double t = trueI(sg, h, k, l, truth, rnd) * Math.exp(-b / (2 * d * d));
					if (twin != null) {
						int[] ht = { h * twin[0] + k * twin[3] + l * twin[6], h * twin[1] + k * twin[4] + l * twin[7], h * twin[2] + k * twin[5] + l * twin[8] };
						double t2 = trueI(sg, ht[0], ht[1], ht[2], truth, rnd) * Math.exp(-b / (2 * d * d));
						t = (1 - twinFraction) * t + twinFraction * t2;
					}
					if (rnd.nextDouble() > completeness) continue;
					double s = 0.03 * t + 0.05 * Math.exp(-b / (2 * d * d));
					double obs = t * (logNormal > 0 ? Math.exp(logNormal * rnd.nextGaussian() - logNormal * logNormal / 2) : 1) + s * rnd.nextGaussian();
					out.hkl.add(new int[] { h, k, l });
					out.i.add(1000 * obs);
					out.sigma.add(1000 * s);
				}
		return out;
	}

	private static double trueI(SpaceGroup sg, int h, int k, int l, Map<String, Double> truth, Random rnd) {
		if (sg.isSysAbsent(h, k, l)) return 0;
		AsuIndex a = sg.toAsu(h, k, l);
		String key = a.h() + "," + a.k() + "," + a.l();
		Double v = truth.get(key);
		if (v == null) {
			if (sg.isCentric(h, k, l)) {
				double g = rnd.nextGaussian();
				v = g * g;
			} else v = -Math.log(1 - rnd.nextDouble());
			v *= sg.epsilon(h, k, l);
			truth.put(key, v);
		}
		return v;
	}
}
