package org.bragg.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;

/**
 * Merging statistics in resolution shells as {@code iotbx.merging_statistics} computes them for
 * {@code dials.scale} and {@code dials.merge} (DIALS 3.12). Definitions (n_h multiplicity, ⟨I_h⟩ the
 * inverse-variance weighted mean; sums over unique reflections with n_h &gt; 1):
 * <ul>
 * <li>R_merge = ΣΣ|I − ⟨I⟩| / ΣΣ I; R_meas weights each h by √(n/(n−1)); R_pim by √(1/(n−1));
 * the (I+/−) variants treat Bijvoet mates as different reflections;</li>
 * <li>CC½ by a random half-dataset split (seeded, weighted half means, Pearson CC) — the value DIALS
 * prints — and by σ-τ (Assmann et al. 2016, J. Appl. Cryst. 49, 1021): var_e = 2·mean(s²_h/n_h),
 * CC½ = (var_y − var_e/2)/(var_y + var_e/2); CC* = √(2CC½/(1+CC½)) (Karplus &amp; Diederichs 2012);
 * a shell's CC½ is significant when it exceeds the one-sided Student-t critical value at p = 0.01;</li>
 * <li>completeness against the complete set of the space group (systematic absences excluded) for the
 * shell's d range and the cell; anomalous completeness = acentric unique with both Bijvoet mates
 * measured / acentric possible; anomalous multiplicity = mean observations per measured Bijvoet half
 * (acentric); CC_ano = half-set CC of ΔI = I(+) − I(−); R_anom = Σ|I(+) − I(−)| / Σ (I(+) + I(−))/… (iotbx form:
 * Σ|ΔI| / Σ ½(I(+)+I(−)));</li>
 * <li>⟨I/σ⟩ = mean of merged I/σ(I); ⟨I⟩ = mean merged I.</li>
 * </ul>
 * Shells: {@code nBins} shells of equal reciprocal-space volume between d* = 0 and 1/d_min (as the cctbx
 * binner DIALS uses), the first one starting at the data's d_max.
 *
 * @since 0.1
 */
public final class MergingStatistics {
	/** Statistics of one shell (or of all data). d in Å. @since 0.1 */
	public record Shell(double dMax, double dMin, int nObs, int nUnique, int nPossible, double multiplicity, double completeness,
			double meanI, double meanIOverSigma, double rMerge, double rMeas, double rPim, double rMergePM, double rMeasPM, double rPimPM,
			double ccHalf, double ccHalfSigmaTau, int ccHalfN, boolean ccHalfSignificant, double ccAnom, int ccAnomN, boolean ccAnomSignificant,
			double rAnom, double anomCompleteness, double anomMultiplicity, double anomSlope, double anomSignal, double dIOverSigDI) {
		/** CC* = √(2CC½/(1+CC½)), 0 for CC½ ≤ 0. */
		public double ccStar() { return ccHalf <= 0 ? 0 : Math.sqrt(2 * ccHalf / (1 + ccHalf)); }
	}

	private final List<Shell> shells;
	private final Shell overall;

	private MergingStatistics(List<Shell> shells, Shell overall) {
		this.shells = List.copyOf(shells);
		this.overall = overall;
	}

	/** The shells from low to high resolution. */
	public List<Shell> shells() { return shells; }
	/** All data. */
	public Shell overall() { return overall; }

	/** Statistics in DIALS's 20 equal-volume shells with the half-dataset seed 0. */
	public static MergingStatistics compute(Observations obs) { return compute(obs, 20, 0L); }

	/**
	 * Computes statistics.
	 * @param nBins number of shells (≥ 1)
	 * @param seed  seed of the random half-dataset split
	 * @throws IllegalArgumentException if there are no observations
	 */
	public static MergingStatistics compute(Observations obs, int nBins, long seed) {
		if (obs.numGroups() == 0) throw new IllegalArgumentException("no observations to compute merging statistics");
		double sMin = Double.POSITIVE_INFINITY, sMax = 0;
		for (double s : obs.dStarSq) { sMin = Math.min(sMin, s); sMax = Math.max(sMax, s); }
		CompleteSet cs = completeSet(obs.spaceGroup, obs.cell, 1 / Math.sqrt(sMax) * (1 - 1e-9), 1 / Math.sqrt(sMin) * (1 + 1e-9));
		double[] complete = cs.dStarSq();
		boolean[] completeCentric = cs.centric();
		// bin limits: shells of equal reciprocal volume from d* = 0 to d*max (cctbx binner), the first
		// shell's lower limit being the data's d_max
		double[] limits = new double[nBins + 1];
		double dStarMax3 = Math.pow(sMax, 1.5);
		limits[0] = sMin * (1 - 1e-9);
		limits[nBins] = sMax * (1 + 1e-9);
		for (int b = 1; b < nBins; b++) limits[b] = Math.max(limits[0], Math.pow((double) b / nBins * dStarMax3, 2.0 / 3.0));
		int ng = obs.numGroups();
		int[] groupBin = new int[ng];
		for (int g = 0; g < ng; g++) groupBin[g] = bin(limits, obs.dStarSq[obs.groupStart[g]]);
		int[] possible = new int[nBins], possibleAcentric = new int[nBins];
		for (int i = 0; i < complete.length; i++) {
			int b = bin(limits, complete[i]);
			if (b < 0) continue;
			possible[b]++;
			if (!completeCentric[i]) possibleAcentric[b]++;
		}
		Random rnd = new Random(seed);
		long[] groupSeeds = new long[ng];
		for (int g = 0; g < ng; g++) groupSeeds[g] = rnd.nextLong();
		List<Shell> shells = new ArrayList<>();
		for (int b = 0; b < nBins; b++) {
			final int bb = b;
			shells.add(shellStats(obs, g -> groupBin[g] == bb, groupSeeds, 1 / Math.sqrt(limits[b]), 1 / Math.sqrt(limits[b + 1]), possible[b], possibleAcentric[b]));
		}
		int totalPossible = Arrays.stream(possible).sum(), totalAc = Arrays.stream(possibleAcentric).sum();
		Shell all = shellStats(obs, g -> true, groupSeeds, 1 / Math.sqrt(sMin), 1 / Math.sqrt(sMax), totalPossible, totalAc);
		return new MergingStatistics(shells, all);
	}

	private static int bin(double[] limits, double s) {
		int n = limits.length - 1;
		if (s < limits[0] || s > limits[n]) return -1;
		for (int b = 0; b < n; b++) if (s <= limits[b + 1]) return b;
		return n - 1;
	}

	private record CompleteSet(double[] dStarSq, boolean[] centric) {}

	/**
	 * 1/d² (Å⁻²) of every unique reflection of the asymmetric unit (Friedel mates merged, systematic
	 * absences and 000 excluded) with dMin ≤ d ≤ dMax (Å).
	 */
	public static double[] completeSetDStarSq(SpaceGroup sg, UnitCell cell, double dMin, double dMax) {
		return completeSet(sg, cell, dMin, dMax).dStarSq();
	}

	private static CompleteSet completeSet(SpaceGroup sg, UnitCell cell, double dMin, double dMax) {
		int hm = (int) Math.ceil(cell.a() / dMin), km = (int) Math.ceil(cell.b() / dMin), lm = (int) Math.ceil(cell.c() / dMin);
		double sLo = 1 / (dMax * dMax), sHi = 1 / (dMin * dMin);
		double[] out = new double[1024];
		boolean[] cen = new boolean[1024];
		int n = 0;
		for (int h = -hm; h <= hm; h++) for (int k = -km; k <= km; k++) for (int l = -lm; l <= lm; l++) {
			if (h == 0 && k == 0 && l == 0) continue;
			double s = cell.dStarSq(h, k, l);
			if (s < sLo || s > sHi) continue;
			if (!sg.isInAsu(h, k, l)) continue;
			if (sg.isSysAbsent(h, k, l)) continue;
			if (n == out.length) { out = Arrays.copyOf(out, 2 * n); cen = Arrays.copyOf(cen, 2 * n); }
			cen[n] = sg.isCentric(h, k, l);
			out[n++] = s;
		}
		return new CompleteSet(Arrays.copyOf(out, n), Arrays.copyOf(cen, n));
	}

	private interface GroupFilter { boolean test(int g); }

	private static Shell shellStats(Observations o, GroupFilter f, long[] groupSeeds, double dMax, double dMin, int nPossible, int nPossibleAcentric) {
		int nObs = 0, nUniq = 0;
		double sumI = 0, sumIoS = 0;
		double numM = 0, numMeas = 0, numPim = 0, den = 0;
		double numMpm = 0, numMeasPm = 0, numPimPm = 0, denPm = 0;
		List<double[]> halves = new ArrayList<>();
		// sigma-tau
		List<Double> meansST = new ArrayList<>();
		double sumVarE = 0;
		// anomalous
		int nAnomPairs = 0, nAcentricHalves = 0, nAcentricHalfObs = 0;
		double anomNum = 0, anomDen = 0;
		List<double[]> anomHalves = new ArrayList<>();
		List<double[]> anomPairs = new ArrayList<>(); // {I+, sig+, I-, sig-}
		for (int g = 0; g < o.numGroups(); g++) {
			if (!f.test(g)) continue;
			int a = o.groupStart[g], b = o.groupStart[g + 1], n = b - a;
			nObs += n;
			nUniq++;
			double[] m = wmean(o, a, b, 0);
			sumI += m[0];
			sumIoS += m[0] / m[1];
			if (n > 1) {
				double s = 0, si = 0;
				for (int k = a; k < b; k++) { s += Math.abs(o.intensity[k] - m[0]); si += o.intensity[k]; }
				numM += s; numMeas += Math.sqrt((double) n / (n - 1)) * s; numPim += Math.sqrt(1.0 / (n - 1)) * s; den += si;
				// half split
				Random r = new Random(groupSeeds[g]);
				int[] idx = new int[n];
				for (int k = 0; k < n; k++) idx[k] = a + k;
				for (int k = n - 1; k > 0; k--) { int j = r.nextInt(k + 1); int t = idx[k]; idx[k] = idx[j]; idx[j] = t; }
				int h1 = n / 2 + (n % 2 == 1 && r.nextBoolean() ? 1 : 0);
				halves.add(new double[] { wmeanIdx(o, idx, 0, h1), wmeanIdx(o, idx, h1, n) });
				// sigma-tau (unit weights)
				double mu = 0;
				for (int k = a; k < b; k++) mu += o.intensity[k];
				mu /= n;
				double ss = 0;
				for (int k = a; k < b; k++) ss += (o.intensity[k] - mu) * (o.intensity[k] - mu);
				meansST.add(mu);
				sumVarE += ss / (n - 1) / n;
			}
			// anomalous (Bijvoet halves separate)
			int np = 0, nm = 0;
			for (int k = a; k < b; k++) if (o.plus[k]) np++; else nm++;
			for (int half = 0; half < 2; half++) {
				boolean want = half == 0;
				int cnt = want ? np : nm;
				if (cnt == 0) continue;
				int[] idx = new int[cnt];
				int c = 0;
				for (int k = a; k < b; k++) if (o.plus[k] == want) idx[c++] = k;
				double[] mh = wmeanIdxSig(o, idx);
				if (cnt > 1) {
					double s = 0, si = 0;
					for (int k : idx) { s += Math.abs(o.intensity[k] - mh[0]); si += o.intensity[k]; }
					numMpm += s; numMeasPm += Math.sqrt((double) cnt / (cnt - 1)) * s; numPimPm += Math.sqrt(1.0 / (cnt - 1)) * s; denPm += si;
				}
			}
			if (!o.centric[a]) {
				if (np > 0) { nAcentricHalves++; nAcentricHalfObs += np; }
				if (nm > 0) { nAcentricHalves++; nAcentricHalfObs += nm; }
				if (np > 0 && nm > 0) {
					nAnomPairs++;
					int[] ip = new int[np], im = new int[nm];
					int cp = 0, cm = 0;
					for (int k = a; k < b; k++) if (o.plus[k]) ip[cp++] = k; else im[cm++] = k;
					double[] mp = wmeanIdxSig(o, ip), mm = wmeanIdxSig(o, im);
					double Ip = mp[0], Im = mm[0];
					anomPairs.add(new double[] { Ip, mp[1], Im, mm[1] });
					anomNum += Math.abs(Ip - Im);
					anomDen += 0.5 * (Ip + Im);
					if (np > 1 && nm > 1) {
						Random r = new Random(groupSeeds[g] ^ 0x5DEECE66DL);
						shuffle(ip, r);
						shuffle(im, r);
						double p1 = wmeanIdx(o, ip, 0, np / 2), p2 = wmeanIdx(o, ip, np / 2, np);
						double m1 = wmeanIdx(o, im, 0, nm / 2), m2 = wmeanIdx(o, im, nm / 2, nm);
						anomHalves.add(new double[] { p1 - m1, p2 - m2 });
					}
				}
			}
		}
		double cc = pearson(halves);
		double ccST = 0;
		if (meansST.size() > 1) {
			double mu = meansST.stream().mapToDouble(Double::doubleValue).average().orElse(0), vy = 0;
			for (double v : meansST) vy += (v - mu) * (v - mu);
			vy /= meansST.size() - 1;
			double ve = 2 * sumVarE / meansST.size();
			ccST = (vy - 0.5 * ve) / (vy + 0.5 * ve);
		}
		double ccAno = pearson(anomHalves);
		double[] anom = anomalousSignal(anomPairs);
		return new Shell(dMax, dMin, nObs, nUniq, nPossible, nUniq == 0 ? 0 : (double) nObs / nUniq, nPossible == 0 ? 0 : (double) nUniq / nPossible,
				nUniq == 0 ? 0 : sumI / nUniq, nUniq == 0 ? 0 : sumIoS / nUniq, ratio(numM, den), ratio(numMeas, den), ratio(numPim, den),
				ratio(numMpm, denPm), ratio(numMeasPm, denPm), ratio(numPimPm, denPm), cc, ccST, halves.size(), significant(cc, halves.size()),
				ccAno, anomHalves.size(), significant(ccAno, anomHalves.size()), ratio(anomNum, anomDen),
				nPossibleAcentric == 0 ? 0 : (double) nAnomPairs / nPossibleAcentric, nAcentricHalves == 0 ? 0 : (double) nAcentricHalfObs / nAcentricHalves,
				anom[0], anom[1], anom[2]);
	}

	/**
	 * {slope, dF/F, dI/σ(dI)} of Bijvoet pairs {I+, σ+, I−, σ−} as cctbx computes them for iotbx's anomalous
	 * merging statistics: the slope of the normal probability plot of ΔI/σ(ΔI) (sorted, against the normal
	 * quantiles Φ⁻¹((i + ½)/n), fitted by least squares over the points with |quantile| &lt; 0.9); dF/F =
	 * √(2⟨(F+ − F−)²⟩ / ⟨F+² + F−²⟩) over pairs with both I &gt; 0, F = √I; dI/σ(dI) = ⟨|ΔI|⟩ / ⟨σ(ΔI)⟩ with
	 * σ(ΔI) = √(σ+² + σ−²). NaN where undefined (no pairs, or fewer than 2 points for the slope).
	 */
	static double[] anomalousSignal(List<double[]> pairs) {
		int n = pairs.size();
		double slope = Double.NaN, signal = Double.NaN, ratio = Double.NaN;
		if (n == 0) return new double[] { slope, signal, ratio };
		double[] y = new double[n];
		double sumAbs = 0, sumSig = 0;
		int nSig = 0;
		double sd2 = 0, ss2 = 0;
		int nPos = 0;
		for (int i = 0; i < n; i++) {
			double[] q = pairs.get(i);
			double d = q[0] - q[2], sd = Math.sqrt(q[1] * q[1] + q[3] * q[3]);
			y[i] = d / sd;
			if (sd > 0) { sumAbs += Math.abs(d); sumSig += sd; nSig++; }
			if (q[0] > 0 && q[2] > 0) {
				double fp = Math.sqrt(q[0]), fm = Math.sqrt(q[2]);
				sd2 += (fp - fm) * (fp - fm);
				ss2 += q[0] + q[2];
				nPos++;
			}
		}
		if (nSig > 0) ratio = sumAbs / sumSig;
		signal = nPos == 0 ? 0 : Math.sqrt(2 * (sd2 / nPos) / (ss2 / nPos));
		Arrays.sort(y);
		double sx = 0, sy = 0, sxx = 0, sxy = 0;
		int m = 0;
		for (int i = 0; i < n; i++) {
			double x = inverseNormal((i + 0.5) / n);
			if (!(Math.abs(x) < 0.9)) continue;
			sx += x; sy += y[i]; sxx += x * x; sxy += x * y[i]; m++;
		}
		double den = m * sxx - sx * sx;
		if (m >= 2 && den > 0) slope = (m * sxy - sx * sy) / den;
		return new double[] { slope, signal, ratio };
	}

	/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error &lt; 1.2e-9). */
	static double inverseNormal(double p) {
		if (p <= 0) return Double.NEGATIVE_INFINITY;
		if (p >= 1) return Double.POSITIVE_INFINITY;
		final double[] a = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 };
		final double[] b = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01 };
		final double[] c = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 };
		final double[] d = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00 };
		double x, q;
		if (p < 0.02425) {
			q = Math.sqrt(-2 * Math.log(p));
			x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
		} else if (p > 1 - 0.02425) {
			q = Math.sqrt(-2 * Math.log(1 - p));
			x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
		} else {
			q = p - 0.5;
			double r = q * q;
			x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
		}
		return x;
	}

	private static void shuffle(int[] a, Random r) {
		for (int k = a.length - 1; k > 0; k--) { int j = r.nextInt(k + 1); int t = a[k]; a[k] = a[j]; a[j] = t; }
	}

	private static double ratio(double a, double b) { return b == 0 ? 0 : a / b; }

	private static double[] wmean(Observations o, int a, int b, int unused) {
		double sw = 0, swi = 0;
		for (int k = a; k < b; k++) { double w = 1 / o.variance[k]; sw += w; swi += w * o.intensity[k]; }
		return new double[] { swi / sw, Math.sqrt(1 / sw) };
	}

	private static double wmeanIdx(Observations o, int[] idx, int from, int to) {
		double sw = 0, swi = 0;
		for (int k = from; k < to; k++) { double w = 1 / o.variance[idx[k]]; sw += w; swi += w * o.intensity[idx[k]]; }
		return swi / sw;
	}

	private static double[] wmeanIdxSig(Observations o, int[] idx) {
		double sw = 0, swi = 0;
		for (int k : idx) { double w = 1 / o.variance[k]; sw += w; swi += w * o.intensity[k]; }
		return new double[] { swi / sw, Math.sqrt(1 / sw) };
	}

	static double pearson(List<double[]> xy) {
		int n = xy.size();
		if (n < 2) return 0;
		double mx = 0, my = 0;
		for (double[] p : xy) { mx += p[0]; my += p[1]; }
		mx /= n; my /= n;
		double sxy = 0, sxx = 0, syy = 0;
		for (double[] p : xy) { sxy += (p[0] - mx) * (p[1] - my); sxx += (p[0] - mx) * (p[0] - mx); syy += (p[1] - my) * (p[1] - my); }
		return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
	}

	/** One-sided Student-t test of a Pearson r with n pairs at p = 0.01 (as iotbx's significance marks). */
	static boolean significant(double r, int n) {
		if (n <= 2 || r <= -1) return false;
		double t = StudentT.quantile(0.99, n - 2);
		return r > t / Math.sqrt(n - 2 + t * t);
	}

	/** The per-shell table as {@code dials.merge} prints it ("Merging statistics by resolution bin"). */
	public String formatShellTable() {
		StringBuilder sb = new StringBuilder();
		sb.append(" d_max  d_min   #obs  #uniq   mult.  %comp       <I>  <I/sI>    r_mrg   r_meas    r_pim   r_anom   cc1/2   cc_ano\n");
		for (Shell s : shells) sb.append(row(s)).append('\n');
		sb.append(row(overall)).append('\n');
		return sb.toString();
	}

	private static String row(Shell s) {
		return String.format(Locale.ROOT, "%6.2f %6.2f %6d %6d %7.2f %6.2f %9.1f %7.1f %8.3f %8.3f %8.3f %8.3f %7.3f%s %7.3f%s", s.dMax, s.dMin, s.nObs, s.nUnique,
				s.multiplicity, 100 * s.completeness, s.meanI, s.meanIOverSigma, s.rMerge, s.rMeas, s.rPim, s.rAnom, s.ccHalf, s.ccHalfSignificant ? "*" : " ",
				s.ccAnom, s.ccAnomSignificant ? "*" : "");
	}

	/** The "Summary of merging statistics" table (Overall / Low / High), as {@code dials.merge} prints it. */
	public String formatSummary() { return formatSummary(null); }

	/**
	 * The "Summary of merging statistics" table. With {@code selected} (the statistics cut at the suggested
	 * resolution limit, see {@link Observations#withDMin(double)}) the columns are Suggested / Low / High (of
	 * {@code selected}) / Overall (of this), as {@code dials.scale} prints them; without, Overall / Low / High.
	 * The anomalous slope, dF/F and dI/s(dI) are given for the first column only, as DIALS does.
	 */
	public String formatSummary(MergingStatistics selected) {
		MergingStatistics s = selected == null ? this : selected;
		Shell[] c = selected == null ? new Shell[] { overall, shells.get(0), shells.get(shells.size() - 1) }
				: new Shell[] { s.overall, s.shells.get(0), s.shells.get(s.shells.size() - 1), overall };
		StringBuilder sb = new StringBuilder();
		sb.append(selected == null ? "                                             Overall    Low     High\n"
				: "                                            Suggested   Low    High  Overall\n");
		sb.append(line("High resolution limit", "%.2f", c, Shell::dMin));
		sb.append(line("Low resolution limit", "%.2f", c, Shell::dMax));
		sb.append(line("Completeness", "%.1f", c, x -> 100 * x.completeness));
		sb.append(line("Multiplicity", "%.1f", c, Shell::multiplicity));
		sb.append(line("I/sigma", "%.1f", c, Shell::meanIOverSigma));
		sb.append(line("Rmerge(I)", "%.3f", c, Shell::rMerge));
		sb.append(line("Rmerge(I+/-)", "%.3f", c, Shell::rMergePM));
		sb.append(line("Rmeas(I)", "%.3f", c, Shell::rMeas));
		sb.append(line("Rmeas(I+/-)", "%.3f", c, Shell::rMeasPM));
		sb.append(line("Rpim(I)", "%.3f", c, Shell::rPim));
		sb.append(line("Rpim(I+/-)", "%.3f", c, Shell::rPimPM));
		sb.append(line("CC half", "%.3f", c, Shell::ccHalf));
		sb.append(line("Anomalous completeness", "%.1f", c, x -> 100 * x.anomCompleteness));
		sb.append(line("Anomalous multiplicity", "%.1f", c, Shell::anomMultiplicity));
		sb.append(line("Anomalous correlation", "%.3f", c, Shell::ccAnom));
		if (Double.isFinite(c[0].anomSlope)) sb.append(line("Anomalous slope", "%.3f", new Shell[] { c[0] }, Shell::anomSlope));
		if (Double.isFinite(c[0].anomSignal)) sb.append(line("dF/F", "%.3f", new Shell[] { c[0] }, Shell::anomSignal));
		if (Double.isFinite(c[0].dIOverSigDI)) sb.append(line("dI/s(dI)", "%.3f", new Shell[] { c[0] }, Shell::dIOverSigDI));
		sb.append(line("Total observations", "%d", c, x -> x.nObs));
		sb.append(line("Total unique", "%d", c, x -> x.nUnique));
		return sb.toString();
	}

	/** Per-shell anomalous signal table (not printed by DIALS, which gives these overall only). */
	public String formatAnomalousTable() {
		StringBuilder sb = new StringBuilder();
		sb.append(" d_max  d_min   n_cc  %acomp  a_mult   cc_ano   slope    dF/F  dI/s(dI)\n");
		for (Shell s : shells) sb.append(anomRow(s)).append('\n');
		sb.append(anomRow(overall)).append('\n');
		return sb.toString();
	}

	private static String anomRow(Shell s) {
		return String.format(Locale.ROOT, "%6.2f %6.2f %7d %6.1f %7.2f %8.3f %7s %7s %9s", s.dMax, s.dMin, s.ccAnomN, 100 * s.anomCompleteness, s.anomMultiplicity, s.ccAnom,
				fmt3(s.anomSlope), fmt3(s.anomSignal), fmt3(s.dIOverSigDI));
	}

	private static String fmt3(double v) { return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-"; }

	private static String line(String label, String fmt, Shell[] cols, java.util.function.Function<Shell, Object> f) {
		StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-40s", label));
		int[] widths = { 12, 8, 8, 8 };
		for (int i = 0; i < cols.length; i++) {
			Object v = f.apply(cols[i]);
			sb.append(String.format(Locale.ROOT, "%" + widths[i] + "s", String.format(Locale.ROOT, fmt, v)));
		}
		return sb.append(System.lineSeparator()).toString();
	}
}
