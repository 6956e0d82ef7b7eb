package org.bragg.integration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.bragg.integration.internal.Erf;
import org.bragg.integration.internal.KabschFrame;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.reflection.Shoebox;
import org.bragg.model.reflection.ShoeboxMask;
import org.bragg.refinement.Predictor;

/**
 * The Gaussian reciprocal-space profile model ({@code gaussian_rs}) of Kabsch (2010, Acta Cryst. D66, 133–144) as
 * used by DIALS (Winter et al. 2018, Acta Cryst. D74, 85–97): a spot is a Gaussian of standard deviation σ_b (beam
 * divergence) in the (ε1, ε2) plane and σ_m (mosaicity, reflecting range) along ε3.
 *
 * @param nSigma    the bounding-box half-width in standard deviations (3)
 * @param sigmaBDeg σ_b in degrees
 * @param sigmaMDeg σ_m in degrees
 * @since 0.1
 */
public record ProfileModel(double nSigma, double sigmaBDeg, double sigmaMDeg) {

	public ProfileModel {
		if (!(nSigma > 0) || !(sigmaBDeg > 0) || !(sigmaMDeg > 0))
			throw new IllegalArgumentException("profile model needs positive n_sigma, sigma_b, sigma_m; found " + nSigma + ", " + sigmaBDeg + ", " + sigmaMDeg);
	}

	/** @return σ_b in radians */
	public double sigmaB() { return Math.toRadians(sigmaBDeg); }

	/** @return σ_m in radians */
	public double sigmaM() { return Math.toRadians(sigmaMDeg); }

	/** @return the experiment {@code profile} entry DIALS writes: {@code {"__id__":"gaussian_rs", n_sigma, sigma_b, sigma_m}} (degrees) */
	public Map<String, Object> toProfileMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("__id__", "gaussian_rs");
		m.put("n_sigma", nSigma);
		m.put("sigma_b", sigmaBDeg);
		m.put("sigma_m", sigmaMDeg);
		return m;
	}

	/** @return the model stored in an experiment's {@code profile} map, or null if there is none */
	public static ProfileModel fromExperiment(Experiment e) {
		Map<String, Object> p = e.profile();
		if (p == null || !"gaussian_rs".equals(p.get("__id__"))) return null;
		return new ProfileModel(((Number) p.get("n_sigma")).doubleValue(), ((Number) p.get("sigma_b")).doubleValue(),
				((Number) p.get("sigma_m")).doubleValue());
	}

	/**
	 * Estimates σ_b and σ_m of one rotation experiment from its strong, indexed reflections with shoeboxes, as
	 * DIALS {@code ProfileModelCalculator}:
	 * <ul>
	 * <li>σ_b (ComputeEsdBeamDivergence, centroid definition s1): for each spot, var = Σc·θ²/(Σc − 1) over the
	 * shoebox pixels with a non-zero mask, θ the angle between the pixel-centre beam vector and the predicted s1;
	 * σ_b = √(mean var).</li>
	 * <li>σ_m (ExtendedEstimator): maximum likelihood over per-frame foreground counts n_jk with expected
	 * fractions z_jk = ½[erf(|ζ|(τ+Δφ/2)/√2σ_m) − erf(|ζ|(τ−Δφ/2)/√2σ_m)], maximising
	 * Σ_j[Σ_k n_jk log z_jk − K_j log Σz_j + log Σz_j] over log σ_m (golden-section search in place of DIALS's
	 * simplex; same optimum).</li>
	 * </ul>
	 *
	 * @param experiments the experiments
	 * @param iExp        index of the experiment to model
	 * @param reference   reflections with {@code shoebox} (data and mask), {@code miller_index}, {@code id},
	 *                    {@code xyzobs.*}; those of experiment {@code iExp}, indexed, not unindexed/outliers, are used
	 * @param nSigma      n_σ to store in the model
	 * @return the model
	 * @throws IllegalArgumentException if fewer than 10 usable reflections with shoeboxes remain
	 */
	public static ProfileModel estimate(ExperimentList experiments, int iExp, ReflectionTable reference, double nSigma) {
		Experiment e = experiments.get(iExp);
		if (!reference.has(Columns.SHOEBOX)) throw new IllegalArgumentException("reference reflections have no shoebox column");
		ReflectionTable t = Predictor.predictObserved(experiments, reference);
		int n = t.size();
		int[] id = t.get(Columns.ID);
		long[] flags = t.get(Columns.FLAGS);
		int[] hkl = t.get(Columns.MILLER_INDEX);
		Shoebox[] sb = t.get(Columns.SHOEBOX);
		double[] s1 = t.get(Columns.S1);
		double[] cal = t.get(Columns.XYZCAL_MM);
		Scan scan = e.scan();
		double[] s0 = e.beam().s0().toArray();
		double[] m2 = e.goniometer().settingRotation().times(e.goniometer().rotationAxis()).normalize().toArray();
		double dphi = Math.toRadians(scan.oscillation()[1]);
		long bad = ReflectionFlag.BAD_FOR_REFINEMENT;
		double sumVar = 0;
		int nVar = 0;
		// σ_m data
		List<double[]> tauList = new ArrayList<>(), numList = new ArrayList<>();
		List<Double> zetaList = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (id[i] != iExp || (flags[i] & bad) != 0 || !ReflectionFlag.PREDICTED.isSet(flags[i])) continue;
			if (hkl[3 * i] == 0 && hkl[3 * i + 1] == 0 && hkl[3 * i + 2] == 0) continue;
			Shoebox s = sb[i];
			if (s == null || !s.hasData() || s.mask() == null) continue;
			Panel p = e.detector().panel(s.panel());
			Vec3 s1v = new Vec3(s1[3 * i], s1[3 * i + 1], s1[3 * i + 2]);
			int[] b = s.bbox();
			int nx = s.xSize(), ny = s.ySize(), nz = s.zSize();
			double var = beamDivergenceVariance(p, s, s1v);
			if (!Double.isNaN(var)) {
				sumVar += var;
				nVar++;
			}
			KabschFrame cs = new KabschFrame(m2, s0, s1v.toArray(), cal[3 * i + 2]);
			double[] tau = new double[nz], num = new double[nz];
			int m = 0;
			int code = ShoeboxMask.VALID | ShoeboxMask.FOREGROUND;
			for (int z = 0; z < nz; z++) {
				double d = 0;
				for (int k = z * nx * ny; k < (z + 1) * nx * ny; k++) if (s.mask()[k] == code) d += s.data()[k];
				if (d > 0) {
					double phi0 = Math.toRadians(scan.angleFromArrayIndex(b[4] + z)), phi1 = Math.toRadians(scan.angleFromArrayIndex(b[4] + z + 1));
					tau[m] = 0.5 * (phi0 + phi1) - cal[3 * i + 2];
					num[m++] = d;
				}
			}
			if (m > 0) {
				tauList.add(Arrays.copyOf(tau, m));
				numList.add(Arrays.copyOf(num, m));
				zetaList.add(Math.abs(cs.zeta));
			}
		}
		if (nVar < 10 || tauList.size() < 10)
			throw new IllegalArgumentException("too few reference reflections with shoeboxes to estimate the profile model: " + nVar);
		double sigmaB = Math.sqrt(sumVar / nVar);
		double sigmaM = estimateSigmaM(tauList, numList, zetaList, dphi);
		return new ProfileModel(nSigma, Math.toDegrees(sigmaB), Math.toDegrees(sigmaM));
	}

	private static double estimateSigmaM(List<double[]> tau, List<double[]> num, List<Double> zeta, double dphi) {
		int nr = tau.size();
		double[][] e1 = new double[nr][], e2 = new double[nr][];
		for (int j = 0; j < nr; j++) {
			double[] t = tau.get(j);
			e1[j] = new double[t.length];
			e2[j] = new double[t.length];
			for (int k = 0; k < t.length; k++) {
				e1[j][k] = (t[k] + dphi / 2) * zeta.get(j) / Math.sqrt(2);
				e2[j][k] = (t[k] - dphi / 2) * zeta.get(j) / Math.sqrt(2);
			}
		}
		DoubleUnaryOperator negL = ls -> {
			double sm = Math.exp(ls), l = 0;
			for (int j = 0; j < nr; j++) {
				double[] nj = num.get(j);
				double kj = 0, zs = 0, a = 0;
				for (int k = 0; k < nj.length; k++) {
					double z = Math.max(1e-10, 0.5 * (Erf.erf(e1[j][k] / sm) - Erf.erf(e2[j][k] / sm)));
					kj += nj[k];
					zs += z;
					a += nj[k] * Math.log(z);
				}
				double logZ = Math.log(zs);
				l += a - kj * logZ + logZ;
			}
			return -l;
		};
		// golden-section search on log σ_m between 0.005° and 5°
		double lo = Math.log(Math.toRadians(0.005)), hi = Math.log(Math.toRadians(5));
		// coarse scan to bracket the global minimum
		int ng = 60;
		double best = Double.POSITIVE_INFINITY;
		int ib = 0;
		for (int g = 0; g <= ng; g++) {
			double v = negL.applyAsDouble(lo + (hi - lo) * g / ng);
			if (v < best) {
				best = v;
				ib = g;
			}
		}
		double a = lo + (hi - lo) * Math.max(0, ib - 1) / ng, b = lo + (hi - lo) * Math.min(ng, ib + 1) / ng;
		double gr = (Math.sqrt(5) - 1) / 2;
		double c = b - gr * (b - a), d = a + gr * (b - a);
		double fc = negL.applyAsDouble(c), fd = negL.applyAsDouble(d);
		while (b - a > 1e-5) {
			if (fc < fd) {
				b = d;
				d = c;
				fd = fc;
				c = b - gr * (b - a);
				fc = negL.applyAsDouble(c);
			} else {
				a = c;
				c = d;
				fc = fd;
				d = a + gr * (b - a);
				fd = negL.applyAsDouble(d);
			}
		}
		return Math.exp(0.5 * (a + b));
	}

	/**
	 * One reflection's term of DIALS's ComputeEsdBeamDivergence: Σ c·θ² / (Σ c − 1) over the shoebox's
	 * masked-in pixels, θ the angle (rad) between the pixel centre's lab direction and s1.
	 *
	 * @return the variance term in rad², or NaN if the counts sum to ≤ 1
	 */
	static double beamDivergenceVariance(Panel p, Shoebox s, Vec3 s1) {
		int[] b = s.bbox();
		int nx = s.xSize(), ny = s.ySize(), nz = s.zSize();
		double sc = 0, scth = 0;
		for (int y = 0; y < ny; y++)
			for (int x = 0; x < nx; x++) {
				Vec3 lab = null;
				for (int z = 0; z < nz; z++) {
					int k = s.index(x, y, z);
					if (s.mask()[k] == 0) continue;
					if (lab == null) lab = p.pixelToLab(b[0] + x + 0.5, b[2] + y + 0.5);
					double th = lab.angle(s1);
					sc += s.data()[k];
					scth += s.data()[k] * th * th;
				}
			}
		return sc > 1 ? scth / (sc - 1) : Double.NaN;
	}
}
