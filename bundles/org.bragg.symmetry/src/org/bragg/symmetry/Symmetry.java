package org.bragg.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.bragg.model.BraggInputException;
import org.bragg.model.Crystal;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.AsuIndex;
import org.bragg.model.symmetry.ChangeOfBasisOp;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;
import org.bragg.refinement.Reindex;

/**
 * {@code dials.symmetry} for one sweep: Laue group from {@link LaueGroupAnalysis}, reindexing to its
 * reference setting, then space group from {@link SystematicAbsences}, as DIALS 3.12 does it
 * (Gildea &amp; Winter 2018, Acta Cryst. D74, 405–410).
 *
 * <p>Intensities: reflections flagged as integrated by both summation and profile fitting, not
 * excluded for scaling, with partiality ≥ {@code partiality_threshold} and I/σ ≥ −5 for both
 * methods; the profile-fitted intensity (the summation one if the table has no profile column) is
 * corrected by LP/QE (I·lp/qe, σ²·(lp/qe)²). Partial reflections split over image ranges are not
 * combined (DIALS combines a handful; the effect on the CCs is negligible). DIALS's "simple" outlier
 * rejection before the analysis (z &gt; 12 between P1 equivalents with Friedel mates merged) is not
 * done: on the simulated ED sweep it removes 2677 of 12753 observations, mostly Friedel mates recorded
 * on the same frames, which cleans the identity (Friedel) CC that sets E(CC|S) but none of the
 * operators that pair reflections from distant parts of the sweep, so true symmetry elements look
 * worse than expected. Gross errors are handled instead by {@code cc_method=robust}.
 *
 * <p>No file I/O; inputs are not modified.
 *
 * @since 0.1
 */
public final class Symmetry {
	private Symmetry() {}

	/**
	 * Result of {@link #run}.
	 *
	 * @param laue the Laue-group analysis
	 * @param absences the screw-axis analysis, or null if not run
	 * @param cbOp change of basis applied (input → reference setting of the best Patterson group)
	 * @param spaceGroup the chosen space group (reference setting)
	 * @param experiments reindexed experiments with {@code spaceGroup}
	 * @param reflections reindexed reflections (all rows of the input)
	 * @since 0.1
	 */
	public record Result(LaueGroupAnalysis.Result laue, SystematicAbsences.Result absences, ChangeOfBasisOp cbOp, SpaceGroup spaceGroup,
			ExperimentList experiments, ReflectionTable reflections) {}

	/** Observations extracted for the analysis: hkl int[3n], I, σ, d (Å). */
	record Data(int[] hkl, double[] i, double[] sigma, double[] d) {}

	/**
	 * @param log receives the log lines (DIALS layout)
	 * @throws BraggInputException if there is not exactly one crystal, or required columns are missing, or too few reflections remain
	 */
	public static Result run(ExperimentList el, ReflectionTable refl, SymmetryParameters p, Consumer<String> log) throws BraggInputException {
		if (el.isEmpty() || el.get(0).crystal() == null) throw new BraggInputException("experiments: expected a crystal model, found none");
		Crystal crystal = el.get(0).crystal();
		for (var e : el) if (e.crystal() != null && !e.crystal().equals(crystal) && el.size() > 1)
			throw new BraggInputException("experiments: bragg symmetry handles one crystal (one sweep); found " + el.size() + " experiments with different crystals");
		UnitCell cell = UnitCell.of(crystal.unitCellParameters());
		for (var k : new String[] { "miller_index", "flags" })
			if (!refl.has(k)) throw new BraggInputException("reflections: column '" + k + "' expected (integrated reflections), not found");
		if (!refl.has(Columns.INTENSITY_PRF_VALUE) && !refl.has(Columns.INTENSITY_SUM_VALUE))
			throw new BraggInputException("reflections: column 'intensity.prf.value' or 'intensity.sum.value' expected (run integrate first), not found");

		log.accept("=".repeat(80) + "\n");
		log.accept("Performing Laue group analysis\n");
		log.accept("Filtering reflections for dataset 0");
		Data data = extract(refl, cell, p, true, log);
		LaueGroupAnalysis.Result laue;
		try {
			laue = LaueGroupAnalysis.analyse(cell, data.hkl(), data.i(), data.sigma(), p, log);
		} catch (IllegalArgumentException ex) {
			throw new BraggInputException("reflections: " + ex.getMessage());
		}
		log.accept("");
		log.accept(laue.report());
		LaueGroupAnalysis.SubgroupScore best = laue.best();
		ChangeOfBasisOp cb = best.cbOpInpBest();
		SpaceGroup sg = best.mxGroup();
		TextTableHolder.log(log, best.symbol(), sg.hermannMauguin());

		SystematicAbsences.Result abs = null;
		if (p.systematicAbsences().check()) {
			log.accept("=".repeat(80) + "\n");
			log.accept("Analysing systematic absences\n");
			log.accept("Laue group: " + best.symbol());
			if (!SystematicAbsences.hasScrewAxes(best.symbol())) log.accept("No absences to check for this laue group\n");
			else {
				log.accept("Performing systematic absence checks on unscaled profile-integrated data");
				Data ad = extract(refl, cell, p, false, log);
				abs = absences(cell, laue, ad.hkl(), ad.i(), ad.sigma(), p.systematicAbsences().significanceLevel(), log);
				log.accept(abs.report());
				if (abs.best() != null) sg = SpaceGroup.parse(abs.best());
			}
		}
		ExperimentList outEl = Reindex.reindexExperiments(el, cb, sg);
		ReflectionTable outRefl = Reindex.reindexReflections(refl, cb).reflections();
		return new Result(laue, abs, cb, sg, outEl, outRefl);
	}

	/**
	 * Screw-axis analysis for the best solution of a Laue-group analysis: observations with
	 * d &gt; the analysis d_min are reindexed by its change of basis, merged (inverse-variance
	 * weights, Friedel mates together) in its acentric group and tested.
	 *
	 * @param cell unit cell of the input setting
	 * @param hkl Miller indices in the input setting, int[3n]
	 * @param intensity corrected profile intensities
	 * @param sigma their σ
	 * @return the test result (its {@code best} is null when the Laue group has no table)
	 */
	public static SystematicAbsences.Result absences(UnitCell cell, LaueGroupAnalysis.Result laue, int[] hkl, double[] intensity, double[] sigma,
			double significanceLevel, Consumer<String> log) {
		LaueGroupAnalysis.SubgroupScore best = laue.best();
		ChangeOfBasisOp cb = best.cbOpInpBest();
		SpaceGroup sg = best.mxGroup();
		double dMin = laue.dMin();
		Map<Long, double[]> merged = new HashMap<>();
		List<int[]> keys = new ArrayList<>();
		int[] t = new int[3];
		int removed = 0;
		for (int i = 0; i < intensity.length; i++) {
			if (cell.dSpacing(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2]) <= dMin) {
				removed++;
				continue;
			}
			if (!(sigma[i] > 0) || !cb.apply(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2], t, 0)) continue;
			AsuIndex a = sg.toAsu(t[0], t[1], t[2]);
			long key = ((long) (a.h() + 1024) << 22) | ((long) (a.k() + 1024) << 11) | (a.l() + 1024);
			double[] m = merged.get(key);
			if (m == null) {
				m = new double[2];
				merged.put(key, m);
				keys.add(new int[] { a.h(), a.k(), a.l() });
			}
			double w = 1 / (sigma[i] * sigma[i]);
			m[0] += w;
			m[1] += w * intensity[i];
		}
		if (dMin > 0) log.accept(String.format(Locale.ROOT, "Removed %d reflections with d <= %.2f", removed, dMin));
		int n = keys.size();
		int[] mh = new int[3 * n];
		double[] mi = new double[n], ms = new double[n];
		for (int q = 0; q < n; q++) {
			int[] h = keys.get(q);
			System.arraycopy(h, 0, mh, 3 * q, 3);
			double[] m = merged.get(((long) (h[0] + 1024) << 22) | ((long) (h[1] + 1024) << 11) | (h[2] + 1024));
			mi[q] = m[1] / m[0];
			ms[q] = Math.sqrt(1 / m[0]);
		}
		return SystematicAbsences.analyse(best.symbol(), mh, mi, ms, significanceLevel, log);
	}

	/** The small "Patterson group / Corresponding MX group" table. */
	private static final class TextTableHolder {
		static void log(Consumer<String> log, String patterson, String mx) {
			log.accept(new org.bragg.symmetry.internal.TextTable("Patterson group", "Corresponding MX group").row(patterson, mx).toString());
		}
	}

	/**
	 * Selects and corrects intensities.
	 *
	 * @param both true: integrated by both methods, I/σ ≥ −5 for both (Laue-group analysis); false:
	 *        profile-fitted only (absence checks)
	 */
	static Data extract(ReflectionTable refl, UnitCell cell, SymmetryParameters p, boolean both, Consumer<String> log) {
		int n = refl.size();
		long[] flags = refl.get(Columns.FLAGS);
		int[] hkl = refl.get(Columns.MILLER_INDEX);
		boolean hasPrf = refl.has(Columns.INTENSITY_PRF_VALUE) && refl.has(Columns.INTENSITY_PRF_VARIANCE);
		boolean hasSum = refl.has(Columns.INTENSITY_SUM_VALUE) && refl.has(Columns.INTENSITY_SUM_VARIANCE);
		double[] iv = hasPrf ? refl.get(Columns.INTENSITY_PRF_VALUE) : refl.get(Columns.INTENSITY_SUM_VALUE);
		double[] vv = hasPrf ? refl.get(Columns.INTENSITY_PRF_VARIANCE) : refl.get(Columns.INTENSITY_SUM_VARIANCE);
		double[] is = hasSum ? refl.get(Columns.INTENSITY_SUM_VALUE) : null, vs = hasSum ? refl.get(Columns.INTENSITY_SUM_VARIANCE) : null;
		double[] lp = refl.has(Columns.LP) ? refl.get(Columns.LP) : null, qe = refl.has(Columns.QE) ? refl.get(Columns.QE) : null;
		double[] part = refl.has(Columns.PARTIALITY) ? refl.get(Columns.PARTIALITY) : null;
		// both methods only where both were run (summation-only integration has no prf columns)
		long need = both && hasPrf && hasSum ? ReflectionFlag.INTEGRATED : (hasPrf ? ReflectionFlag.INTEGRATED_PRF.mask() : ReflectionFlag.INTEGRATED_SUM.mask());
		int nSel = 0, nPart = 0, nSum = 0, nPrf = 0;
		int[] oh = new int[3 * n];
		double[] oi = new double[n], os = new double[n], od = new double[n];
		int m = 0;
		for (int r = 0; r < n; r++) {
			if ((flags[r] & need) != need || (flags[r] & ReflectionFlag.BAD_FOR_SCALING) != 0) continue;
			if (hkl[3 * r] == 0 && hkl[3 * r + 1] == 0 && hkl[3 * r + 2] == 0) continue;
			nSel++;
			if (part != null && part[r] < p.partialityThreshold()) {
				nPart++;
				continue;
			}
			if (both && hasSum && hasPrf && !(vs[r] > 0 && is[r] / Math.sqrt(vs[r]) >= -5)) {
				nSum++;
				continue;
			}
			if (!(vv[r] > 0) || iv[r] / Math.sqrt(vv[r]) < -5) {
				nPrf++;
				continue;
			}
			double c = (lp != null ? lp[r] : 1) / (qe != null && qe[r] > 0 ? qe[r] : 1);
			oh[3 * m] = hkl[3 * r];
			oh[3 * m + 1] = hkl[3 * r + 1];
			oh[3 * m + 2] = hkl[3 * r + 2];
			oi[m] = iv[r] * c;
			os[m] = Math.sqrt(vv[r]) * Math.abs(c);
			od[m] = cell.dSpacing(hkl[3 * r], hkl[3 * r + 1], hkl[3 * r + 2]);
			m++;
		}
		log.accept("Read " + n + " predicted reflections");
		log.accept(both ? "Selected " + nSel + " reflections integrated by profile and summation methods"
				: "Selected " + nSel + " " + (hasPrf ? "profile" : "summation") + " integrated reflections");
		log.accept("Removed " + nPart + " reflections below partiality threshold");
		if (both) {
			log.accept("Removed " + nSum + " intensity.sum.value reflections with I/Sig(I) < -5");
			log.accept("Removed " + nPrf + " intensity." + (hasPrf ? "prf" : "sum") + ".value reflections with I/Sig(I) < -5");
		}
		return new Data(java.util.Arrays.copyOf(oh, 3 * m), java.util.Arrays.copyOf(oi, m), java.util.Arrays.copyOf(os, m),
				java.util.Arrays.copyOf(od, m));
	}
}
