package org.bragg.integration.internal;

import java.util.Arrays;

/**
 * The Nave mosaicity model of a still (Nave 2014, J. Synchrotron Rad. 21, 537–546; Sauter et al. 2014, Acta
 * Cryst. D70, 3299–3309, eqs. 16–17), estimated as DIALS's stills indexer does ({@code NaveParameters}): an
 * observed reflection of resolution d lies within |Δψ| ≤ d/D_eff + η/2 of the Ewald sphere, with D_eff the
 * effective domain size (Å) and η the full mosaic angle (rad).
 *
 * <ol>
 * <li>Envelope: reflections sorted by 2θ in n = min(max(3, N/25), 50) bins; per bin the mean d and the
 * largest |Δψ|; a least-squares line |Δψ|max = d/(2 D) + k gives the starting D and η = 2|k|.</li>
 * <li>Maximum likelihood: each Δψ_i has the soft-edged box density of half width ψ_m = (d_i α + η)/2 with
 * α = 2/D_eff and edge sharpness 10/ψ_m (as cctbx {@code xfel.mono_simulation.max_like}); −log L is minimised
 * over (log α, log η) by Nelder–Mead to convergence (cctbx stops its L-BFGS early, gtol 0.1, so its estimates can
 * differ; on the thaumatin stills the optimum puts nearly all of the spread into D, η → 0).</li>
 * <li>The model stored with the crystal is expanded by 1.4 as DIALS does: {@code ML_half_mosaicity_deg} =
 * 1.4·η/2 (degrees), {@code ML_domain_size_ang} = D_eff/1.4.</li>
 * </ol>
 *
 * <p>Stateless and thread safe.
 */
public final class StillsMosaicity {
	private StillsMosaicity() {}

	/** DIALS's {@code model_expansion_factor}. */
	public static final double EXPANSION = 1.4;
	private static final double ESCALATE = 10.0;

	/**
	 * The fitted model.
	 *
	 * @param halfMosaicityDeg {@code ML_half_mosaicity_deg} (expanded)
	 * @param domainSizeAng    {@code ML_domain_size_ang} (expanded), Å
	 * @param lsqDomainSizeAng the least-squares starting domain size, Å
	 * @param lsqFullMosaicityDeg the least-squares starting full mosaicity, degrees
	 */
	public record Model(double halfMosaicityDeg, double domainSizeAng, double lsqDomainSizeAng, double lsqFullMosaicityDeg) {
		/** @return the acceptance half width |Δψ| (rad) of a reflection at d (Å), as DIALS's Nave stills predictor (eq. 16) */
		public double deltaPsiModel(double d) { return d / domainSizeAng + Math.toRadians(halfMosaicityDeg) / 2; }
	}

	/**
	 * @param d           resolution of each indexed reflection (Å)
	 * @param deltaPsi    signed Δψ of each (rad)
	 * @param cellVolume  unit-cell volume (Å³); 3·V^⅓ is the lower bound of the starting domain size
	 * @return the model
	 * @throws IllegalArgumentException with fewer than 3 reflections or mismatched arrays
	 */
	public static Model estimate(double[] d, double[] deltaPsi, double cellVolume) {
		int n = d.length;
		if (n != deltaPsi.length) throw new IllegalArgumentException("d and delta psi differ in length: " + n + ", " + deltaPsi.length);
		if (n < 3) throw new IllegalArgumentException("too few reflections to model the mosaicity: " + n);
		// envelope by 2θ (monotonic in d: sort by decreasing d)
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) order[i] = i;
		Arrays.sort(order, (a, b) -> Double.compare(d[b], d[a]));
		int nBins = Math.min(Math.max(3, n / 25), 50), binSz = n / nBins;
		double sxx = 0, sx = 0, sxy = 0, sy = 0;
		for (int b = 0; b < nBins; b++) {
			double md = 0, mx = 0;
			for (int j = b * binSz; j < (b + 1) * binSz; j++) {
				md += d[order[j]];
				mx = Math.max(mx, Math.abs(deltaPsi[order[j]]));
			}
			md /= binSz;
			sxx += md * md;
			sx += md;
			sxy += md * mx;
			sy += mx;
		}
		double det = sxx * nBins - sx * sx;
		double slope = (nBins * sxy - sx * sy) / det, icpt = (sxx * sy - sx * sxy) / det;
		double sAng = 1.0 / (2 * slope);
		double lower = 3 * Math.cbrt(cellVolume);
		double dEst = sAng > lower ? sAng : lower;
		double eta0 = Double.isFinite(icpt) ? Math.max(Math.abs(2 * icpt), 1e-6) : 1e-3;
		double[] x = nelderMead(p -> negLogL(d, deltaPsi, Math.exp(p[0]), Math.exp(p[1])), new double[] { Math.log(2 / dEst), Math.log(eta0) });
		double alpha = Math.exp(x[0]), eta = Math.exp(x[1]);
		return new Model(Math.toDegrees(eta) / 2 * EXPANSION, 2 / alpha / EXPANSION, sAng, Math.toDegrees(2 * icpt));
	}

	/** −log L of cctbx's soft-box model, written with log(1+eˣ) to stay finite. */
	static double negLogL(double[] d, double[] psi, double alpha, double eta) {
		double f = 0, norm = softplus(ESCALATE);
		for (int i = 0; i < d.length; i++) {
			double pm = (d[i] * alpha + eta) / 2, b = ESCALATE / pm;
			f -= Math.log(0.5 / pm) + 2 * norm - softplus(b * (psi[i] + pm)) - softplus(-b * (psi[i] - pm));
		}
		return Double.isFinite(f) ? f : Double.MAX_VALUE;
	}

	private static double softplus(double x) { return x > 30 ? x : Math.log1p(Math.exp(x)); }

	private static double[] nelderMead(java.util.function.ToDoubleFunction<double[]> f, double[] x0) {
		int n = x0.length;
		double[][] s = new double[n + 1][];
		double[] fv = new double[n + 1];
		for (int i = 0; i <= n; i++) {
			s[i] = x0.clone();
			if (i > 0) s[i][i - 1] += 0.5;
			fv[i] = f.applyAsDouble(s[i]);
		}
		for (int it = 0; it < 2000; it++) {
			Integer[] o = new Integer[n + 1];
			for (int i = 0; i <= n; i++) o[i] = i;
			final double[] fvv = fv;
			Arrays.sort(o, (a, b) -> Double.compare(fvv[a], fvv[b]));
			double[][] s2 = new double[n + 1][];
			double[] f2 = new double[n + 1];
			for (int i = 0; i <= n; i++) {
				s2[i] = s[o[i]];
				f2[i] = fv[o[i]];
			}
			s = s2;
			fv = f2;
			if (Math.abs(fv[n] - fv[0]) < 1e-10 * (1 + Math.abs(fv[0])) && spread(s) < 1e-8) break;
			double[] c = new double[n];
			for (int i = 0; i < n; i++)
				for (int j = 0; j < n; j++) c[j] += s[i][j] / n;
			double[] xr = lin(c, s[n], -1), xe, xc;
			double fr = f.applyAsDouble(xr);
			if (fr < fv[0]) {
				xe = lin(c, s[n], -2);
				double fe = f.applyAsDouble(xe);
				if (fe < fr) {
					s[n] = xe;
					fv[n] = fe;
				} else {
					s[n] = xr;
					fv[n] = fr;
				}
			} else if (fr < fv[n - 1]) {
				s[n] = xr;
				fv[n] = fr;
			} else {
				xc = lin(c, s[n], 0.5);
				double fc = f.applyAsDouble(xc);
				if (fc < fv[n]) {
					s[n] = xc;
					fv[n] = fc;
				} else {
					for (int i = 1; i <= n; i++) {
						s[i] = lin(s[0], s[i], 0.5);
						fv[i] = f.applyAsDouble(s[i]);
					}
				}
			}
		}
		int best = 0;
		for (int i = 1; i <= n; i++) if (fv[i] < fv[best]) best = i;
		return s[best];
	}

	/** c + t·(p − c) */
	private static double[] lin(double[] c, double[] p, double t) {
		double[] r = new double[c.length];
		for (int j = 0; j < c.length; j++) r[j] = c[j] + t * (p[j] - c[j]);
		return r;
	}

	private static double spread(double[][] s) {
		double m = 0;
		for (int i = 1; i < s.length; i++)
			for (int j = 0; j < s[0].length; j++) m = Math.max(m, Math.abs(s[i][j] - s[0][j]));
		return m;
	}
}
