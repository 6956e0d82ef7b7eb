package org.bragg.scaling;

/**
 * Merges symmetry-equivalent observations into {@link MergedData} by inverse-variance weighting
 * (as cctbx {@code merge_equivalents} without internal variance, used by {@code dials.merge}).
 *
 * @since 0.1
 */
public final class Merger {
	private Merger() {}

	/** Merges {@code obs}; pure function. */
	public static MergedData merge(Observations obs) {
		int ng = obs.numGroups();
		int[] hkl = new int[3 * ng];
		boolean[] centric = new boolean[ng];
		double[] d = new double[ng], im = new double[ng], sm = new double[ng], ip = new double[ng], sp = new double[ng], in = new double[ng], sn = new double[ng];
		int[] n = new int[ng], np = new int[ng], nn = new int[ng];
		for (int g = 0; g < ng; g++) {
			int a = obs.groupStart[g], b = obs.groupStart[g + 1];
			System.arraycopy(obs.hkl, 3 * a, hkl, 3 * g, 3);
			centric[g] = obs.centric[a];
			d[g] = obs.dStarSq[a];
			double sw = 0, swi = 0, swp = 0, swip = 0, swm = 0, swim = 0;
			for (int k = a; k < b; k++) {
				double w = 1.0 / obs.variance[k];
				sw += w; swi += w * obs.intensity[k];
				if (obs.plus[k]) { swp += w; swip += w * obs.intensity[k]; np[g]++; }
				else { swm += w; swim += w * obs.intensity[k]; nn[g]++; }
			}
			n[g] = b - a;
			im[g] = swi / sw; sm[g] = Math.sqrt(1 / sw);
			ip[g] = np[g] > 0 ? swip / swp : Double.NaN; sp[g] = np[g] > 0 ? Math.sqrt(1 / swp) : Double.NaN;
			in[g] = nn[g] > 0 ? swim / swm : Double.NaN; sn[g] = nn[g] > 0 ? Math.sqrt(1 / swm) : Double.NaN;
		}
		return new MergedData(hkl, centric, d, im, sm, n, ip, sp, np, in, sn, nn);
	}
}
