package org.bragg.refinement.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

import org.bragg.model.Beam;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Progress;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.ColumnKey;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.refinement.Diagnostics;
import org.bragg.refinement.RefinementException;
import org.bragg.refinement.RefinementParameters;
import org.bragg.refinement.RefinementResult;
import org.bragg.refinement.RmsdStep;

/**
 * Orchestrates refinement as {@code dials.refine} does: one static macrocycle and, with
 * {@code scan_varying=Auto} and scans, a scan-varying macrocycle; each macrocycle builds the reflection
 * manager (selection, weights, prediction, outlier rejection, working subset), the parameterisation (with
 * auto-reduction and restraints), runs the engine and updates the models and predictions.
 */
public final class RefinerCore {
	private RefinerCore() {}

	public static final ColumnKey<double[]> X_RESID = ColumnKey.ofDouble("x_resid");
	public static final ColumnKey<double[]> Y_RESID = ColumnKey.ofDouble("y_resid");
	public static final ColumnKey<double[]> PHI_RESID = ColumnKey.ofDouble("phi_resid");
	static final long USED = ReflectionFlag.USED_IN_REFINEMENT.mask(), OUTLIER = ReflectionFlag.CENTROID_OUTLIER.mask(),
			EXCLUDED = ReflectionFlag.EXCLUDED_FOR_REFINEMENT.mask(), PREDICTED = ReflectionFlag.PREDICTED.mask(),
			OVERLOADED = ReflectionFlag.OVERLOADED.mask();

	/** A log sink that also switches off the summary tables (for refinement inside other algorithms). */
	public static final Consumer<String> QUIET = s -> {};

	public static RefinementResult run(ExperimentList experiments, ReflectionTable reflections, RefinementParameters params, Progress progress,
			Consumer<String> log) throws RefinementException {
		return run(experiments, reflections, params, progress, log, true);
	}

	/**
	 * @param finalPrediction predict all indexed reflections with the refined models at the end (as
	 *        dials.refine); false skips it when only the models are needed
	 */
	public static RefinementResult run(ExperimentList experiments, ReflectionTable reflections, RefinementParameters params, Progress progress,
			Consumer<String> log, boolean finalPrediction) throws RefinementException {
		for (ColumnKey<?> k : List.of(Columns.XYZOBS_MM_VALUE, Columns.XYZOBS_MM_VARIANCE, Columns.MILLER_INDEX, Columns.ID))
			if (!reflections.has(k))
				throw new RefinementException("The supplied reflection table does not have the required data column: " + k.name());
		if (reflections.size() == 0) throw new RefinementException("The reflection table is empty; nothing to refine against");
		boolean stills = areStills(experiments, params);
		Optional<Boolean> sv = params.parameterisation().scanVaryingChoice();
		List<RmsdStep> history = new ArrayList<>();
		Macro m;
		if (sv.isEmpty()) {
			m = new Macro(experiments, reflections, params, false, stills, 0, progress, log, true);
			history.addAll(m.steps);
			if (!stills) {
				log.accept("");
				log.accept("Scan-varying refinement");
				m = new Macro(m.outExperiments, m.outReflections, params, true, false, 1, progress, log, finalPrediction);
				history.addAll(m.steps);
			}
		} else {
			m = new Macro(experiments, reflections, params, sv.get() && !stills, stills, 0, progress, log, finalPrediction);
			history.addAll(m.steps);
		}
		return new RefinementResult(m.outExperiments, m.outReflections, history, m.diagnostics);
	}

	static boolean areStills(ExperimentList el, RefinementParameters params) throws RefinementException {
		Boolean first = null;
		for (Experiment e : el) {
			boolean s;
			if (e.scan() == null || e.goniometer() == null) s = true;
			else if (e.scan().numImages() == 1) s = params.parameterisation().treatSingleImageAsStill() || e.scan().isStill();
			else {
				if (e.scan().isStill()) throw new RefinementException("Cannot refine a zero-width scan");
				s = false;
			}
			if (first == null) first = s;
			else if (first != s) throw new RefinementException("Cannot refine a mixture of stills and scans");
		}
		return first != null && first;
	}

	/** One macrocycle. */
	static final class Macro implements Engine.Problem {
		final ExperimentList exps;
		final RefinementParameters params;
		final boolean sv, stills;
		final int cycle;
		final Consumer<String> log;
		final List<RmsdStep> steps = new ArrayList<>();
		ExperimentList outExperiments;
		ReflectionTable outReflections;
		Diagnostics diagnostics;

		ReflectionTable all; // copy of the input, all rows
		double[] tAll; // block scan coordinate for all rows
		int[] working; // indices into all of the working set
		PredictionModel.Obs obs;
		double[] wx, wy, wz;
		Configure.Built built;
		PredictionModel model;
		List<CellRestraints> restraints = new ArrayList<>();
		double[] cutoffs;

		final boolean finalPrediction;

		Macro(ExperimentList experiments, ReflectionTable reflections, RefinementParameters params, boolean sv, boolean stills, int cycle,
				Progress progress, Consumer<String> log, boolean finalPrediction) throws RefinementException {
			this.finalPrediction = finalPrediction;
			this.params = params;
			this.sv = sv;
			this.stills = stills;
			this.cycle = cycle;
			this.log = log;
			log.accept("Configuring refiner");
			ExperimentList el = experiments;
			int n = reflections.size();
			int[] allIdx = new int[n];
			for (int i = 0; i < n; i++) allIdx[i] = i;
			all = reflections.select(allIdx);
			all.getOrCreate(Columns.FLAGS);
			if (!all.has(Columns.PANEL)) all.put(Columns.PANEL, new long[n]);
			int[] ids = all.get(Columns.ID);
			for (int id : ids)
				if (id >= el.size()) throw new RefinementException("reflection id " + id + " refers to a missing experiment (" + el.size() + " experiments)");
			if (sv && params.parameterisation().trimScanToObservations()) el = trimScans(el, all, log);
			this.exps = el;
			setObsS1();
			if (!stills) calculateEntering();
			if (sv) tAll = blocks();
			// reflection manager
			boolean[] keep = idRefsToKeep();
			int nKeep = 0;
			for (boolean k : keep) if (k) nKeep++;
			long[] flags = all.get(Columns.FLAGS);
			for (int i = 0; i < n; i++) {
				flags[i] &= ~(USED | EXCLUDED | OUTLIER);
				if (!keep[i]) flags[i] |= EXCLUDED;
			}
			int[] kept = new int[nKeep];
			for (int i = 0, k = 0; i < n; i++) if (keep[i]) kept[k++] = i;
			weights(kept);
			// initial prediction with the starting models
			built = Configure.build(exps, params.parameterisation(), sv, stills, null);
			model = built.model;
			PredictionModel.Obs ko = obsFor(kept);
			PredictionModel.Pred pr = model.predict(ko, false, true);
			writePredictions(kept, pr);
			int nPred = 0;
			for (boolean ok : pr.ok) if (ok) nPred++;
			int[] predicted = new int[nPred];
			for (int i = 0, k = 0; i < kept.length; i++) if (pr.ok[i]) predicted[k++] = kept[i];
			summary(predicted);
			// outliers
			int[] inliers = rejectOutliers(predicted, params.reflections().randomSeed().orElse(0));
			if (inliers.length == 0) throw new RefinementException("No reflections available for refinement");
			log.accept(inliers.length + " reflections remain in the manager");
			if (inliers.length != predicted.length) summary(inliers);
			working = workingSet(inliers);
			obs = obsFor(working);
			wx = new double[working.length];
			wy = new double[working.length];
			wz = new double[working.length];
			double[] wAll = all.get(WEIGHTS);
			for (int i = 0; i < working.length; i++) {
				wx[i] = wAll[3 * working[i]];
				wy[i] = wAll[3 * working[i] + 1];
				wz[i] = wAll[3 * working[i] + 2];
			}
			for (int i : working) flags[i] |= USED;
			autoReduce();
			setupRestraints();
			setupCutoffs();
			log.accept(String.format(Locale.ROOT, "There are %d parameters to refine against %d reflections in %d dimensions", model.nFree,
					working.length, 3));
			log.accept(exps.size() == 1 ? "Performing refinement of a single Experiment..." : "Performing refinement of " + exps.size() + " Experiments...");
			// engine
			Engine engine = new Engine(params.refinery().journal().trackConditionNumber() ? Engine.Track.ALL : log == QUIET ? Engine.Track.NONE : Engine.Track.ENDS);
			String eng = params.refinery().engine().toLowerCase(Locale.ROOT);
			if (eng.contains("lbfgs")) throw new RefinementException("refinement.refinery.engine=" + params.refinery().engine()
					+ " is not implemented in Bragg; use LevMar (default) or GaussNewton");
			if (eng.equals("gaussnewton")) engine.runGaussNewton(this, params.refinery().maxIterations().orElse(20), progress);
			else engine.runLevMar(this, params.refinery().maxIterations().orElse(100), progress);
			engine.finish(model.nFree);
			List<String> pnames = model.names();
			for (int s = 0; s < engine.history.size(); s++) {
				Engine.Step st = engine.history.get(s);
				steps.add(new RmsdStep(cycle, s, st.nref(), st.rmsd()[0], st.rmsd()[1], st.rmsd()[2], st.objective(), st.conditionNumber(), st.mu(),
						st.params(), pnames));
			}
			printStepTable(engine);
			List<Diagnostics.ExperimentRmsd> byExp = printExpRmsds(engine.lastEval);
			printPanelRmsds(engine.lastEval);
			diagnostics = diagnostics(engine, byExp);
			// update models and predictions
			outExperiments = updateModels();
			log.accept("Updating predictions for indexed reflections");
			outReflections = finalPrediction ? predictForIndexed(outExperiments) : all;
		}

		// ------------------------------------------------------------------ reflection manager

		static final ColumnKey<double[]> WEIGHTS = ColumnKey.ofVec3("xyzobs.mm.weights");

		private void setObsS1() {
			double[] s1 = all.getOrCreate(Columns.S1);
			double[] mm = all.get(Columns.XYZOBS_MM_VALUE);
			int[] id = all.get(Columns.ID);
			long[] panel = all.get(Columns.PANEL);
			for (int i = 0; i < all.size(); i++) {
				double l = Math.sqrt(s1[3 * i] * s1[3 * i] + s1[3 * i + 1] * s1[3 * i + 1] + s1[3 * i + 2] * s1[3 * i + 2]);
				if (l >= 1e-6 || id[i] < 0) continue;
				Experiment e = exps.get(id[i]);
				Vec3 v = e.detector().panel((int) panel[i]).labCoord(mm[3 * i], mm[3 * i + 1]).normalize().times(1 / e.beam().wavelength());
				s1[3 * i] = v.x();
				s1[3 * i + 1] = v.y();
				s1[3 * i + 2] = v.z();
			}
		}

		private void calculateEntering() {
			boolean[] ent = all.create(Columns.ENTERING);
			double[] s1 = all.get(Columns.S1);
			int[] id = all.get(Columns.ID);
			Vec3[] vec = new Vec3[exps.size()];
			for (int i = 0; i < exps.size(); i++) {
				Experiment e = exps.get(i);
				if (e.goniometer() == null) continue;
				vec[i] = e.beam().s0().cross(e.goniometer().settingRotation().times(e.goniometer().rotationAxis()));
			}
			for (int i = 0; i < all.size(); i++) {
				Vec3 v = id[i] < 0 ? null : vec[id[i]];
				ent[i] = v != null && s1[3 * i] * v.x() + s1[3 * i + 1] * v.y() + s1[3 * i + 2] * v.z() < 0;
			}
		}

		/** DIALS BlockCalculator: blocks of block_width degrees (or images); t = ⌊block centre⌋. */
		private double[] blocks() {
			int n = all.size();
			double[] t = new double[n];
			double[] mm = all.get(Columns.XYZOBS_MM_VALUE);
			int[] id = all.get(Columns.ID);
			boolean perImage = params.parameterisation().composeModelPer() == RefinementParameters.ComposeModelPer.IMAGE;
			for (int ie = 0; ie < exps.size(); ie++) {
				Scan scan = exps.get(ie).scan();
				if (scan == null) continue;
				if (perImage) {
					for (int i = 0; i < n; i++) {
						if (id[i] != ie) continue;
						double f = Math.floor(scan.arrayIndexFromAngle(Math.toDegrees(mm[3 * i + 2])));
						t[i] = Math.floor(f + 0.5);
					}
					continue;
				}
				double width = Math.toRadians(params.parameterisation().blockWidth());
				double start = Math.toRadians(scan.oscillationRange()[0]), stop = Math.toRadians(scan.oscillationRange()[1]);
				int nblocks = (int) (Math.abs(stop - start) / width) + 1;
				double w = stop > start ? width + 1e-11 : stop == start ? 1e-11 : -width + 1e-11;
				double half = width * (0.5 - 1e-11);
				for (int b = 0; b < nblocks; b++) {
					double bs = start + b * w;
					double centre = scan.arrayIndexFromAngle(Math.toDegrees(bs + half));
					for (int i = 0; i < n; i++) {
						if (id[i] != ie) continue;
						double phi = mm[3 * i + 2];
						if (bs <= phi && phi <= bs + w) t[i] = Math.floor(centre);
					}
				}
			}
			return t;
		}

		private boolean[] idRefsToKeep() throws RefinementException {
			int n = all.size();
			boolean[] keep = new boolean[n];
			int[] hkl = all.get(Columns.MILLER_INDEX);
			long[] flags = all.get(Columns.FLAGS);
			int[] id = all.get(Columns.ID);
			double[] s1 = all.get(Columns.S1);
			double[] mm = all.get(Columns.XYZOBS_MM_VALUE);
			for (int i = 0; i < n; i++) keep[i] = id[i] >= 0 && !(hkl[3 * i] == 0 && hkl[3 * i + 1] == 0 && hkl[3 * i + 2] == 0) && (flags[i] & OVERLOADED) == 0;
			if (stills) return keep;
			double cutoff = params.reflections().closeToSpindleCutoff();
			double margin = Math.toRadians(params.reflections().scanMargin());
			for (int ie = 0; ie < exps.size(); ie++) {
				Experiment e = exps.get(ie);
				if (e.goniometer() == null || e.scan() == null || e.scan().isStill()) continue;
				Vec3 axis = e.goniometer().settingRotation().times(e.goniometer().rotationAxis());
				Vec3 s0 = e.beam().s0();
				double[] range = e.scan().oscillationRange();
				double lo = Math.toRadians(Math.min(range[0], range[1])), hi = Math.toRadians(Math.max(range[0], range[1]));
				boolean[] upd = new boolean[n];
				int nValid = 0;
				for (int i = 0; i < n; i++) {
					if (id[i] != ie || !keep[i]) continue;
					Vec3 v = new Vec3(s1[3 * i], s1[3 * i + 1], s1[3 * i + 2]);
					double vol = Math.abs(v.cross(s0).dot(axis));
					double phi = mm[3 * i + 2];
					boolean valid = phi >= lo && phi <= hi;
					if (valid) nValid++;
					upd[i] = vol > cutoff && valid;
				}
				if (nValid == 0) throw new RefinementException("Experiment id " + ie + " contains no reflections with valid scan angles");
				if (margin > 0) {
					double e1 = Math.toRadians(e.scan().angleFromArrayIndex(e.scan().firstImage() - 1 + 0.5)) + margin;
					double e2 = Math.toRadians(e.scan().angleFromArrayIndex(e.scan().lastImage() - 0.5)) - margin;
					int cnt = 0;
					boolean[] upd2 = upd.clone();
					for (int i = 0; i < n; i++) if (upd2[i]) {
						upd2[i] = e1 <= mm[3 * i + 2] && mm[3 * i + 2] <= e2;
						if (upd2[i]) cnt++;
					}
					if (cnt >= 40) upd = upd2;
					else log.accept("WARNING: Too few reflections to trim centroids from the scan edges. Resetting scan_margin=0.0");
				}
				for (int i = 0; i < n; i++) if (id[i] == ie) keep[i] = upd[i];
			}
			return keep;
		}

		private void weights(int[] kept) throws RefinementException {
			double[] var = all.get(Columns.XYZOBS_MM_VARIANCE);
			double[] w = new double[3 * all.size()];
			Optional<RefinementParameters.WeightingOverride> ov = params.reflections().weightingStrategy().override();
			double[] consts = params.reflections().weightingStrategy().constants();
			boolean constant = ov.isPresent() && ov.get() == RefinementParameters.WeightingOverride.CONSTANT;
			if (!stills && ov.isPresent() && (ov.get() == RefinementParameters.WeightingOverride.STILLS
					|| ov.get() == RefinementParameters.WeightingOverride.EXTERNAL_DELTAPSI))
				throw new RefinementException("The \"" + ov.get().name().toLowerCase(Locale.ROOT) + "\" weighting strategy is not compatible with scan refinement");
			double dpsiConst = params.reflections().weightingStrategy().delpsiConstant();
			for (int i = 0; i < all.size(); i++) {
				for (int k = 0; k < 3; k++) {
					double v = var[3 * i + k];
					w[3 * i + k] = constant ? consts[k] : v > 0 ? 1 / v : v;
				}
				if (stills) w[3 * i + 2] = constant ? consts[2] : dpsiConst;
			}
			all.put(WEIGHTS, w);
			for (int i : kept) {
				double nrm = w[3 * i] * w[3 * i] + w[3 * i + 1] * w[3 * i + 1] + (stills ? 0 : w[3 * i + 2] * w[3 * i + 2]);
				if (nrm == 0) throw new RefinementException(
						"Cannot set statistical weights as some indexed reflections have observed variances equal to zero (xyzobs.mm.variance)");
			}
		}

		private PredictionModel.Obs obsFor(int[] rows) {
			int n = rows.length;
			PredictionModel.Obs o = new PredictionModel.Obs();
			o.n = n;
			o.id = new int[n];
			o.panel = new int[n];
			o.hkl = new int[3 * n];
			o.entering = new boolean[n];
			o.t = new double[n];
			o.xo = new double[n];
			o.yo = new double[n];
			o.zo = new double[n];
			int[] id = all.get(Columns.ID), hkl = all.get(Columns.MILLER_INDEX);
			long[] pan = all.get(Columns.PANEL);
			boolean[] ent = all.has(Columns.ENTERING) ? all.get(Columns.ENTERING) : null;
			double[] mm = all.get(Columns.XYZOBS_MM_VALUE);
			for (int k = 0; k < n; k++) {
				int i = rows[k];
				o.id[k] = id[i];
				o.panel[k] = (int) pan[i];
				System.arraycopy(hkl, 3 * i, o.hkl, 3 * k, 3);
				o.entering[k] = ent != null && ent[i];
				o.t[k] = tAll == null ? 0 : tAll[i];
				o.xo[k] = mm[3 * i];
				o.yo[k] = mm[3 * i + 1];
				o.zo[k] = mm[3 * i + 2];
			}
			return o;
		}

		private void writePredictions(int[] rows, PredictionModel.Pred pr) {
			double[] mm = all.getOrCreate(Columns.XYZCAL_MM), px = all.getOrCreate(Columns.XYZCAL_PX), s1 = all.get(Columns.S1);
			double[] obs = all.get(Columns.XYZOBS_MM_VALUE);
			double[] xr = all.getOrCreate(X_RESID), yr = all.getOrCreate(Y_RESID), zr = all.getOrCreate(PHI_RESID);
			double[] dpsi = stills ? all.getOrCreate(Columns.DELPSICAL_RAD) : null;
			long[] flags = all.get(Columns.FLAGS);
			int[] id = all.get(Columns.ID);
			long[] panel = all.get(Columns.PANEL);
			for (int k = 0; k < rows.length; k++) {
				int i = rows[k];
				flags[i] &= ~PREDICTED;
				if (!pr.ok[k]) continue;
				flags[i] |= PREDICTED;
				Experiment e = exps.get(id[i]);
				mm[3 * i] = pr.xc[k];
				mm[3 * i + 1] = pr.yc[k];
				double[] p = e.detector().panel((int) panel[i]).millimetreToPixel(pr.xc[k], pr.yc[k]);
				px[3 * i] = p[0];
				px[3 * i + 1] = p[1];
				if (stills) {
					mm[3 * i + 2] = 0;
					px[3 * i + 2] = 0;
					dpsi[i] = pr.zc[k];
				} else {
					mm[3 * i + 2] = pr.zc[k];
					px[3 * i + 2] = e.scan().arrayIndexFromAngle(Math.toDegrees(pr.zc[k]));
				}
				System.arraycopy(pr.s1, 3 * k, s1, 3 * i, 3);
				xr[i] = pr.xc[k] - obs[3 * i];
				yr[i] = pr.yc[k] - obs[3 * i + 1];
				zr[i] = stills ? pr.zc[k] : pr.zc[k] - obs[3 * i + 2];
			}
		}

		private void summary(int[] rows) {
			if (log == QUIET) return;
			double[] xr = all.get(X_RESID), yr = all.get(Y_RESID), zr = all.get(PHI_RESID), w = all.get(WEIGHTS);
			int n = rows.length;
			if (n == 0) {
				log.accept("WARNING: Unable to calculate summary statistics for zero observations");
				return;
			}
			double[][] cols = new double[6][n];
			for (int k = 0; k < n; k++) {
				int i = rows[k];
				cols[0][k] = xr[i];
				cols[1][k] = yr[i];
				cols[2][k] = Math.toDegrees(zr[i]);
				cols[3][k] = w[3 * i];
				cols[4][k] = w[3 * i + 1];
				cols[5][k] = w[3 * i + 2] * Math.pow(Math.PI / 180, 2);
			}
			String[] labels = { "Xc - Xo (mm)", "Yc - Yo (mm)", stills ? "DeltaPsi (deg)" : "Phic - Phio (deg)", "X weights", "Y weights",
					stills ? "DeltaPsi weights" : "Phi weights" };
			List<List<String>> table = new ArrayList<>();
			for (int c = 0; c < 6; c++) {
				double[] f = Stats.fiveNumber(cols[c]);
				List<String> row = new ArrayList<>();
				row.add(labels[c]);
				for (double v : f) row.add(Table.g(v, 4));
				table.add(row);
			}
			log.accept("");
			log.accept("Summary statistics for " + n + " observations matched to predictions:");
			log.accept(Table.format(List.of("", "Min", "Q1", "Med", "Q3", "Max"), table, false));
		}

		private int[] rejectOutliers(int[] predicted, long seed) {
			RefinementParameters.Outlier opt = params.reflections().outlier();
			RefinementParameters.OutlierAlgorithm alg = opt.algorithm();
			if (alg == RefinementParameters.OutlierAlgorithm.AUTO)
				alg = stills ? RefinementParameters.OutlierAlgorithm.SAUTER_POON : RefinementParameters.OutlierAlgorithm.MCD;
			if (alg == RefinementParameters.OutlierAlgorithm.NULL) return predicted;
			Outliers.Data d = new Outliers.Data();
			d.n = predicted.length;
			int[] id = all.get(Columns.ID);
			long[] panel = all.get(Columns.PANEL);
			double[] mm = all.get(Columns.XYZOBS_MM_VALUE);
			double[] xr = all.get(X_RESID), yr = all.get(Y_RESID), zr = all.get(PHI_RESID);
			d.id = new int[d.n];
			d.panel = new int[d.n];
			d.phiObs = new double[d.n];
			int dims = stills ? 2 : 3;
			d.resid = new double[dims][d.n];
			for (int k = 0; k < d.n; k++) {
				int i = predicted[k];
				d.id[k] = id[i];
				d.panel[k] = (int) panel[i];
				d.phiObs[k] = mm[3 * i + 2];
				d.resid[0][k] = xr[i];
				d.resid[1][k] = yr[i];
				if (!stills) d.resid[2][k] = zr[i];
			}
			if (alg == RefinementParameters.OutlierAlgorithm.SAUTER_POON) {
				double[] opx = all.has(Columns.XYZOBS_PX_VALUE) ? all.get(Columns.XYZOBS_PX_VALUE) : null;
				double[] cpx = all.get(Columns.XYZCAL_PX);
				d.obsPx = new double[3 * d.n];
				d.calcPx = new double[3 * d.n];
				for (int k = 0; k < d.n; k++) {
					int i = predicted[k];
					for (int j = 0; j < 3; j++) {
						d.obsPx[3 * k + j] = opx != null ? opx[3 * i + j] : 0;
						d.calcPx[3 * k + j] = cpx[3 * i + j];
					}
				}
				double[] ps = opt.sauterPoon().pxSz();
				d.pxSize = ps.length == 2 ? ps : exps.get(0).detector().panel(0).pixelSize();
			}
			double[] bw = null;
			if (!stills && opt.separateBlocks()) {
				bw = new double[exps.size()];
				for (int ie = 0; ie < exps.size(); ie++) {
					if (opt.blockWidth().isPresent()) bw[ie] = opt.blockWidth().getAsDouble();
					else {
						double bs = centroidBlockSize(predicted, ie);
						bw[ie] = Double.isNaN(bs) ? Double.NaN : Math.max(bs, 18.0);
					}
				}
			}
			String algName = switch (alg) { case MCD -> "MCD"; case TUKEY -> "Tukey"; default -> "SauterPoon"; };
			log.accept("");
			log.accept("Detecting centroid outliers using the " + algName + " algorithm");
			boolean[] out = Outliers.detect(d, alg, opt, bw, seed, null);
			long[] flags = all.get(Columns.FLAGS);
			int nOut = 0;
			for (int k = 0; k < d.n; k++) if (out[k]) {
				flags[predicted[k]] |= OUTLIER;
				nOut++;
			}
			if (nOut > 0) log.accept(nOut + " reflections have been flagged as outliers");
			int[] in = new int[d.n - nOut];
			for (int k = 0, j = 0; k < d.n; k++) if (!out[k]) in[j++] = predicted[k];
			return in;
		}

		/** DIALS CentroidAnalyser block size: the smallest φ block width with ≥ 50 reflections per block. */
		private double centroidBlockSize(int[] rows, int ie) {
			int[] id = all.get(Columns.ID);
			double[] mm = all.get(Columns.XYZOBS_MM_VALUE);
			double[] phi = Arrays.stream(rows).filter(i -> id[i] == ie).mapToDouble(i -> Math.toDegrees(mm[3 * i + 2])).toArray();
			if (phi.length == 0) return Double.NaN;
			double lo = Arrays.stream(phi).min().getAsDouble(), hi = Arrays.stream(phi).max().getAsDouble();
			double width = hi - lo, ideal = 1.0, blockSize;
			int oldN = 0;
			while (true) {
				int nb = (int) Math.floor(width / ideal);
				if (nb == oldN) nb--;
				nb = Math.max(nb, 1);
				blockSize = width / nb;
				int[] nr = new int[nb];
				for (double p : phi) {
					int b = blockSize > 0 ? (int) Math.floor((p - lo) / blockSize) : 0;
					nr[Math.max(0, Math.min(nb - 1, b))]++;
				}
				if (nb == 1) break;
				int minNr = Arrays.stream(nr).min().getAsInt();
				if (minNr >= 50) break;
				ideal *= minNr < 5 ? 2 : 50.0 / minNr;
				oldN = nb;
			}
			return blockSize;
		}

		private int[] workingSet(int[] inliers) {
			RefinementParameters.Reflections o = params.reflections();
			int[] id = all.get(Columns.ID);
			List<Integer> out = new ArrayList<>();
			Random rnd = new Random(o.randomSeed().orElse(0));
			for (int ie = 0; ie < exps.size(); ie++) {
				final int e = ie;
				int[] rows = Arrays.stream(inliers).filter(i -> id[i] == e).toArray();
				int nrefs = rows.length, sample = nrefs;
				Scan scan = exps.get(ie).scan();
				if (scan != null && !stills) {
					double width = Math.abs(scan.oscillationRange()[1] - scan.oscillationRange()[0]);
					if (o.reflectionsPerDegree().isEmpty()) {
						double turns = width / 360;
						if (turns > 1) sample = (int) Math.max(Math.ceil(nrefs / turns), 100 * width);
					} else sample = (int) (o.reflectionsPerDegree().getAsDouble() * width);
				}
				sample = Math.max(sample, o.minimumSampleSize());
				if (o.maximumSampleSize().isPresent()) sample = Math.min(sample, o.maximumSampleSize().getAsInt());
				if (sample < nrefs) {
					int[] perm = rows.clone();
					for (int i = perm.length - 1; i > 0; i--) {
						int j = rnd.nextInt(i + 1);
						int t = perm[i];
						perm[i] = perm[j];
						perm[j] = t;
					}
					rows = Arrays.copyOf(perm, sample);
					Arrays.sort(rows);
				}
				for (int r : rows) out.add(r);
			}
			return out.stream().mapToInt(Integer::intValue).toArray();
		}

		// ------------------------------------------------------------------ parameterisation

		private void autoReduce() throws RefinementException {
			RefinementParameters.AutoReduction ar = params.parameterisation().autoReduction();
			int minN = ar.minNrefPerParameter();
			for (int iter = 0; iter < 100; iter++) {
				PredictionModel.Pred pr = model.predict(obs, true, true);
				int p = model.nFree;
				int[] count = new int[p];
				boolean[][] assoc = new boolean[p][];
				for (int k = 0; k < p; k++) assoc[k] = new boolean[obs.n];
				for (int i = 0; i < obs.n; i++) {
					if (!pr.ok[i]) continue;
					for (int k = 0; k < p; k++) {
						if (Math.abs(pr.dX[i * p + k]) > 1e-10 || Math.abs(pr.dY[i * p + k]) > 1e-10 || Math.abs(pr.dZ[i * p + k]) > 1e-10) {
							count[k]++;
							assoc[k][i] = true;
						}
					}
				}
				List<String> names = model.names();
				List<Integer> bad = new ArrayList<>();
				for (int k = 0; k < p; k++) if (count[k] < minN) bad.add(k);
				if (bad.isEmpty()) return;
				String badNames = String.join(", ", bad.stream().map(names::get).toList());
				switch (ar.action()) {
					case FAIL -> throw new RefinementException("Too few reflections to parameterise " + badNames
							+ ". Try setting refinement.parameterisation.auto_reduction.action to fix these parameters (=fix) or additionally remove the associated reflections (=remove).");
					case FIX -> {
						log.accept("WARNING: Too few reflections to parameterise " + badNames + ".\nThese parameters will be fixed for refinement.");
						fixGlobal(bad);
						return;
					}
					case REMOVE -> {
						log.accept("WARNING: Too few reflections to parameterise " + badNames
								+ ".\nThese parameters will be fixed for refinement and the associated reflections will be removed.");
						boolean[] drop = new boolean[obs.n];
						for (int k : bad) for (int i = 0; i < obs.n; i++) drop[i] |= assoc[k][i];
						fixGlobal(bad);
						List<Integer> keep = new ArrayList<>();
						for (int i = 0; i < obs.n; i++) if (!drop[i]) keep.add(i);
						long[] flags = all.get(Columns.FLAGS);
						for (int i = 0; i < obs.n; i++) if (drop[i]) flags[working[i]] &= ~USED;
						working = keep.stream().mapToInt(i -> working[i]).toArray();
						double[] nwx = keep.stream().mapToDouble(i -> wx[i]).toArray(), nwy = keep.stream().mapToDouble(i -> wy[i]).toArray(),
								nwz = keep.stream().mapToDouble(i -> wz[i]).toArray();
						wx = nwx;
						wy = nwy;
						wz = nwz;
						obs = obsFor(working);
						if (working.length == 0) throw new RefinementException("No reflections available for refinement after auto_reduction.action=remove");
					}
				}
			}
		}

		/** Fixes global free parameters (indices into the current vector) and rebuilds the model. */
		private void fixGlobal(List<Integer> bad) throws RefinementException {
			int off = 0;
			for (ModelParam mp : model.params) {
				int nf = mp.numFree();
				int ns = mp.numSamples();
				// map free index → set; fix a set if any of its samples is bad (DIALS fixes whole sets)
				int k = 0;
				List<Integer> toFix = new ArrayList<>();
				for (int s = 0; s < mp.numSets(); s++) {
					if (mp.isFixed(s)) continue;
					for (int j = 0; j < ns; j++) if (bad.contains(off + k + j)) {
						toFix.add(s);
						break;
					}
					k += ns;
				}
				for (int s : toFix) mp.setFixed(s, true);
				off += nf;
			}
			rebuildModel();
		}

		private void rebuildModel() throws RefinementException {
			List<DetectorParam> d = new ArrayList<>();
			List<BeamParam> b = new ArrayList<>();
			List<OrientationParam> o = new ArrayList<>();
			List<UnitCellParam> u = new ArrayList<>();
			List<GoniometerParam> g = new ArrayList<>();
			for (ModelParam mp : model.params) {
				if (mp.numFree() == 0) continue;
				if (mp instanceof DetectorParam x) d.add(x);
				else if (mp instanceof BeamParam x) b.add(x);
				else if (mp instanceof OrientationParam x) o.add(x);
				else if (mp instanceof UnitCellParam x) u.add(x);
				else if (mp instanceof GoniometerParam x) g.add(x);
			}
			model = new PredictionModel(exps, stills, d, b, o, u, g, model.u0, model.b0);
			built.model = model;
			if (model.nFree == 0) throw new RefinementException("There are no free parameters for refinement after auto-reduction");
		}

		private void setupRestraints() throws RefinementException {
			List<RefinementParameters.TieToTarget> ties = params.parameterisation().crystal().unitCell().restraints().mergedTieToTarget();
			if (!params.parameterisation().crystal().unitCell().restraints().tieToGroup().isEmpty())
				log.accept("WARNING: tie_to_group restraints are not implemented in Bragg and will be ignored");
			if (ties.isEmpty()) return;
			if (sv && !params.parameterisation().crystal().unitCell().forceStatic()) {
				log.accept("WARNING: Restraints will be ignored for scan_varying=True");
				return;
			}
			for (RefinementParameters.TieToTarget t : ties) {
				if (t.values().length != 6) throw new RefinementException("6 cell parameters must be provided as the tie_to_target.values.");
				if (t.sigmas().length != 6) throw new RefinementException(
						"6 sigmas must be provided as the tie_to_target.sigmas. Note that individual sigmas of 0.0 will remove the restraint for the corresponding cell parameter.");
				for (ModelParam mp : model.params) {
					if (!(mp instanceof UnitCellParam up)) continue;
					boolean applies = t.id().length == 0;
					for (int e : t.id()) for (int x : up.experimentIds) applies |= e == x;
					if (applies) restraints.add(new CellRestraints(up, model.offsetOf(up), t.values(), t.sigmas()));
				}
			}
		}

		private void setupCutoffs() {
			RefinementParameters.Target tg = params.target();
			if (tg.rmsdCutoff() == RefinementParameters.RmsdCutoff.ABSOLUTE && tg.absoluteCutoffs().length == 3) {
				cutoffs = tg.absoluteCutoffs();
				return;
			}
			double f = tg.binSizeFraction();
			Experiment e0 = exps.get(0);
			double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
			for (Panel p : e0.detector().panels()) {
				minX = Math.min(minX, p.pixelSize()[0]);
				minY = Math.min(minY, p.pixelSize()[1]);
			}
			double img = e0.scan() != null ? Math.abs(Math.toRadians(e0.scan().oscillationWidth())) : 0;
			cutoffs = new double[] { minX * f, minY * f, stills ? 0 : img * f };
		}

		// ------------------------------------------------------------------ Engine.Problem

		@Override public int nParams() { return model.nFree; }
		@Override public double[] getParams() { return model.getParams(); }
		@Override public void setParams(double[] x) { model.setParams(x); }
		@Override public List<String> names() { return model.names(); }

		@Override
		public boolean achieved(double[] r) {
			if (stills) return r[0] < cutoffs[0] && r[1] < cutoffs[1];
			return r[0] < cutoffs[0] && r[1] < cutoffs[1] && r[2] < cutoffs[2];
		}

		PredictionModel.Pred lastPred;

		@Override
		public Engine.Eval evaluate(boolean jacobian) {
			PredictionModel.Pred pr = model.predict(obs, jacobian, true);
			lastPred = pr;
			int n = obs.n, p = model.nFree;
			List<double[]> rrows = new ArrayList<>();
			List<Double> rres = new ArrayList<>(), rw = new ArrayList<>();
			for (CellRestraints c : restraints) c.append(rrows, rres, rw, p);
			int m = 3 * n + rres.size();
			Engine.Eval e = new Engine.Eval();
			e.r = new double[m];
			e.w = new double[m];
			e.nObsRows = 3 * n;
			if (jacobian) e.j = new double[m * p];
			double sx = 0, sy = 0, sz = 0;
			int nref = 0;
			for (int i = 0; i < n; i++) {
				if (!pr.ok[i]) continue;
				nref++;
				double rx = pr.xc[i] - obs.xo[i], ry = pr.yc[i] - obs.yo[i], rz = stills ? pr.zc[i] : pr.zc[i] - obs.zo[i];
				e.r[i] = rx;
				e.r[n + i] = ry;
				e.r[2 * n + i] = rz;
				e.w[i] = wx[i];
				e.w[n + i] = wy[i];
				e.w[2 * n + i] = wz[i];
				sx += rx * rx;
				sy += ry * ry;
				sz += rz * rz;
				if (jacobian) {
					System.arraycopy(pr.dX, i * p, e.j, i * p, p);
					System.arraycopy(pr.dY, i * p, e.j, (n + i) * p, p);
					System.arraycopy(pr.dZ, i * p, e.j, (2 * n + i) * p, p);
				}
			}
			for (int k = 0; k < rres.size(); k++) {
				e.r[3 * n + k] = rres.get(k);
				e.w[3 * n + k] = rw.get(k);
				if (jacobian) System.arraycopy(rrows.get(k), 0, e.j, (3 * n + k) * p, p);
			}
			e.nref = nref;
			e.rmsd = nref == 0 ? new double[] { 0, 0, 0 } : new double[] { Math.sqrt(sx / nref), Math.sqrt(sy / nref), Math.sqrt(sz / nref) };
			e.objective = Engine.objective(e);
			return e;
		}

		// ------------------------------------------------------------------ reports

		private void printStepTable(Engine engine) {
			log.accept("");
			log.accept("Refinement steps:");
			boolean cond = params.refinery().journal().trackConditionNumber();
			List<String> head = new ArrayList<>(List.of("Step", "Nref", "RMSD_X\n(mm)", "RMSD_Y\n(mm)", stills ? "RMSD_DeltaPsi\n(deg)" : "RMSD_Phi\n(deg)"));
			if (cond) head.add("Cond(J)");
			List<List<String>> rows = new ArrayList<>();
			engine.finish(model.nFree);
			for (int s = 0; s < engine.history.size(); s++) {
				Engine.Step st = engine.history.get(s);
				List<String> r = new ArrayList<>(List.of(String.valueOf(s), String.valueOf(st.nref()), Table.g(st.rmsd()[0], 5), Table.g(st.rmsd()[1], 5),
						Table.g(Math.toDegrees(st.rmsd()[2]), 5)));
				if (cond) r.add(Table.g(st.conditionNumber(), 5));
				rows.add(r);
			}
			log.accept(Table.format(head, rows, true).stripTrailing());
			log.accept(engine.reason);
			if (!cond && !engine.history.isEmpty()) {
				Engine.Step last = engine.history.get(engine.history.size() - 1);
				log.accept(String.format(Locale.ROOT, "Jacobian condition number: initial %.4g, final %.4g", engine.history.get(0).conditionNumber(),
						last.conditionNumber()));
			}
		}

		private List<Diagnostics.ExperimentRmsd> printExpRmsds(Engine.Eval e) {
			log.accept("");
			log.accept("RMSDs by experiment:");
			List<Diagnostics.ExperimentRmsd> out = new ArrayList<>();
			List<List<String>> rows = new ArrayList<>();
			int n = obs.n;
			for (int ie = 0; ie < exps.size(); ie++) {
				Experiment ex = exps.get(ie);
				double[] ps = ex.detector().panel(0).pixelSize();
				double sx = 0, sy = 0, sz = 0;
				int cnt = 0;
				for (int i = 0; i < n; i++) {
					if (obs.id[i] != ie || e.w[i] == 0 && e.r[i] == 0 && !lastPred.ok[i]) continue;
					if (!lastPred.ok[i]) continue;
					sx += e.r[i] * e.r[i];
					sy += e.r[n + i] * e.r[n + i];
					sz += e.r[2 * n + i] * e.r[2 * n + i];
					cnt++;
				}
				if (cnt == 0) continue;
				double rx = Math.sqrt(sx / cnt) / ps[0], ry = Math.sqrt(sy / cnt) / ps[1];
				double rz = stills ? Math.toDegrees(Math.sqrt(sz / cnt)) : Math.sqrt(sz / cnt) / Math.abs(Math.toRadians(ex.scan().oscillationWidth()));
				out.add(new Diagnostics.ExperimentRmsd(ie, cnt, rx, ry, rz));
				rows.add(List.of(String.valueOf(ie), String.valueOf(cnt), Table.g(rx, 5), Table.g(ry, 5), Table.g(rz, 5)));
			}
			log.accept(Table.format(List.of("Exp\nid", "Nref", "RMSD_X\n(px)", "RMSD_Y\n(px)", stills ? "RMSD_DeltaPsi\n(deg)" : "RMSD_Z\n(images)"), rows, true)
					.stripTrailing());
			return out;
		}

		private void printPanelRmsds(Engine.Eval e) {
			for (int id = 0; id < built.detectors.size(); id++) {
				Detector det = built.detectors.get(id);
				if (det.size() == 1) continue;
				log.accept("");
				log.accept("Detector " + (id + 1) + " RMSDs by panel:");
				List<List<String>> rows = new ArrayList<>();
				int n = obs.n;
				double img = exps.get(0).scan() == null ? 1 : Math.abs(Math.toRadians(exps.get(0).scan().oscillationWidth()));
				for (int p = 0; p < det.size(); p++) {
					double sx = 0, sy = 0, sz = 0;
					int cnt = 0;
					for (int i = 0; i < n; i++) {
						if (obs.panel[i] != p || !lastPred.ok[i] || exps.get(obs.id[i]).detector() != det) continue;
						sx += e.r[i] * e.r[i];
						sy += e.r[n + i] * e.r[n + i];
						sz += e.r[2 * n + i] * e.r[2 * n + i];
						cnt++;
					}
					if (cnt == 0) continue;
					double[] ps = det.panel(p).pixelSize();
					double rz = stills ? Math.toDegrees(Math.sqrt(sz / cnt)) : Math.sqrt(sz / cnt) / img;
					rows.add(List.of(String.valueOf(p), String.valueOf(cnt), Table.g(Math.sqrt(sx / cnt) / ps[0], 5), Table.g(Math.sqrt(sy / cnt) / ps[1], 5),
							Table.g(rz, 5)));
				}
				log.accept(Table.format(List.of("Panel\nid", "Nref", "RMSD_X\n(px)", "RMSD_Y\n(px)", stills ? "RMSD_DeltaPsi\n(deg)" : "RMSD_Z\n(images)"), rows,
						true).stripTrailing());
			}
		}

		private Diagnostics diagnostics(Engine engine, List<Diagnostics.ExperimentRmsd> byExp) {
			int p = model.nFree;
			List<String> names = model.names();
			double[] values = model.getParams();
			double[][] es = engine.esds(p);
			double[] esd = es == null ? new double[p] : es[0];
			if (es == null) Arrays.fill(esd, Double.NaN);
			List<Diagnostics.CorrelationMatrix> corr = new ArrayList<>();
			if (engine.lastEval != null && engine.lastEval.j != null) {
				String[] blocks = { "X", "Y", stills ? "DeltaPsi" : "Phi" };
				for (int b = 0; b < 3; b++) corr.add(new Diagnostics.CorrelationMatrix(blocks[b], names, Engine.correlation(engine.lastEval, p, b)));
			}
			double[] cond = engine.history.stream().mapToDouble(Engine.Step::conditionNumber).toArray();
			int nref = engine.history.isEmpty() ? 0 : engine.history.get(engine.history.size() - 1).nref();
			return new Diagnostics(names, values, esd, corr, byExp, engine.reason == null ? "" : engine.reason, cond, nref, sv);
		}

		// ------------------------------------------------------------------ model update

		private ExperimentList updateModels() {
			Map<Object, Object> replaced = new IdentityHashMap<>();
			for (Beam b : built.beams) {
				ModelParam mp = built.paramOfModel.get(b);
				Beam nb = b;
				if (mp instanceof BeamParam bp) {
					Experiment e0 = firstUsing(b);
					if (bp.isScanVarying()) {
						List<Vec3> s0s = new ArrayList<>();
						for (int t = e0.scan().firstImage() - 1; t <= e0.scan().lastImage(); t++) {
							bp.compose(t);
							s0s.add(Vec3.of(bp.state));
						}
						nb = b.withS0AtScanPoints(s0s);
					} else {
						bp.compose(0);
						nb = b.withS0(Vec3.of(bp.state)).withPolarization(Vec3.of(bp.polarizationNormal), b.polarizationFraction())
								.withS0AtScanPoints(List.of());
					}
				}
				replaced.put(b, nb);
			}
			for (int ci = 0; ci < built.crystals.size(); ci++) {
				Crystal c = built.crystals.get(ci);
				OrientationParam op = (OrientationParam) built.paramOfModel.get(c);
				UnitCellParam up = (UnitCellParam) built.cellParamOfCrystal.get(c);
				boolean svAny = op.isScanVarying() || up.isScanVarying();
				Crystal nc = c;
				if (svAny) {
					Experiment e0 = firstUsing(c);
					List<Mat3> as = new ArrayList<>();
					for (int t = e0.scan().firstImage() - 1; t <= e0.scan().lastImage(); t++) {
						op.compose(t);
						up.compose(t);
						as.add(Mat3.of(RayMath.mul(op.state, up.state)));
					}
					nc = c.withAAtScanPoints(as);
				} else {
					op.compose(0);
					up.compose(0);
					nc = c.withA(Mat3.of(RayMath.mul(op.state, up.state))).withAAtScanPoints(List.of());
				}
				replaced.put(c, nc);
			}
			for (Detector d : built.detectors) {
				ModelParam mp = built.paramOfModel.get(d);
				Detector nd = d;
				if (mp instanceof DetectorParam dp && dp.numFree() > 0) {
					dp.compose(0);
					List<Panel> panels = new ArrayList<>();
					for (int p = 0; p < d.size(); p++) {
						double[] m = dp.panelD(p);
						panels.add(d.panel(p).withFrame(new Vec3(m[0], m[3], m[6]), new Vec3(m[1], m[4], m[7]), new Vec3(m[2], m[5], m[8])));
					}
					nd = d.withPanels(panels);
					if (d.hasExplicitHierarchy()) nd = nd.withHierarchy(moveHierarchy(d, dp));
				}
				replaced.put(d, nd);
			}
			for (Goniometer g : built.goniometers) {
				ModelParam mp = built.paramOfModel.get(g);
				Goniometer ng = g;
				if (mp instanceof GoniometerParam gp && gp.numFree() > 0) {
					if (gp.isScanVarying()) {
						Experiment e0 = firstUsing(g);
						List<Mat3> ss = new ArrayList<>();
						for (int t = e0.scan().firstImage() - 1; t <= e0.scan().lastImage(); t++) {
							gp.compose(t);
							ss.add(Mat3.of(gp.state));
						}
						ng = g.withSettingRotationAtScanPoints(ss);
					} else {
						gp.compose(0);
						ng = g.withSettingRotation(Mat3.of(gp.state));
					}
				}
				replaced.put(g, ng);
			}
			List<Experiment> out = new ArrayList<>();
			for (Experiment e : exps) {
				Experiment ne = e.withBeam((Beam) replaced.getOrDefault(e.beam(), e.beam())).withCrystal((Crystal) replaced.getOrDefault(e.crystal(), e.crystal()))
						.withDetector((Detector) replaced.getOrDefault(e.detector(), e.detector()));
				if (e.goniometer() != null) ne = ne.withGoniometer((Goniometer) replaced.getOrDefault(e.goniometer(), e.goniometer()));
				out.add(ne);
			}
			return new ExperimentList(out);
		}

		private Experiment firstUsing(Object model) {
			for (Experiment e : exps) if (e.beam() == model || e.crystal() == model || e.detector() == model || e.goniometer() == model) return e;
			return exps.get(0);
		}

		/** Applies each parameterised group's rigid motion to its hierarchy node and everything below. */
		private static DetectorNode.Group moveHierarchy(Detector d, DetectorParam dp) {
			// motion per panel from the parameterisation; groups move with the group containing all their panels
			int np = d.size();
			double[][][] motionOfPanel = new double[np][][];
			for (int g = 0; g < dp.numGroups(); g++) {
				double[][] m = dp.groupMotion(g);
				for (int p : dp.groupPanels(g)) motionOfPanel[p] = m;
			}
			return (DetectorNode.Group) move(d.hierarchy(), motionOfPanel);
		}

		private static DetectorNode move(DetectorNode n, double[][][] motionOfPanel) {
			if (n instanceof DetectorNode.PanelRef) return n;
			DetectorNode.Group g = (DetectorNode.Group) n;
			List<DetectorNode> kids = new ArrayList<>();
			for (DetectorNode c : g.children()) kids.add(move(c, motionOfPanel));
			List<Integer> ids = new ArrayList<>();
			collectPanels(g, ids);
			double[][] m = ids.isEmpty() ? null : motionOfPanel[ids.get(0)];
			for (int id : ids) if (motionOfPanel[id] != m) m = null;
			if (m == null) return new DetectorNode.Group(g.name(), g.type(), g.fastAxis(), g.slowAxis(), g.origin(), kids);
			double[] rot = m[0], c0 = m[1], c1 = m[2];
			Vec3 f = Vec3.of(V.mul(rot, g.fastAxis().toArray())), s = Vec3.of(V.mul(rot, g.slowAxis().toArray()));
			Vec3 o = Vec3.of(V.add(c1, V.mul(rot, V.sub(g.origin().toArray(), c0))));
			return new DetectorNode.Group(g.name(), g.type(), f, s, o, kids);
		}

		private static void collectPanels(DetectorNode n, List<Integer> out) {
			if (n instanceof DetectorNode.PanelRef r) out.add(r.panel());
			else for (DetectorNode c : ((DetectorNode.Group) n).children()) collectPanels(c, out);
		}

		/** Predicts every indexed reflection (within the scan) with the refined models; sets flags as dials.refine. */
		private ReflectionTable predictForIndexed(ExperimentList refined) throws RefinementException {
			int n = all.size();
			int[] hkl = all.get(Columns.MILLER_INDEX);
			int[] id = all.get(Columns.ID);
			double[] mm = all.get(Columns.XYZOBS_MM_VALUE);
			List<Integer> rows = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				if (id[i] < 0 || hkl[3 * i] == 0 && hkl[3 * i + 1] == 0 && hkl[3 * i + 2] == 0) continue;
				Experiment e = exps.get(id[i]);
				if (!stills && e.goniometer() != null) {
					double[] r = e.scan().oscillationRange();
					double phi = Math.toDegrees(mm[3 * i + 2]);
					if (phi < Math.min(r[0], r[1]) - 1e-9 || phi > Math.max(r[0], r[1]) + 1e-9) continue;
				}
				rows.add(i);
			}
			int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
			PredictionModel.Pred pr = model.predict(obsFor(r), false, true);
			writePredictions(r, pr);
			long[] flags = all.get(Columns.FLAGS);
			boolean[] inR = new boolean[n];
			for (int i : r) inR[i] = true;
			for (int i = 0; i < n; i++) if (!inR[i]) flags[i] &= ~PREDICTED;
			all.remove(WEIGHTS.name());
			return all;
		}

		// ------------------------------------------------------------------ trimming

		private static ExperimentList trimScans(ExperimentList el, ReflectionTable t, Consumer<String> log) {
			double[] px = t.has(Columns.XYZOBS_PX_VALUE) ? t.get(Columns.XYZOBS_PX_VALUE) : null;
			double[] mm = t.get(Columns.XYZOBS_MM_VALUE);
			int[] id = t.get(Columns.ID);
			List<Experiment> out = new ArrayList<>(el.asList());
			for (int ie = 0; ie < el.size(); ie++) {
				Experiment e = el.get(ie);
				Scan scan = e.scan();
				if (scan == null) continue;
				double zmin = Double.POSITIVE_INFINITY, zmax = Double.NEGATIVE_INFINITY;
				for (int i = 0; i < t.size(); i++) {
					if (id[i] != ie) continue;
					double z = px != null ? px[3 * i + 2] : scan.arrayIndexFromAngle(Math.toDegrees(mm[3 * i + 2]));
					zmin = Math.min(zmin, z);
					zmax = Math.max(zmax, z);
				}
				if (zmin == Double.POSITIVE_INFINITY) continue;
				int start = scan.firstImage() - 1, stop = scan.lastImage();
				if ((int) zmin == start && (int) Math.ceil(zmax) == stop) continue;
				int half = (int) Math.ceil(0.5 / scan.oscillationWidth());
				int obsStart = (int) zmin - half, obsStop = (int) Math.ceil(zmax) + half;
				if (obsStart > start || obsStop < stop) {
					int imStart = Math.max(start, obsStart) + 1, imStop = Math.min(obsStop, stop);
					log.accept(String.format(Locale.ROOT,
							"WARNING: The reflections for experiment %d do not fill the scan range. The scan will be trimmed to images {%d,%d} to match the range of observed data",
							ie, imStart, imStop));
					Scan ns = scan.slice(imStart, imStop);
					out.set(ie, e.withScan(ns));
				}
			}
			return new ExperimentList(out);
		}
	}
}
