package org.bragg.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.bragg.export.mtz.ScaledIntensities;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;
import org.bragg.scaling.internal.SphericalHarmonics;
import org.bragg.scaling.internal.Smoother1D;
import org.ejml.simple.SimpleMatrix;

/**
 * Scales one rotation sweep with DIALS's physical model (Beilsten-Edmands et al. 2020, Acta Cryst. D76,
 * 385–399; see {@link PhysicalModel}): inverse scale g = C(φ)·exp(B(φ)/2d²)·A(s0c, s1c), with C and B 1D
 * Gaussian smoothers in φ (DIALS's parameter counts and normalisation, {@code initialise_smooth_input}) and A
 * the spherical-harmonic absorption surface (on by DIALS's auto rule, range &gt; 60°, or on request; lmax and
 * surface weight from {@code absorption_level}). The first scale parameter is fixed at 1 (DIALS
 * {@code fix_initial}). All terms are refined jointly by Gauss–Newton (normal equations solved with EJML) on
 * Φ = Σ w_hl (I_hl − g_hl⟨I_h⟩)² + λ_B Σ B_j² + λ_A Σ P_lm², ⟨I_h⟩ = Σ w g I / Σ w g² (with
 * {@code anomalous=true} I(+) and I(−) are separate groups); then the basic error model
 * σ'² = a²(σ² + (bI)²) is fitted so that the normalised deviations δ_hl = √((n−1)/n)(I/g − ⟨I_h⟩)/(σ'/g)
 * have unit variance in 10 equal-count bins of ⟨I_h⟩ (groups with n ≥ 2), and
 * observations with |z| &gt; zmax against the weighted mean of the other observations are rejected.
 * Intensities: profile-fitted (reflections without a profile fit are excluded) if present, else summation,
 * with lp applied and qe divided out; partiality ≥ 0.4, I/σ ≥ −5 and d ≥ {@code d_min}; after the first
 * round of model refinement they are replaced by DIALS's profile/summation combination
 * ({@link #combineIntensities}, {@code intensity_choice=combine}).
 *
 * <p>Not implemented: multi-sweep scaling, the reflection subset selection for large data sets (all
 * reflections are used), LBFGS (Gauss–Newton with the full Jacobian, including ∂⟨I_h⟩/∂p as DIALS's target,
 * is used throughout; parameter esds come from the Jacobian without that term).
 *
 * @since 0.1
 */
public final class Scaler {
	private Scaler() {}

	/**
	 * Result of scaling. {@code scale}/{@code decay} are the parameter values at {@code scalePhi}/{@code decayPhi}
	 * (degrees, the smoother positions); {@code model} is the full refined model (also stored in the experiment).
	 * @since 0.1
	 */
	public record Result(ExperimentList experiments, ReflectionTable reflections, double errorA, double errorB, double[] scalePhi, double[] scale,
			double[] decayPhi, double[] decay, int nOutliers, int nUsed, Observations observations, PhysicalModel model) {}

	/** Auto parameter intervals (scale°, decay°) of DIALS for an oscillation range in degrees. */
	public static double[] autoIntervals(double rangeDeg) {
		if (rangeDeg < 5) return new double[] { 1, 1.5 };
		if (rangeDeg < 10) return new double[] { 2, 3 };
		if (rangeDeg < 25) return new double[] { 4, 5 };
		if (rangeDeg < 90) return new double[] { 8, 10 };
		return new double[] { 15, 20 };
	}

	/**
	 * Scales {@code table} (integrated reflections of a single rotation experiment).
	 * @throws IllegalArgumentException if there is not exactly one experiment with a scan, goniometer and crystal, or no usable intensities
	 */
	public static Result scale(ExperimentList experiments, ReflectionTable table, ScalingParameters p, Consumer<String> log) {
		if (experiments.size() != 1) throw new IllegalArgumentException("scaling supports one sweep at present, found " + experiments.size() + " experiments");
		Experiment e = experiments.get(0);
		Scan scan = e.scan();
		if (scan == null || e.crystal() == null) throw new IllegalArgumentException("scaling needs a rotation scan and a crystal model");
		ReflectionTable t = table;
		ScaledIntensities si;
		ReflectionTable copy = t.select(allRows(t.size()));
		{
			// choose intensities as export does for unscaled data (prf else sum, lp/qe applied, g = 1)
			copy.remove(ScaledIntensities.INTENSITY_SCALE_VALUE.name());
			copy.remove(Columns.INVERSE_SCALE_FACTOR.name());
			int nc = combinePartials(copy);
			if (nc > 0) log.accept("Combined " + nc + " partial reflections with other partial reflections");
			si = ScaledIntensities.select(copy);
		}
		if (si.size() == 0) throw new IllegalArgumentException("no reflections with usable intensities to scale");
		SpaceGroup sg = SpaceGroup.fromHall(e.crystal().spaceGroupHall());
		UnitCell cell = UnitCell.of(e.crystal().unitCellParameters());
		int[] all = t.get(Columns.MILLER_INDEX);
		int[] keep = new int[si.size()];
		int nk = 0;
		double sMax = p.dMin().isPresent() ? 1 / (p.dMin().getAsDouble() * p.dMin().getAsDouble()) : Double.POSITIVE_INFINITY;
		for (int k = 0; k < si.size(); k++) {
			int r = si.rows()[k];
			if (cell.dStarSq(all[3 * r], all[3 * r + 1], all[3 * r + 2]) <= sMax) keep[nk++] = k;
		}
		if (nk < si.size()) log.accept(String.format(Locale.ROOT, "Excluded %d reflections beyond d_min = %.2f Å", si.size() - nk, p.dMin().getAsDouble()));
		if (nk == 0) throw new IllegalArgumentException("no reflections with usable intensities to scale at d >= d_min");
		int[] hkl = new int[3 * nk], rows = new int[nk];
		double[] iIn = new double[nk], vIn = new double[nk];
		for (int j = 0; j < nk; j++) {
			int k = keep[j];
			rows[j] = si.rows()[k];
			System.arraycopy(all, 3 * rows[j], hkl, 3 * j, 3);
			iIn[j] = si.intensity()[k];
			vIn[j] = si.variance()[k];
		}
		Observations obs = new Observations(sg, cell, hkl, iIn, vIn, rows);
		int n = obs.size();
		double[] xyz = t.has(Columns.XYZOBS_PX_VALUE) ? t.get(Columns.XYZOBS_PX_VALUE) : t.get(Columns.XYZCAL_PX);
		double[] range = scan.oscillationRange();
		double oneOsc = scan.oscillationWidth();
		double[] auto = autoIntervals(Math.abs(range[1] - range[0]));
		double si0 = p.scaleInterval() > 0 ? p.scaleInterval() : auto[0], di0 = p.decayInterval() > 0 ? p.decayInterval() : auto[1];
		double[] sIn = PhysicalModel.smoothInput(range, oneOsc, si0), dIn = PhysicalModel.smoothInput(range, oneOsc, di0);
		int ns = (int) sIn[0], nb = (int) dIn[0];
		boolean absorption = p.absorptionFor(range[1] - range[0]);
		double[] absCfg = p.effectiveAbsorption();
		int lmax = absorption ? (int) absCfg[0] : 0;
		double surfaceWeight = absCfg[1];
		int na = absorption ? SphericalHarmonics.numTerms(lmax) : 0;
		// per-observation design: smoother weights (normalised), 1/2d², harmonic rows
		Smoother1D sSm = new Smoother1D(ns), dSm = new Smoother1D(nb);
		double[][] ws = new double[n][], wb = new double[n][];
		double[] inv2d2 = new double[n];
		double[] ylm = absorption ? new double[n * na] : null;
		double[] s1 = absorption ? t.get(Columns.S1) : null;
		double[] s0c = new double[3], s1c = new double[3];
		Vec3 minusS0 = e.beam().unitS0().negate();
		// normalised smoother coordinates as DIALS's update_reflection_data: z·norm_fac minus its minimum over the
		// data, on a range of max(ceil(max), 1) split into the smoother's intervals
		double zMin = Double.POSITIVE_INFINITY, zMax = Double.NEGATIVE_INFINITY;
		for (int k = 0; k < n; k++) { double z = xyz[3 * obs.sourceRow[k] + 2]; zMin = Math.min(zMin, z); zMax = Math.max(zMax, z); }
		double sSpacing = smootherSpacing((zMax - zMin) * sIn[1], ns), dSpacing = smootherSpacing((zMax - zMin) * dIn[1], nb);
		for (int k = 0; k < n; k++) {
			double z = xyz[3 * obs.sourceRow[k] + 2] - zMin;
			ws[k] = new double[ns];
			double sw = sSm.weights(z * sIn[1] / sSpacing, ws[k]);
			for (int j = 0; j < ns; j++) ws[k][j] /= sw;
			wb[k] = new double[nb];
			sw = dSm.weights(z * dIn[1] / dSpacing, wb[k]);
			for (int j = 0; j < nb; j++) wb[k][j] /= sw;
			inv2d2[k] = obs.dStarSq[k] / 2;
			if (absorption) {
				int row = obs.sourceRow[k];
				Mat3 rInv = e.goniometer().rotationAt(Math.toRadians(scan.angleFromArrayIndex(xyz[3 * row + 2]))).transpose();
				Vec3 a = rInv.times(minusS0);
				Vec3 b = rInv.times(new Vec3(s1[3 * row], s1[3 * row + 1], s1[3 * row + 2]).normalize());
				s0c[0] = a.x(); s0c[1] = a.y(); s0c[2] = a.z();
				s1c[0] = b.x(); s1c[1] = b.y(); s1c[2] = b.z();
				SphericalHarmonics.absorptionRow(lmax, s0c, s1c, ylm, k * na);
			}
		}
		Groups groups = new Groups(obs, p.anomalous());
		int np = ns + nb + na;
		double[] c = new double[ns], b = new double[nb], a = new double[na];
		Arrays.fill(c, 1.0);
		double[] var = obs.variance.clone();
		boolean[] out = new boolean[n];
		double ea = 1, eb = 0;
		double[] g = new double[n];
		SimpleMatrix cov = null;
		double combinedImid = Double.NaN;
		log.accept("");
		log.accept("The following corrections will be applied to this dataset: ");
		log.accept("");
		log.accept(String.format(Locale.ROOT, "Scaling %d reflections%s: scale term %d parameters (%.2f° apart), decay term %d parameters (%.2f° apart)%s", n,
				p.anomalous() ? " (anomalous: I+ and I- separate)" : "", ns, sIn[2], nb, dIn[2],
				absorption ? String.format(Locale.ROOT, ", absorption term %d parameters (lmax %d, surface_weight %.3g)", na, lmax, surfaceWeight) : ""));
		double[] A = new double[np * np], rhs = new double[np], d = new double[np], u = new double[np];
		int maxGroup = 0;
		for (int gi = 0; gi < groups.count(); gi++) maxGroup = Math.max(maxGroup, groups.size(gi));
		double[][] dg = new double[maxGroup][np];
		int[] members = new int[maxGroup];
		for (int cycle = 0; cycle <= p.nCycles(); cycle++) {
			// the extra last pass only computes the covariance, from the Jacobian without ∂⟨I_h⟩/∂p (in which the
			// overall B is undetermined but for its restraint)
			boolean covariancePass = cycle == p.nCycles();
			int iterations = 0;
			for (int it = 0; it < (covariancePass ? 1 : 20); it++) {
				model(c, b, a, ws, wb, inv2d2, ylm, na, g);
				double[] mean = groupMeans(groups, obs, g, var, out);
				Arrays.fill(A, 0);
				Arrays.fill(rhs, 0);
				// Jacobian of r_hl = I_hl − g_hl⟨I_h⟩ including ∂⟨I_h⟩/∂p, as DIALS's scaling target
				for (int gi = 0; gi < groups.count(); gi++) {
					if (Double.isNaN(mean[gi])) continue;
					int cnt = 0;
					double den = 0;
					for (int q = groups.start[gi]; q < groups.start[gi + 1]; q++) {
						int k = groups.order[q];
						if (out[k]) continue;
						derivatives(k, c, b, a, ws, wb, inv2d2, ylm, na, g, dg[cnt]);
						members[cnt++] = k;
						den += g[k] * g[k] / var[k];
					}
					if (cnt < 2) continue;
					double m = mean[gi];
					Arrays.fill(u, 0);
					if (!covariancePass) for (int q = 0; q < cnt; q++) {
						int k = members[q];
						double w = 1 / var[k], f = w * (obs.intensity[k] - 2 * m * g[k]);
						for (int i = 0; i < np; i++) u[i] += f * dg[q][i];
					}
					for (int i = 0; i < np; i++) u[i] /= den;
					for (int q = 0; q < cnt; q++) {
						int k = members[q];
						double w = 1 / var[k], r = obs.intensity[k] - g[k] * m;
						for (int i = 0; i < np; i++) d[i] = dg[q][i] * m + g[k] * u[i];
						for (int i = 0; i < np; i++) {
							double wdi = w * d[i];
							if (wdi == 0) continue;
							rhs[i] += wdi * r;
							int off = i * np;
							for (int j = i; j < np; j++) A[off + j] += wdi * d[j];
						}
					}
				}
				for (int i = 0; i < np; i++) for (int j = 0; j < i; j++) A[i * np + j] = A[j * np + i];
				for (int j = 0; j < nb; j++) { A[(ns + j) * np + ns + j] += p.decayRestraint(); rhs[ns + j] -= p.decayRestraint() * b[j]; }
				for (int j = 0; j < na; j++) { int q = ns + nb + j; A[q * np + q] += surfaceWeight; rhs[q] -= surfaceWeight * a[j]; }
				// free parameters: all but the first scale parameter (fixed, as DIALS's fix_initial)
				SimpleMatrix Af = new SimpleMatrix(np - 1, np - 1), bf = new SimpleMatrix(np - 1, 1);
				for (int i = 1; i < np; i++) {
					bf.set(i - 1, 0, rhs[i]);
					for (int j = 1; j < np; j++) Af.set(i - 1, j - 1, A[i * np + j]);
				}
				if (covariancePass) { cov = Af.invert(); break; }
				SimpleMatrix delta = Af.solve(bf);
				double maxShift = 0;
				for (int i = 1; i < np; i++) {
					double dv = delta.get(i - 1, 0);
					if (i < ns) { c[i] += dv; maxShift = Math.max(maxShift, Math.abs(dv)); }
					else if (i < ns + nb) { b[i - ns] += dv; maxShift = Math.max(maxShift, Math.abs(dv) / 10); }
					else { a[i - ns - nb] += dv; maxShift = Math.max(maxShift, Math.abs(dv)); }
				}
				iterations = it + 1;
				if (maxShift < 1e-5) break;
			}
			if (covariancePass) break;
			log.accept(String.format(Locale.ROOT, "Cycle %d: %d Gauss-Newton iterations", cycle + 1, iterations));
			model(c, b, a, ws, wb, inv2d2, ylm, na, g);
			if (cycle == 0) {
				double imid = combineIntensities(copy, obs, g, p.intensityChoice(), log);
				if (!Double.isNaN(imid)) {
					combinedImid = imid;
					System.arraycopy(obs.variance, 0, var, 0, n);
				}
			}
			if (p.errorModel()) {
				double[] ab = fitErrorModel(groups, obs, g, out);
				ea = ab[0]; eb = ab[1];
				for (int k = 0; k < n; k++) var[k] = ea * ea * (obs.variance[k] + eb * eb * obs.intensity[k] * obs.intensity[k]);
				log.accept(String.format(Locale.ROOT, "Cycle %d: error model a = %.5f, b = %.5f", cycle + 1, ea, eb));
			}
			int nOut = rejectOutliers(groups, obs, g, var, out, p.outlierZmax());
			log.accept(String.format(Locale.ROOT, "Cycle %d: %d outliers (|z| > %.1f)", cycle + 1, nOut, p.outlierZmax()));
		}
		model(c, b, a, ws, wb, inv2d2, ylm, na, g);
		// output table
		ReflectionTable r = t.select(allRows(t.size()));
		double[] isf = new double[t.size()], isfVar = new double[t.size()], iv = new double[t.size()], vv = new double[t.size()];
		Arrays.fill(isf, 1.0);
		long[] flags = r.has(Columns.FLAGS) ? r.get(Columns.FLAGS).clone() : new long[t.size()];
		for (int row = 0; row < flags.length; row++) flags[row] = (flags[row] & ~ReflectionFlag.SCALED.mask()) | ReflectionFlag.EXCLUDED_FOR_SCALING.mask();
		int nOutliers = 0;
		double[] cv = new double[(np - 1) * (np - 1)];
		if (cov != null) for (int i = 0; i < np - 1; i++) for (int j = 0; j < np - 1; j++) cv[i * (np - 1) + j] = cov.get(i, j);
		for (int k = 0; k < n; k++) {
			int row = obs.sourceRow[k];
			isf[row] = g[k];
			derivatives(k, c, b, a, ws, wb, inv2d2, ylm, na, g, d);
			double v = 0;
			if (cov != null) for (int i = 1; i < np; i++) {
				if (d[i] == 0) continue;
				for (int j = 1; j < np; j++) v += d[i] * cv[(i - 1) * (np - 1) + j - 1] * d[j];
			}
			isfVar[row] = Math.max(v, 0);
			iv[row] = obs.intensity[k];
			vv[row] = var[k];
			flags[row] &= ~ReflectionFlag.EXCLUDED_FOR_SCALING.mask();
			flags[row] |= ReflectionFlag.SCALED.mask();
			if (out[k]) { flags[row] |= ReflectionFlag.OUTLIER_IN_SCALING.mask(); nOutliers++; }
		}
		r.put(Columns.INVERSE_SCALE_FACTOR, isf);
		r.put(ScaledIntensities.INVERSE_SCALE_FACTOR_VARIANCE, isfVar);
		r.put(ScaledIntensities.INTENSITY_SCALE_VALUE, iv);
		r.put(ScaledIntensities.INTENSITY_SCALE_VARIANCE, vv);
		r.put(Columns.FLAGS, flags);
		double[] esd = new double[np];
		if (cov != null) for (int i = 1; i < np; i++) esd[i] = Math.sqrt(Math.max(0, cov.get(i - 1, i - 1)));
		PhysicalModel pm = new PhysicalModel(c, Arrays.copyOfRange(esd, 0, ns), sIn[1], sIn[2], b, Arrays.copyOfRange(esd, ns, ns + nb), dIn[1], dIn[2],
				absorption ? a : null, absorption ? Arrays.copyOfRange(esd, ns + nb, np) : null, lmax, surfaceWeight, range, scan.imageRange(),
				new double[] { ea, eb }, combinedImid);
		ExperimentList el = experiments.with(0, e.withScalingModel(pm.toDials()));
		return new Result(el, r, ea, eb, pm.scaleParameterPhi(), c, pm.decayParameterPhi(), b, nOutliers, n, obs, pm);
	}

	/**
	 * DIALS's profile/summation intensity choice ({@code combine_intensities.py}): candidates Imid = 0 (profile
	 * only), 1 (summation only), max(10, ⟨I_sum⟩), and max(I_sum)/10 divided by 10 until below the mean; each gives
	 * I = w·I_prf + (1 − w)·I_sum/p, V = w·V_prf + (1 − w)·V_sum/p² with w = 1/(1 + (I_sum/p / Imid)³) (w = 1 for
	 * I_sum ≤ 0), lp/qe applied; the candidate with the lowest R_meas of the currently scaled observations with
	 * I/σ &gt; 1 wins (or the forced choice). Overwrites {@code obs.intensity}/{@code obs.variance}.
	 * @return the Imid used (0 profile, 1 summation), NaN if nothing changed (no summation or profile intensities)
	 */
	static double combineIntensities(ReflectionTable t, Observations obs, double[] g, ScalingParameters.IntensityChoice choice, Consumer<String> log) {
		if (!t.has(Columns.INTENSITY_PRF_VALUE) || !t.has(Columns.INTENSITY_SUM_VALUE) || !t.has(Columns.INTENSITY_PRF_VARIANCE) || !t.has(Columns.INTENSITY_SUM_VARIANCE)) return Double.NaN;
		double[] ip = t.get(Columns.INTENSITY_PRF_VALUE), vp = t.get(Columns.INTENSITY_PRF_VARIANCE), is = t.get(Columns.INTENSITY_SUM_VALUE), vs = t.get(Columns.INTENSITY_SUM_VARIANCE);
		double[] part = t.has(Columns.PARTIALITY) ? t.get(Columns.PARTIALITY) : null, lp = t.has(Columns.LP) ? t.get(Columns.LP) : null, qe = t.has(Columns.QE) ? t.get(Columns.QE) : null;
		int n = obs.size();
		double[] rawSum = new double[n], rawSumV = new double[n], corr = new double[n];
		double mean = 0, max = Double.NEGATIVE_INFINITY;
		for (int k = 0; k < n; k++) {
			int r = obs.sourceRow[k];
			double pr = part == null || !(part[r] > 0) ? 1 : part[r];
			rawSum[k] = is[r] / pr;
			rawSumV[k] = vs[r] / (pr * pr);
			corr[k] = (lp == null ? 1 : lp[r]) / (qe == null ? 1 : qe[r]);
			mean += rawSum[k];
			max = Math.max(max, rawSum[k]);
		}
		mean /= n;
		List<Double> imids = new ArrayList<>();
		switch (choice) {
			case PROFILE -> imids.add(0.0);
			case SUM -> imids.add(1.0);
			case COMBINE -> {
				double avg = Math.max(10, mean), im = max / 10;
				imids.add(0.0); imids.add(1.0); imids.add(avg); imids.add(im);
				while (im > avg) { im /= 10; imids.add(im); }
			}
		}
		double bestImid = imids.get(0), best = Double.POSITIVE_INFINITY;
		double[] ci = new double[n], cv = new double[n];
		if (imids.size() > 1) {
			log.accept("");
			log.accept("Combination        Rmeas");
			for (double imid : imids) {
				combined(imid, obs, ip, vp, rawSum, rawSumV, corr, ci, cv);
				double rmeas = rMeas(obs, ci, cv, g);
				log.accept(String.format(Locale.ROOT, "%-17s %.5f", imid == 0 ? "prf only" : imid == 1 ? "sum only" : String.format(Locale.ROOT, "Imid = %.2f", imid), rmeas));
				if (rmeas >= 0 && rmeas < best) { best = rmeas; bestImid = imid; }
			}
		}
		combined(bestImid, obs, ip, vp, rawSum, rawSumV, corr, ci, cv);
		int bad = 0;
		for (int k = 0; k < n; k++) {
			if (!(cv[k] > 0) || !Double.isFinite(ci[k])) { bad++; continue; } // keep the profile values
			obs.intensity[k] = ci[k];
			obs.variance[k] = cv[k];
		}
		log.accept(bestImid == 0 ? "Profile intensities determined to be best for scaling." : bestImid == 1 ? "Summation intensities determined to be best for scaling."
				: String.format(Locale.ROOT, "Combined intensities with Imid = %.2f determined to be best for scaling.", bestImid));
		if (bad > 0) log.accept(bad + " reflections without a usable combined intensity keep their profile intensity");
		return bestImid;
	}

	private static void combined(double imid, Observations obs, double[] ip, double[] vp, double[] rawSum, double[] rawSumV, double[] corr, double[] ci, double[] cv) {
		for (int k = 0; k < obs.size(); k++) {
			int r = obs.sourceRow[k];
			double w = imid == 0 ? 1 : imid == 1 ? 0 : rawSum[k] <= 0 ? 1 : 1 / (1 + Math.pow(rawSum[k] / imid, 3));
			ci[k] = (w * ip[r] + (1 - w) * rawSum[k]) * corr[k];
			cv[k] = (w * vp[r] + (1 - w) * rawSumV[k]) * corr[k] * corr[k];
		}
	}

	/** R_meas of I/g over unique reflections (observations with σ &gt; 0 and I/σ &gt; 1, inverse-variance weighted means); −1 if none. */
	private static double rMeas(Observations o, double[] ci, double[] cv, double[] g) {
		double num = 0, den = 0;
		for (int gi = 0; gi < o.numGroups(); gi++) {
			double sw = 0, swi = 0;
			int cnt = 0;
			for (int k = o.groupStart[gi]; k < o.groupStart[gi + 1]; k++) {
				if (!(cv[k] > 0) || ci[k] / Math.sqrt(cv[k]) <= 1) continue;
				double i = ci[k] / g[k], w = g[k] * g[k] / cv[k];
				sw += w; swi += w * i; cnt++;
			}
			if (cnt < 2) continue;
			double m = swi / sw, s = 0;
			for (int k = o.groupStart[gi]; k < o.groupStart[gi + 1]; k++) {
				if (!(cv[k] > 0) || ci[k] / Math.sqrt(cv[k]) <= 1) continue;
				double i = ci[k] / g[k];
				s += Math.abs(i - m);
				den += i;
			}
			num += Math.sqrt((double) cnt / (cnt - 1)) * s;
		}
		return den > 0 ? num / den : -1;
	}

	/** Spacing of DIALS's smoother over normalised values 0..max: max(ceil(max), 1) / intervals. */
	private static double smootherSpacing(double max, int nValues) {
		double r = Math.max(Math.ceil(Math.round(max * 1e10) / 1e10), 1);
		return r / Smoother1D.numIntervals(nValues);
	}

	/** Groups of observations scaled to one ⟨I_h⟩: unique reflections, split into I(+)/I(−) when anomalous. */
	static final class Groups {
		final int[] order, start, groupOf;

		Groups(Observations o, boolean anomalous) {
			int n = o.size();
			order = new int[n];
			groupOf = new int[n];
			int[] st = new int[2 * o.numGroups() + 1];
			int ng = 0, pos = 0;
			for (int gi = 0; gi < o.numGroups(); gi++) {
				int a = o.groupStart[gi], e = o.groupStart[gi + 1];
				for (int pass = 0; pass < (anomalous ? 2 : 1); pass++) {
					int before = pos;
					for (int k = a; k < e; k++) if (!anomalous || o.plus[k] == (pass == 0)) { order[pos++] = k; groupOf[k] = ng; }
					if (pos > before) st[ng++] = before;
				}
			}
			st[ng] = n;
			start = Arrays.copyOf(st, ng + 1);
		}

		int count() { return start.length - 1; }
		int size(int g) { return start[g + 1] - start[g]; }
	}

	/**
	 * Sums partial reflections sharing a {@code partial_id} (intensities, variances and partialities of prf and
	 * sum) into the first row of each set and removes the others (id set to −1), as DIALS's
	 * {@code combine_partial_reflections}. Returns the number of rows merged away.
	 */
	static int combinePartials(ReflectionTable t) {
		if (!t.has("partial_id")) return 0;
		Object raw = t.getRaw("partial_id");
		long[] pid;
		if (raw instanceof int[] a) { pid = new long[a.length]; for (int i = 0; i < a.length; i++) pid[i] = a[i]; }
		else if (raw instanceof long[] a) pid = a;
		else if (raw instanceof double[] a) { pid = new long[a.length]; for (int i = 0; i < a.length; i++) pid[i] = (long) a[i]; }
		else return 0;
		int[] id = t.has(Columns.ID) ? t.get(Columns.ID) : null;
		if (id == null) { id = new int[t.size()]; t.put(Columns.ID, id); }
		java.util.Map<Long, Integer> first = new java.util.HashMap<>();
		int merged = 0;
		double[][] cols = new double[5][];
		String[] names = { "intensity.prf.value", "intensity.prf.variance", "intensity.sum.value", "intensity.sum.variance", "partiality" };
		for (int c = 0; c < 5; c++) cols[c] = t.has(names[c]) && t.getRaw(names[c]) instanceof double[] d ? d : null;
		for (int r = 0; r < pid.length; r++) {
			if (id[r] < 0) continue;
			Integer f = first.putIfAbsent(pid[r], r);
			if (f == null) continue;
			for (double[] col : cols) if (col != null) col[f] += col[r];
			id[r] = -1;
			merged++;
		}
		return merged;
	}

	private static int[] allRows(int n) { int[] r = new int[n]; for (int i = 0; i < n; i++) r[i] = i; return r; }

	private static double dot(double[] w, double[] c) { double s = 0; for (int j = 0; j < w.length; j++) s += w[j] * c[j]; return s; }

	private static double absorption(double[] a, double[] ylm, int na, int k) {
		double s = 1;
		for (int j = 0; j < na; j++) s += a[j] * ylm[k * na + j];
		return s;
	}

	private static void model(double[] c, double[] b, double[] a, double[][] ws, double[][] wb, double[] inv2d2, double[] ylm, int na, double[] g) {
		for (int k = 0; k < g.length; k++) {
			g[k] = dot(ws[k], c) * Math.exp(dot(wb[k], b) * inv2d2[k]);
			if (na > 0) g[k] *= absorption(a, ylm, na, k);
		}
	}

	/** dg/dp of observation k into d (scale, decay, absorption parameters in that order). */
	private static void derivatives(int k, double[] c, double[] b, double[] a, double[][] ws, double[][] wb, double[] inv2d2, double[] ylm, int na, double[] g,
			double[] d) {
		int ns = c.length, nb = b.length;
		double ex = g[k] / dot(ws[k], c);
		for (int j = 0; j < ns; j++) d[j] = ws[k][j] * ex;
		for (int j = 0; j < nb; j++) d[ns + j] = g[k] * wb[k][j] * inv2d2[k];
		if (na > 0) {
			double ga = g[k] / absorption(a, ylm, na, k);
			for (int j = 0; j < na; j++) d[ns + nb + j] = ga * ylm[k * na + j];
		}
	}

	private static double[] groupMeans(Groups gr, Observations o, double[] g, double[] var, boolean[] out) {
		double[] m = new double[gr.count()];
		for (int gi = 0; gi < m.length; gi++) {
			double num = 0, den = 0;
			for (int q = gr.start[gi]; q < gr.start[gi + 1]; q++) {
				int k = gr.order[q];
				if (out[k]) continue;
				double w = 1 / var[k];
				num += w * g[k] * o.intensity[k];
				den += w * g[k] * g[k];
			}
			m[gi] = den > 0 ? num / den : Double.NaN;
		}
		return m;
	}

	/** Basic error model: a, b such that the normalised deviations have unit variance in 10 bins of ⟨I⟩. */
	static double[] fitErrorModel(Groups gr, Observations o, double[] g, boolean[] out) {
		List<double[]> pts = new ArrayList<>(); // {Ih, I/g, sigma/g, n}
		for (int gi = 0; gi < gr.count(); gi++) {
			int n = 0;
			double num = 0, den = 0;
			for (int q = gr.start[gi]; q < gr.start[gi + 1]; q++) {
				int k = gr.order[q];
				if (!out[k]) { n++; double w = g[k] * g[k] / o.variance[k]; num += w * o.intensity[k] / g[k]; den += w; }
			}
			if (n < 2) continue;
			double mean = num / den;
			for (int q = gr.start[gi]; q < gr.start[gi + 1]; q++) {
				int k = gr.order[q];
				if (!out[k]) pts.add(new double[] { mean, o.intensity[k] / g[k], Math.sqrt(o.variance[k]) / g[k], n, o.intensity[k] });
			}
		}
		if (pts.size() < 100) return new double[] { 1, 0 };
		pts.sort((x, y) -> Double.compare(x[0], y[0]));
		int nBins = 10;
		double bestB = 0, bestA = 1, best = Double.POSITIVE_INFINITY;
		for (int ib = 0; ib <= 600; ib++) { // b in [0, 0.3]
			double bb = 0.0005 * ib;
			double[] v = new double[nBins];
			for (int bin = 0; bin < nBins; bin++) {
				int from = bin * pts.size() / nBins, to = (bin + 1) * pts.size() / nBins;
				double s = 0;
				for (int j = from; j < to; j++) {
					double[] q = pts.get(j);
					double sig2 = q[2] * q[2] + bb * bb * q[1] * q[1];
					double dlt = (q[3] - 1) / q[3] * (q[1] - q[0]) * (q[1] - q[0]) / sig2;
					s += dlt;
				}
				v[bin] = s / (to - from);
			}
			double sv = 0, sv2 = 0;
			for (double x : v) { sv += x; sv2 += x * x; }
			double u = sv / sv2; // 1/a²
			double cost = 0;
			for (double x : v) cost += (x * u - 1) * (x * u - 1);
			if (cost < best) { best = cost; bestB = bb; bestA = Math.sqrt(1 / u); }
		}
		return new double[] { bestA, bestB };
	}

	/** Marks observations whose normalised deviation from the weighted mean of the others exceeds zmax; returns the count. */
	static int rejectOutliers(Groups gr, Observations o, double[] g, double[] var, boolean[] out, double zmax) {
		int count = 0;
		for (int gi = 0; gi < gr.count(); gi++) {
			int a = gr.start[gi], e = gr.start[gi + 1];
			while (true) {
				double sumN = 0, sumD = 0;
				int n = 0;
				for (int q = a; q < e; q++) { int k = gr.order[q]; if (!out[k]) { double w = 1 / var[k]; sumN += w * g[k] * o.intensity[k]; sumD += w * g[k] * g[k]; n++; } }
				if (n < 2) break;
				int worst = -1;
				double worstZ = zmax;
				for (int q = a; q < e; q++) {
					int k = gr.order[q];
					if (out[k]) continue;
					double w = 1 / var[k];
					double num = sumN - w * g[k] * o.intensity[k], den = sumD - w * g[k] * g[k];
					if (den <= 0) continue;
					double mo = num / den, z = Math.abs(o.intensity[k] - g[k] * mo) / Math.sqrt(var[k] + g[k] * g[k] / den);
					if (z > worstZ) { worstZ = z; worst = k; }
				}
				if (worst < 0) break;
				out[worst] = true;
				count++;
			}
		}
		return count;
	}
}
