package org.bragg.refinement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Progress;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.ChangeOfBasisOp;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.SymOp;
import org.bragg.model.symmetry.UnitCell;
import org.bragg.refinement.internal.LatticeSymmetry;
import org.bragg.refinement.internal.RefinerCore;
import org.bragg.refinement.internal.Symmetrize;
import org.bragg.refinement.internal.Table;

/**
 * Bravais-lattice candidates with refinement, as {@code dials.refine_bravais_settings}: the Le Page search
 * on the Niggli cell gives every lattice symmetry within {@code lepage_max_delta}; for each, the triclinic
 * crystal is transformed to the best conventional setting, its cell symmetrised, given the lowest-symmetry
 * space group of the lattice, and refined statically (first without outlier rejection on the reflections
 * used in indexing, then with the chosen algorithm — Tukey for scans by default); the RMSD is
 * √(RMSD_X² + RMSD_Y²) in mm, and correlation coefficients of I/σ (intensity.sum) between reflections
 * related by each operator of that space group give min/max CC. A solution is recommended unless
 * (max δ &lt; 0.5°: min CC &lt; 0.5 or missing, and rmsd &gt; 1.5·rmsd(P1)) or (otherwise: min CC &lt; 0.7 or
 * missing, and rmsd &gt; 2·rmsd(P1)) or rmsd &gt; 3·rmsd(P1). Settings are numbered from 1 (P1) upwards.
 *
 * @since 0.1
 */
public final class BravaisSettings {
	private BravaisSettings() {}

	/**
	 * One refined candidate.
	 *
	 * @param settingNumber DIALS's solution number (1 = aP)
	 * @param maxAngularDifference Le Page metric fit δ (degrees)
	 * @param rmsd √(RMSD_X² + RMSD_Y²) in mm, NaN if refinement failed
	 * @param nspots reflections used in the final refinement step
	 * @param cbOp change of basis from the input to this setting (apply with {@link Reindex})
	 * @param minCc minimum CC over the non-identity operators (NaN if none with more than 10 pairs)
	 * @param experiments the refined experiments in this setting (null if refinement failed)
	 */
	public record Solution(int settingNumber, double maxAngularDifference, double rmsd, int nspots, String bravais, double[] unitCell, double volume,
			ChangeOfBasisOp cbOp, double minCc, double maxCc, double[] correlationCoefficients, int[] ccNrefs, boolean recommended,
			ExperimentList experiments) {
		public Solution {
			unitCell = unitCell.clone();
			correlationCoefficients = correlationCoefficients.clone();
			ccNrefs = ccNrefs.clone();
		}

		@Override public double[] unitCell() { return unitCell.clone(); }
		@Override public double[] correlationCoefficients() { return correlationCoefficients.clone(); }
		@Override public int[] ccNrefs() { return ccNrefs.clone(); }
	}

	/**
	 * Runs the search and refines every candidate.
	 *
	 * @param experiments one experiment (or several sharing one crystal) indexed in P1
	 * @param reflections indexed reflections (miller_index, flags, xyzobs, and intensity.sum.value/variance
	 *        for the CCs)
	 * @return solutions, highest symmetry (largest setting number) first
	 * @throws RefinementException if there is not exactly one crystal or refinement of the P1 setting fails
	 */
	public static List<Solution> run(ExperimentList experiments, ReflectionTable reflections, BravaisSettingsParameters params, Progress progress,
			Consumer<String> log) throws RefinementException {
		List<Crystal> crystals = new ArrayList<>();
		for (Experiment e : experiments) if (e.crystal() != null && crystals.stream().noneMatch(c -> c == e.crystal())) crystals.add(e.crystal());
		if (crystals.size() != 1) throw new RefinementException("refine_bravais_settings needs exactly one crystal model, found " + crystals.size());
		Crystal crystal = crystals.get(0);
		UnitCell uc = UnitCell.fromBMatrix(crystal.a().toArray());
		List<LatticeSymmetry.Setting> settings = LatticeSymmetry.settings(uc, params.lepageMaxDelta());
		int nset = settings.size();
		RefinementParameters rp = params.refinement();
		if (rp.reflections().outlier().algorithm() == RefinementParameters.OutlierAlgorithm.AUTO) {
			boolean still = experiments.get(0).isStill();
			rp = rp.withReflections(rp.reflections().withOutlier(rp.reflections().outlier().withAlgorithm(
					still ? RefinementParameters.OutlierAlgorithm.SAUTER_POON : RefinementParameters.OutlierAlgorithm.TUKEY)));
		}
		rp = rp.withParameterisation(rp.parameterisation().withScanVarying(java.util.Optional.of(false)));
		final RefinementParameters refine = rp;
		int nthreads = params.nproc().orElse(Runtime.getRuntime().availableProcessors());
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(nthreads, nset)));
		progress.begin("Refining Bravais settings", nset);
		try {
			List<Future<Solution>> fut = new ArrayList<>();
			for (int j = 0; j < nset; j++) {
				LatticeSymmetry.Setting s = settings.get(j);
				int number = nset - j;
				fut.add(pool.submit(() -> {
					Solution sol = refineSetting(experiments, reflections, crystal, s, number, refine);
					progress.worked(1);
					return sol;
				}));
			}
			List<Solution> out = new ArrayList<>();
			for (Future<Solution> f : fut) {
				try {
					out.add(f.get());
				} catch (java.util.concurrent.ExecutionException e) {
					if (e.getCause() instanceof RefinementException re) throw re;
					throw new IllegalStateException(e.getCause());
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new RefinementException("interrupted");
				}
			}
			progress.done();
			return recommend(out);
		} finally {
			pool.shutdownNow();
		}
	}

	private static Solution refineSetting(ExperimentList experiments, ReflectionTable reflections, Crystal crystal, LatticeSymmetry.Setting s,
			int number, RefinementParameters rp) throws RefinementException {
		SpaceGroup sg = SpaceGroup.parse(s.lowestSymbol());
		double[] a = s.cbOpInpBest().applyToAMatrix(crystal.a().toArray());
		a = Symmetrize.symmetrizeA(a, sg);
		Crystal c = Crystal.fromA(Mat3.of(a), sg.hallSymbol());
		List<Experiment> le = new ArrayList<>();
		for (Experiment e : experiments) le.add(e.withCrystal(c));
		ExperimentList el = new ExperimentList(le);
		ReflectionTable refl = Reindex.reindexReflections(reflections, s.cbOpInpBest()).reflections();
		double rmsd = Double.NaN;
		int nspots = 0;
		ExperimentList refined = null;
		try {
			// first pass: reflections used in indexing, no outlier rejection (DIALS refine_subgroup)
			RefinementParameters first = rp.withReflections(rp.reflections().withOutlier(rp.reflections().outlier().withAlgorithm(RefinementParameters.OutlierAlgorithm.NULL)));
			ReflectionTable used = refl;
			if (refl.has(Columns.FLAGS)) {
				boolean[] sel = refl.selectFlags(ReflectionFlag.USED_IN_REFINEMENT.mask());
				boolean any = false;
				for (boolean b : sel) any |= b;
				if (any) used = refl.select(sel);
				else {
					RefinementParameters.Outlier o = rp.reflections().outlier();
					first = rp.withReflections(rp.reflections().withOutlier(new RefinementParameters.Outlier(RefinementParameters.OutlierAlgorithm.TUKEY,
							o.nproc(), o.minimumNumberOfReflections(), o.separateExperiments(), o.separatePanels(), o.separateBlocks(), o.blockWidth(),
							new RefinementParameters.Tukey(2 * o.tukey().iqrMultiplier()), o.mcd(), o.sauterPoon())));
				}
			}
			RefinementResult r1 = RefinerCore.run(el, used, first, Progress.NONE, RefinerCore.QUIET, false);
			RefinementResult r2 = RefinerCore.run(r1.experiments(), refl, rp, Progress.NONE, RefinerCore.QUIET, false);
			RmsdStep last = r2.history().get(r2.history().size() - 1);
			rmsd = Math.hypot(last.rmsdX(), last.rmsdY());
			nspots = last.nref();
			refined = r2.experiments();
		} catch (RefinementException | IllegalStateException e) {
			// DIALS reports failed settings without rmsd
		}
		Crystal rc = refined == null ? c : refined.get(0).crystal();
		double[] cell = rc.unitCellParameters();
		double[] ccs = new double[0];
		int[] nrefs = new int[0];
		double minCc = Double.NaN, maxCc = Double.NaN;
		if (refl.has(Columns.INTENSITY_SUM_VALUE) && refl.has(Columns.INTENSITY_SUM_VARIANCE)) {
			double[][] cc = symopCorrelations(refl, sg);
			ccs = cc[0];
			nrefs = new int[cc[1].length];
			for (int i = 0; i < nrefs.length; i++) nrefs[i] = (int) cc[1][i];
			for (int i = 1; i < ccs.length; i++) {
				if (nrefs[i] <= 10 || Double.isNaN(ccs[i])) continue;
				minCc = Double.isNaN(minCc) ? ccs[i] : Math.min(minCc, ccs[i]);
				maxCc = Double.isNaN(maxCc) ? ccs[i] : Math.max(maxCc, ccs[i]);
			}
		}
		return new Solution(number, s.maxDelta(), rmsd, nspots, s.bravais(), cell, rc.volume(), s.cbOpInpBest(), minCc, maxCc, ccs, nrefs, false, refined);
	}

	/**
	 * Correlations of I/σ between reflections related by each operator of the space group (identity
	 * first), as DIALS's {@code get_symop_correlation_coefficients} without binning.
	 *
	 * @return {ccs, nrefs}
	 */
	static double[][] symopCorrelations(ReflectionTable refl, SpaceGroup sg) {
		int[] hkl = refl.get(Columns.MILLER_INDEX);
		double[] iv = refl.get(Columns.INTENSITY_SUM_VALUE), var = refl.get(Columns.INTENSITY_SUM_VARIANCE);
		List<int[]> idx = new ArrayList<>();
		List<Double> val = new ArrayList<>();
		Map<Long, Integer> first = new HashMap<>();
		for (int i = 0; i < refl.size(); i++) {
			if (!(var[i] > 0)) continue;
			int h = hkl[3 * i], k = hkl[3 * i + 1], l = hkl[3 * i + 2];
			idx.add(new int[] { h, k, l });
			val.add(iv[i] / Math.sqrt(var[i]));
			first.putIfAbsent(key(h, k, l), idx.size() - 1);
		}
		List<SymOp> ops = sg.symOps();
		double[] ccs = new double[ops.size()];
		double[] n = new double[ops.size()];
		int[] out = new int[3];
		for (int o = 0; o < ops.size(); o++) {
			ChangeOfBasisOp cb = ChangeOfBasisOp.parse(ops.get(o).toXyz());
			double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
			int cnt = 0;
			for (int i = 0; i < idx.size(); i++) {
				int[] h = idx.get(i);
				if (!cb.apply(h[0], h[1], h[2], out, 0)) continue;
				Integer j = first.get(key(out[0], out[1], out[2]));
				if (j == null) continue;
				double x = val.get(i), y = val.get(j);
				sx += x;
				sy += y;
				sxx += x * x;
				syy += y * y;
				sxy += x * y;
				cnt++;
			}
			n[o] = cnt;
			double cov = sxy / cnt - sx * sy / ((double) cnt * cnt);
			double vx = sxx / cnt - sx * sx / ((double) cnt * cnt), vy = syy / cnt - sy * sy / ((double) cnt * cnt);
			ccs[o] = cnt > 1 && vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : Double.NaN;
		}
		return new double[][] { ccs, n };
	}

	private static long key(int h, int k, int l) { return ((long) (h + 1024) << 22) | ((long) (k + 1024) << 11) | (l + 1024); }

	private static List<Solution> recommend(List<Solution> all) {
		Solution p1 = all.get(all.size() - 1);
		double rmsdP1 = p1.rmsd();
		List<Solution> out = new ArrayList<>();
		for (Solution s : all) {
			boolean rec = true;
			boolean noCc = Double.isNaN(s.minCc());
			if (Double.isNaN(s.rmsd())) rec = false;
			else if (s.maxAngularDifference() < 0.5) {
				if ((noCc || s.minCc() < 0.5) && s.rmsd() > 1.5 * rmsdP1) rec = false;
			} else if ((noCc || s.minCc() < 0.7) && s.rmsd() > 2.0 * rmsdP1) rec = false;
			else if (s.rmsd() > 3 * rmsdP1) rec = false;
			out.add(new Solution(s.settingNumber(), s.maxAngularDifference(), s.rmsd(), s.nspots(), s.bravais(), s.unitCell(), s.volume(), s.cbOp(),
					s.minCc(), s.maxCc(), s.correlationCoefficients(), s.ccNrefs(), rec, s.experiments()));
		}
		return out;
	}

	/** The table dials.refine_bravais_settings prints. */
	public static String table(List<Solution> sols) {
		List<List<String>> rows = new ArrayList<>();
		for (Solution s : sols) {
			double[] p = s.unitCell();
			String cc = Double.isNaN(s.minCc()) || Double.isNaN(s.maxCc()) ? "-/-" : String.format(Locale.ROOT, "%.3f/%.3f", s.minCc(), s.maxCc());
			rows.add(List.of(String.format(Locale.ROOT, "%1s%7d", s.recommended() ? "*" : "", s.settingNumber()),
					String.format(Locale.ROOT, "%6.4f", s.maxAngularDifference()).replaceAll("\\.?0+$", "").replaceAll("^$", "0"),
					Double.isNaN(s.rmsd()) ? "-" : String.format(Locale.ROOT, "%5.3f", s.rmsd()), cc, String.valueOf(s.nspots()), s.bravais(),
					String.format(Locale.ROOT, "%6.2f %6.2f %6.2f %6.2f %6.2f %6.2f", p[0], p[1], p[2], p[3], p[4], p[5]),
					String.format(Locale.ROOT, "%.0f", s.volume()), s.cbOp().toString()));
		}
		return Table.format(List.of("Solution", "Metric fit", "rmsd", "min/max cc", "#spots", "lattice", "unit_cell", "volume", "cb_op"), rows, true)
				+ "* = recommended solution\n";
	}

	/** bravais_summary.json as DIALS writes it. */
	public static String summaryJson(List<Solution> sols) {
		StringBuilder b = new StringBuilder("{\n");
		for (int i = 0; i < sols.size(); i++) {
			Solution s = sols.get(i);
			b.append("  \"").append(s.settingNumber()).append("\": {\n");
			b.append("    \"max_angular_difference\": ").append(num(s.maxAngularDifference())).append(",\n");
			b.append("    \"rmsd\": ").append(num(s.rmsd())).append(",\n");
			b.append("    \"nspots\": ").append(s.nspots()).append(",\n");
			b.append("    \"bravais\": \"").append(s.bravais()).append("\",\n");
			b.append("    \"unit_cell\": [");
			double[] p = s.unitCell();
			for (int k = 0; k < 6; k++) b.append(k > 0 ? ", " : "").append(num(p[k]));
			b.append("],\n    \"cb_op\": \"").append(s.cbOp()).append("\",\n");
			b.append("    \"max_cc\": ").append(num(s.maxCc())).append(",\n");
			b.append("    \"min_cc\": ").append(num(s.minCc())).append(",\n");
			b.append("    \"correlation_coefficients\": [");
			double[] cc = s.correlationCoefficients();
			for (int k = 0; k < cc.length; k++) b.append(k > 0 ? ", " : "").append(num(cc[k]));
			b.append("],\n    \"cc_nrefs\": [");
			int[] nr = s.ccNrefs();
			for (int k = 0; k < nr.length; k++) b.append(k > 0 ? ", " : "").append(nr[k]);
			b.append("],\n    \"recommended\": ").append(s.recommended()).append("\n  }").append(i < sols.size() - 1 ? "," : "").append('\n');
		}
		return b.append("}\n").toString();
	}

	private static String num(double v) { return Double.isFinite(v) ? Double.toString(v) : "null"; }

}
