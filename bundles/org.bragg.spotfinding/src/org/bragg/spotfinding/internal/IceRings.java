package org.bragg.spotfinding.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Powder-ring d-spacings of hexagonal ice (Ih, space group P6₃/mmc, No. 194), as DIALS builds them
 * for {@code filter.ice_rings}: every reflection of the cell down to d_min that is not systematically
 * absent, sorted by decreasing d, duplicates merged.
 *
 * <p>Systematic absences of P6₃/mmc (International Tables A, reflection conditions): hh2̄hl and 000l
 * need l = 2n. In three-index form, an (h, k, l) with l odd is absent if two of h, k and i = −h−k are
 * equal (h = k, k = −2h or h = −2k). Default cell a = 4.498 Å, c = 7.338 Å.
 */
public final class IceRings {
	private IceRings() {}

	/**
	 * @param cell a, b, c (Å), α, β, γ (degrees)
	 * @param dMin smallest d (Å) to include, &gt; 0
	 * @return d-spacings (Å) ≥ dMin, decreasing, distinct
	 * @throws IllegalArgumentException if dMin is not positive or the cell is degenerate
	 */
	public static double[] dSpacings(double[] cell, double dMin) {
		if (!(dMin > 0)) throw new IllegalArgumentException("ice ring d_min must be > 0, got " + dMin);
		double[] g = reciprocalMetric(cell);
		int hmax = (int) Math.ceil(Math.max(cell[0], Math.max(cell[1], cell[2])) / dMin) + 1;
		double dsMax = 1 / (dMin * dMin);
		TreeSet<Double> ds2 = new TreeSet<>();
		for (int h = -hmax; h <= hmax; h++) {
			for (int k = -hmax; k <= hmax; k++) {
				for (int l = 0; l <= hmax; l++) {
					if (h == 0 && k == 0 && l == 0) continue;
					if (isAbsent(h, k, l)) continue;
					double s = g[0] * h * h + g[1] * k * k + g[2] * l * l + 2 * (g[3] * h * k + g[4] * h * l + g[5] * k * l);
					if (s <= dsMax * (1 + 1e-12)) ds2.add(roundRel(s));
				}
			}
		}
		List<Double> out = new ArrayList<>(ds2);
		double[] d = new double[out.size()];
		for (int i = 0; i < d.length; i++) d[i] = 1 / Math.sqrt(out.get(i));
		return d;
	}

	/** @return true if (h, k, l) is systematically absent in P6₃/mmc */
	static boolean isAbsent(int h, int k, int l) {
		if ((l & 1) == 0) return false;
		return h == k || k == -2 * h || h == -2 * k;
	}

	private static double roundRel(double s) {
		double scale = Math.pow(10, 12 - Math.ceil(Math.log10(Math.abs(s))));
		return Math.rint(s * scale) / scale;
	}

	/** @return {g11, g22, g33, g12, g13, g23} of the reciprocal metric tensor (Å⁻²) */
	static double[] reciprocalMetric(double[] c) {
		double a = c[0], b = c[1], cc = c[2];
		double al = Math.toRadians(c[3]), be = Math.toRadians(c[4]), ga = Math.toRadians(c[5]);
		double ca = Math.cos(al), cb = Math.cos(be), cg = Math.cos(ga);
		// direct metric
		double[][] gm = { { a * a, a * b * cg, a * cc * cb }, { a * b * cg, b * b, b * cc * ca }, { a * cc * cb, b * cc * ca, cc * cc } };
		double det = gm[0][0] * (gm[1][1] * gm[2][2] - gm[1][2] * gm[2][1]) - gm[0][1] * (gm[1][0] * gm[2][2] - gm[1][2] * gm[2][0])
				+ gm[0][2] * (gm[1][0] * gm[2][1] - gm[1][1] * gm[2][0]);
		if (!(det > 0)) throw new IllegalArgumentException("degenerate unit cell");
		double i00 = (gm[1][1] * gm[2][2] - gm[1][2] * gm[2][1]) / det;
		double i11 = (gm[0][0] * gm[2][2] - gm[0][2] * gm[2][0]) / det;
		double i22 = (gm[0][0] * gm[1][1] - gm[0][1] * gm[1][0]) / det;
		double i01 = -(gm[0][1] * gm[2][2] - gm[0][2] * gm[2][1]) / det;
		double i02 = (gm[0][1] * gm[1][2] - gm[0][2] * gm[1][1]) / det;
		double i12 = -(gm[0][0] * gm[1][2] - gm[0][2] * gm[1][0]) / det;
		return new double[] { i00, i11, i22, i01, i02, i12 };
	}

	/**
	 * The resolution ranges DIALS masks around each ring: d*² ± width/2.
	 *
	 * @param width full ring width in 1/d² (Å⁻²)
	 * @return pairs {d_lo, d_hi} (Å), one per ring
	 */
	public static List<double[]> ranges(double[] cell, double dMin, double width) {
		List<double[]> out = new ArrayList<>();
		double half = width * 0.5;
		for (double d : dSpacings(cell, dMin)) {
			double s = 1.0 / (d * d);
			double dMax = Math.sqrt(1.0 / (s - half));
			double dLo = Math.sqrt(1.0 / (s + half));
			out.add(new double[] { dLo, dMax });
		}
		return out;
	}
}
