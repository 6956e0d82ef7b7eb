package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.bragg.indexing.BasisVectorSearch;
import org.bragg.indexing.BasisVectorSearches;
import org.bragg.indexing.IndexingFailedException;
import org.bragg.indexing.IndexingParameters;
import org.bragg.indexing.IndexingRefiner;
import org.bragg.indexing.IndexingResult;
import org.bragg.indexing.ReciprocalSpaceMapping;
import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Progress;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.ChangeOfBasisOp;

/**
 * Indexing of rotation data (and of stills indexed jointly), as DIALS {@code Indexer.index} with
 * {@code BasisVectorSearch}: find candidate basis vectors, combine and score candidate lattices,
 * then macro-cycles that re-index, refine static models on the reflections below the current
 * resolution limit and extend the limit by {@code d_min_step}; optionally search the unindexed
 * spots for further lattices. Not thread-safe; one instance per run.
 */
public final class RotationIndexer {
	private final ExperimentList imported; // one per imageset
	private final IndexingParameters p;
	private final IndexingRefiner refiner;
	private final Progress progress;
	private final Consumer<String> log;
	private final SymmetryHandler symmetry;
	private final boolean stills;
	private ReflectionTable refl;
	private double maxCell;
	private double dMin = Double.NaN;
	private double dMinStep = Double.NaN;
	private final List<Crystal> crystals = new ArrayList<>();
	private final List<String> identifiers = new ArrayList<>();
	private ExperimentList geometry; // current beam/detector/goniometer/scan per imageset
	private ReflectionTable refined; // last refined reflections
	private ReflectionTable unindexed;
	private double[][] cellEsds;
	private Crystal knownCrystal; // skip the lattice search (stills after joint geometry refinement)
	private boolean deferSymmetry; // keep P1 models (stills before joint geometry refinement)
	private double rmsdLimitPx = Double.NaN; // stills: fail if the final positional RMSD is above this
	private double candidateRmsdLimitPx = Double.NaN; // stills: limit used when choosing candidates
	private double finalRmsdPx = Double.NaN;

	/** Uses this crystal instead of searching for one (DIALS {@code IndexerKnownOrientation}). */
	void setKnownCrystal(Crystal c) { this.knownCrystal = c; }

	private double startDMin = Double.NaN;

	/** With a known crystal: the resolution limit (Å) of the first macro-cycle. */
	void setStartDMin(double d) { this.startDMin = d; }

	/** Keeps the lattice in its P1 basis (known symmetry is only used to filter candidates). */
	void setDeferSymmetry(boolean b) { this.deferSymmetry = b; }

	/** Stills: fail if the final positional RMSD (px) exceeds {@code limit}. */
	void setRmsdLimitPx(double limit) { this.rmsdLimitPx = limit; }

	/** Stills: the positional RMSD limit (px) for candidate lattices. */
	void setCandidateRmsdLimitPx(double limit) { this.candidateRmsdLimitPx = limit; }

	/** @return the final positional RMSD in px (stills), NaN before {@link #run()} */
	double finalRmsdPx() { return finalRmsdPx; }

	public RotationIndexer(ExperimentList imported, ReflectionTable strong, IndexingParameters p, SymmetryHandler symmetry, IndexingRefiner refiner,
			Progress progress, Consumer<String> log, boolean stills) {
		this.imported = imported;
		this.geometry = imported;
		this.p = p;
		this.symmetry = symmetry;
		this.refiner = refiner;
		this.progress = progress;
		this.log = log;
		this.refl = strong;
		this.stills = stills;
	}

	/** Runs indexing. */
	public IndexingResult run() throws IndexingFailedException {
		setup();
		int maxLattices = p.multipleLatticeSearch().maxLattices().orElse(Integer.MAX_VALUE);
		boolean stop = false;
		while (!stop) {
			if (crystals.size() >= maxLattices) break;
			if (!crystals.isEmpty()) {
				double dIdx = minIndexedD();
				int total = 0, unidx = 0;
				double[] rlp = refl.get(Columns.RLP);
				int[] id = refl.get(Columns.ID);
				for (int i = 0; i < refl.size(); i++) {
					if (d(rlp, i) > dIdx) {
						total++;
						if (id[i] == -1) unidx++;
					}
				}
				if (unidx < p.multipleLatticeSearch().recycleUnindexedReflectionsCutoff() * total) {
					log.accept(String.format(Locale.ROOT, "Finish searching for more lattices: %d unindexed reflections remaining.", unidx));
					break;
				}
			}
			int nPrevious = crystals.size();
			if (Double.isNaN(dMin) && p.refinementProtocol().dMinStart().isPresent()) dMin = p.refinementProtocol().dMinStart().getAsDouble();
			Crystal found;
			if (crystals.isEmpty() && knownCrystal != null) {
				found = knownCrystal;
				if (Double.isNaN(dMin) && !Double.isNaN(startDMin)) {
					double all = Double.POSITIVE_INFINITY;
					double[] rlp = refl.get(Columns.RLP);
					for (int i = 0; i < refl.size(); i++) all = Math.min(all, d(rlp, i));
					dMin = Math.max(startDMin, all);
				}
			} else if (crystals.isEmpty()) {
				found = findLattice();
			} else {
				try {
					found = findLattice();
				} catch (IndexingFailedException e) {
					log.accept("Indexing remaining reflections failed");
					found = null;
				}
			}
			if (found != null) {
				crystals.add(found);
				identifiers.add(ExperimentList.newIdentifier());
			}
			if (Double.isNaN(dMinStep)) {
				int nCycles = p.refinementProtocol().nMacroCycles();
				if (p.refinementProtocol().dMinStep().isPresent()) {
					dMinStep = p.refinementProtocol().dMinStep().getAsDouble();
				} else if (Double.isNaN(dMin) || nCycles == 1) {
					dMinStep = 0;
				} else {
					double all = Double.POSITIVE_INFINITY;
					double[] rlp = refl.get(Columns.RLP);
					for (int i = 0; i < refl.size(); i++) all = Math.min(all, d(rlp, i));
					dMinStep = (dMin - all) / (nCycles - 1);
					log.accept(String.format(Locale.ROOT, "Using d_min_step %.1f", dMinStep));
				}
			}
			if (crystals.isEmpty()) throw failure();
			if (crystals.size() == nPrevious) {
				log.accept("No more suitable lattices could be found");
				break;
			}
			stop = macroCycles(nPrevious);
		}
		if (refined == null) throw new IndexingFailedException("none of the experiments could refine; try refinement_protocol.mode=repredict_only to inspect the indexing");
		if (stills && refined.has(Columns.XYZCAL_MM)) {
			finalRmsdPx = rmsdPx(experimentsFor(crystals), refined);
			if (!Double.isNaN(rmsdLimitPx) && finalRmsdPx > rmsdLimitPx)
				throw new IndexingFailedException(String.format(Locale.ROOT, "RMSD too high after refinement: %.2f px > stills.rmsd_min_px=%.1f", finalRmsdPx, rmsdLimitPx));
		}
		return finish();
	}

	// ------------------------------------------------------------------ setup

	private void setup() throws IndexingFailedException {
		if (refl.size() == 0) throw new IndexingFailedException("no reflections left to index (the strong spot list is empty)");
		ReciprocalSpaceMapping.centroidPxToMm(imported, refl);
		ReciprocalSpaceMapping.mapCentroidsToReciprocalSpace(imported, refl);
		ReciprocalSpaceMapping.calculateEnteringFlags(imported, refl);
		findMaxCell();
		if (p.sigmaPhiDeg().isPresent()) {
			double[] var = refl.get(Columns.XYZOBS_MM_VARIANCE);
			double v = Math.pow(Math.toRadians(p.sigmaPhiDeg().getAsDouble()), 2);
			for (int i = 0; i < refl.size(); i++) var[3 * i + 2] = v;
		}
		int[] id = new int[refl.size()];
		Arrays.fill(id, -1);
		refl.put(Columns.ID, id);
		refl.put(Columns.MILLER_INDEX, new int[3 * refl.size()]);
	}

	private void findMaxCell() throws IndexingFailedException {
		if (p.maxCell().isPresent()) {
			maxCell = p.maxCell().getAsDouble();
			return;
		}
		IndexingParameters.MaxCellEstimation m = p.maxCellEstimation();
		if (symmetry.primitiveCell() != null) {
			double[] c = symmetry.primitiveCell().parameters();
			maxCell = m.multiplier() * Math.max(c[0], Math.max(c[1], c[2]));
			log.accept(String.format(Locale.ROOT, "Using max_cell: %.1f Angstrom", maxCell));
			return;
		}
		MaxCellEstimator.Settings s = new MaxCellEstimator.Settings(m.filterIce(), m.filterOverlaps(), m.overlapsBorder(), m.multiplier(), m.stepSize(),
				m.nearestNeighborPercentile().orElse(Double.NaN), m.histogramBinning() == IndexingParameters.HistogramBinning.LOG, m.nnPerBin(),
				m.maxHeightFraction());
		maxCell = MaxCellEstimator.estimate(refl, s).maxCell();
		log.accept(String.format(Locale.ROOT, "Found max_cell: %.1f Angstrom", maxCell));
	}

	public double maxCell() { return maxCell; }

	// ------------------------------------------------------------------ lattice search

	private Crystal findLattice() throws IndexingFailedException {
		BasisVectorSearch search = BasisVectorSearches.byName(p.method());
		// reflections not yet indexed, within d_min_start
		double dStart = p.refinementProtocol().dMinStart().orElse(Double.NaN);
		int[] id = refl.get(Columns.ID);
		double[] rlp = refl.get(Columns.RLP);
		List<Integer> sel = new ArrayList<>();
		for (int i = 0; i < refl.size(); i++) if (id[i] == -1 && (Double.isNaN(dStart) || d(rlp, i) > dStart)) sel.add(i);
		double[] sub = new double[3 * sel.size()];
		for (int k = 0; k < sel.size(); k++) System.arraycopy(rlp, 3 * sel.get(k), sub, 3 * k, 3);
		BasisVectorSearch.Context ctx = new BasisVectorSearch.Context(maxCell, p.minCell(), symmetry.primitiveCell(), p, log, p.threads());
		if (search.needsTargetCell() && symmetry.primitiveCell() == null)
			throw new IndexingFailedException("indexing.method=" + search.name() + " needs the unit cell: give unit_cell= and space_group=");
		progress.begin("basis vector search (" + search.name() + ")", 1);
		BasisVectorSearch.Result r = search.find(sub, ctx);
		progress.worked(1);
		// as DIALS, every lattice search starts again from d_min_start (or the search's resolution)
		dMin = dStart;
		if (Double.isNaN(dMin)) {
			double m = Double.POSITIVE_INFINITY;
			for (int k = 0; k < sel.size(); k++) if (r.usedInIndexing()[k]) m = Math.min(m, d(rlp, sel.get(k)));
			dMin = m;
		}
		List<Vec3> vectors = r.vectors();
		if (p.optimiseInitialBasisVectors()) vectors = BasisVectorOptimiser.optimise(usedRlps(sub, r.usedInIndexing()), vectors);
		Iterator<Crystal> cands = CandidateBases.candidates(vectors, p.basisVectorCombinations().maxCombinations().orElse(0));
		return chooseBest(cands);
	}

	private static double[] usedRlps(double[] sub, boolean[] used) {
		int n = 0;
		for (boolean b : used) if (b) n++;
		double[] out = new double[3 * n];
		for (int i = 0, k = 0; i < used.length; i++) if (used[i]) System.arraycopy(sub, 3 * i, out, 3 * k++, 3);
		return out;
	}

	/** One candidate ready for evaluation: the (possibly symmetrized) model and its indexed reflections. */
	private record Candidate(Crystal crystal, ReflectionTable table, ExperimentList experiments) {}

	private Crystal chooseBest(Iterator<Crystal> cands) throws IndexingFailedException {
		int maxRefine = p.basisVectorCombinations().maxRefine().orElse(stills ? 5 : 50);
		boolean targetCell = symmetry.primitiveCell() != null;
		int[] id = refl.get(Columns.ID);
		double[] rlp = refl.get(Columns.RLP);
		double[] mm = refl.get(Columns.XYZOBS_MM_VALUE);
		int[] iset = refl.get(Columns.IMAGESET_ID);
		boolean[] base = new boolean[refl.size()];
		for (int i = 0; i < refl.size(); i++) {
			base[i] = id[i] == -1 && (Double.isNaN(dMin) || d(rlp, i) > dMin);
			Experiment e = imported.get(iset[i]);
			if (e.scan() != null && !e.isStill()) {
				double[] range = e.scan().oscillationRange();
				if (range[1] - range[0] > 360 && mm[3 * i + 2] > Math.toRadians(range[0]) + 2 * Math.PI) base[i] = false;
			}
		}
		ReflectionTable pool = lean(refl).select(base);
		List<Candidate> args = new ArrayList<>();
		int examined = 0;
		while (cands.hasNext() && args.size() < maxRefine) {
			Crystal cm = cands.next();
			examined++;
			if (!crystals.isEmpty() && tooSimilar(cm)) continue;
			Crystal model = cm;
			SymmetryHandler.Applied applied = null;
			if (symmetry.hasTarget()) {
				// filter_known_symmetry: the lattice must be compatible with the target
				applied = symmetry.apply(model);
				if (applied == null) continue;
			}
			ReflectionTable t = pool.select(Repredict.allRows(pool.size()));
			ExperimentList el = experimentsFor(List.of(model));
			assign(el, t, Double.NaN, true);
			if (countIndexed(t) == 0) continue;
			double threshold = p.basisVectorCombinations().sysAbsentThreshold();
			if (threshold > 0 && !targetCell) {
				Crystal corrected = correctNonPrimitive(model, t, threshold);
				if (corrected == null) continue;
				if (countIndexed(t) == 0) continue;
				if (corrected.volume() < p.minCellVolume()) continue;
				if (corrected != model) applied = null;
				model = corrected;
			}
			if (symmetry.hasTarget()) {
				SymmetryHandler.Applied a = applied != null ? applied : symmetry.apply(model);
				if (a == null) continue;
				model = a.p1Symmetrized();
			}
			args.add(new Candidate(model, t, experimentsFor(List.of(model))));
		}
		if (stills) return chooseBestStill(args);
		List<CandidateEvaluator.Score> scores = evaluateAll(args);
		if (scores.isEmpty()) return null;
		log.accept("Candidate solutions:");
		log.accept(ModelRank.table(scores, p.basisVectorCombinations()));
		int best = ModelRank.best(scores, p.basisVectorCombinations());
		if (best < 0) return null;
		return scores.get(best).crystal();
	}

	/** A table with only the columns candidate scoring needs (no shoeboxes to copy). */
	private static ReflectionTable lean(ReflectionTable t) {
		ReflectionTable l = new ReflectionTable(t.size());
		l.put(Columns.RLP, t.get(Columns.RLP));
		l.put(Columns.XYZOBS_MM_VALUE, t.get(Columns.XYZOBS_MM_VALUE));
		l.put(Columns.XYZOBS_MM_VARIANCE, t.get(Columns.XYZOBS_MM_VARIANCE));
		l.put(Columns.XYZOBS_PX_VALUE, t.get(Columns.XYZOBS_PX_VALUE));
		l.put(Columns.S1, t.get(Columns.S1));
		l.put(Columns.ENTERING, t.get(Columns.ENTERING));
		l.put(Columns.PANEL, t.get(Columns.PANEL));
		l.put(Columns.IMAGESET_ID, t.get(Columns.IMAGESET_ID));
		l.put(Columns.ID, t.get(Columns.ID));
		l.put(Columns.FLAGS, t.get(Columns.FLAGS));
		return l;
	}

	/**
	 * Stills: each candidate is refined and the one with the lowest positional RMSD (px) wins, as
	 * DIALS's stills indexer; an RMSD above {@code stills.rmsd_min_px} fails.
	 */
	private Crystal chooseBestStill(List<Candidate> args) throws IndexingFailedException {
		Crystal best = null;
		double bestRmsd = Double.POSITIVE_INFINITY;
		int bestN = 0;
		List<List<String>> rows = new ArrayList<>();
		for (Candidate c : args) {
			ReflectionTable idx = c.table().select(c.table().selectFlags(ReflectionFlag.INDEXED.mask()));
			double rmsd;
			Crystal model = c.crystal();
			if (p.stills().refineAllCandidates()) {
				try {
					// refine, re-index all spots with the refined model, refine again (until no more spots index)
					ExperimentList el = c.experiments();
					IndexingRefiner.Outcome o = refiner.refine(el, idx, x -> {});
					int nPrev = idx.size();
					for (int round = 0; round < 3; round++) {
						model = o.experiments().get(0).crystal();
						ReflectionTable t2 = c.table().select(Repredict.allRows(c.table().size()));
						java.util.Arrays.fill(t2.get(Columns.ID), -1);
						long[] f2 = t2.get(Columns.FLAGS);
						for (int i = 0; i < f2.length; i++) f2[i] &= ~ReflectionFlag.INDEXED.mask();
						el = new ExperimentList(List.of(o.experiments().get(0)));
						assign(el, t2, Double.NaN, true);
						ReflectionTable idx2 = t2.select(t2.selectFlags(ReflectionFlag.INDEXED.mask()));
						if (idx2.size() <= nPrev) break;
						IndexingRefiner.Outcome o2 = refiner.refine(el, idx2, x -> {});
						o = o2;
						idx = idx2;
						nPrev = idx2.size();
					}
					rmsd = rmsdPx(o.experiments(), o.reflections());
					model = o.experiments().get(0).crystal();
				} catch (IndexingFailedException | RuntimeException e) {
					log.accept("Couldn't refine candidate: " + e.getMessage());
					continue;
				}
			} else {
				idx.put(Columns.XYZCAL_MM, Repredict.predict(c.experiments(), idx));
				long[] f = idx.get(Columns.FLAGS);
				for (int i = 0; i < f.length; i++) f[i] |= ReflectionFlag.USED_IN_REFINEMENT.mask();
				rmsd = rmsdPx(c.experiments(), idx);
			}
			rows.add(List.of(ModelRank.cell(model), String.valueOf(idx.size()), String.format(Locale.ROOT, "%.2f", rmsd)));
			if (rmsd < bestRmsd) {
				bestRmsd = rmsd;
				best = model;
				bestN = idx.size();
			}
		}
		if (best == null) return null;
		log.accept("Candidate solutions (stills, by positional RMSD):");
		log.accept(Tabulate.psql(List.of("unit_cell", "#indexed", "rmsd (px)"), rows));
		double limit = Double.isNaN(candidateRmsdLimitPx) ? p.stills().rmsdMinPx() : candidateRmsdLimitPx;
		if (p.stills().refineAllCandidates() && bestRmsd > limit)
			throw new IndexingFailedException(String.format(Locale.ROOT, "RMSD too high: the best of %d candidate lattice(s) indexes %d spots with a positional RMSD of %.2f px "
					+ "> stills.rmsd_min_px=%.1f; check the geometry (bragg search_beam_position) or the known cell", args.size(), bestN, bestRmsd,
					limit));
		if (symmetry.hasTarget() && !deferSymmetry) {
			SymmetryHandler.Applied a = symmetry.apply(best);
			if (a == null) return null;
			best = a.p1Symmetrized();
		}
		return best;
	}

	/** Positional RMSD √(⟨Δx² + Δy²⟩) in px over rows used in refinement. */
	static double rmsdPx(ExperimentList el, ReflectionTable t) {
		double[] obs = t.get(Columns.XYZOBS_MM_VALUE), cal = t.get(Columns.XYZCAL_MM);
		long[] flags = t.get(Columns.FLAGS);
		int[] id = t.get(Columns.ID);
		long[] panel = t.get(Columns.PANEL);
		double s = 0;
		int n = 0;
		for (int i = 0; i < t.size(); i++) {
			if ((flags[i] & ReflectionFlag.USED_IN_REFINEMENT.mask()) == 0) continue;
			double[] ps = el.get(id[i]).detector().panel((int) panel[i]).pixelSize();
			double dx = (cal[3 * i] - obs[3 * i]) / ps[0], dy = (cal[3 * i + 1] - obs[3 * i + 1]) / ps[1];
			s += dx * dx + dy * dy;
			n++;
		}
		return n == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(s / n);
	}

	private boolean tooSimilar(Crystal cm) {
		for (Crystal c : crystals) if (Orientations.minimumAngleDeg(c, cm) < p.multipleLatticeSearch().minimumAngularSeparation()) return true;
		return false;
	}

	private List<CandidateEvaluator.Score> evaluateAll(List<Candidate> args) {
		CandidateEvaluator.Score[] out = new CandidateEvaluator.Score[args.size()];
		int threads = Math.max(1, Math.min(p.threads(), args.size()));
		if (threads == 1) {
			for (int i = 0; i < args.size(); i++) out[i] = evaluate(args.get(i));
		} else {
			ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
				Thread t = new Thread(r, "bragg-evaluate");
				t.setDaemon(true);
				return t;
			});
			try {
				List<Future<?>> fs = new ArrayList<>();
				for (int i = 0; i < args.size(); i++) {
					int k = i;
					fs.add(pool.submit(() -> out[k] = evaluate(args.get(k))));
				}
				for (Future<?> f : fs) f.get();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", e);
			} catch (java.util.concurrent.ExecutionException e) {
				throw new IllegalStateException("candidate evaluation failed: " + e.getCause(), e.getCause());
			} finally {
				pool.shutdownNow();
			}
		}
		List<CandidateEvaluator.Score> s = new ArrayList<>();
		for (CandidateEvaluator.Score x : out) if (x != null) s.add(x);
		return s;
	}

	private CandidateEvaluator.Score evaluate(Candidate c) {
		if (p.basisVectorCombinations().evaluation() == IndexingParameters.CandidateEvaluation.REFINE && refiner != null) {
			CandidateEvaluator.Score fast = CandidateEvaluator.evaluate(c.crystal(), c.experiments(), c.table());
			if (fast == null) return null;
			try {
				ReflectionTable idx = c.table().select(c.table().selectFlags(ReflectionFlag.INDEXED.mask()));
				IndexingRefiner.Outcome o = refiner.forCandidateScoring().refine(c.experiments(), idx, x -> {});
				double[] rmsd = rmsds(o.reflections());
				double xy = Math.hypot(rmsd[0], rmsd[1]);
				return new CandidateEvaluator.Score(c.crystal(), rmsd, fast.nIndexed(), fast.fractionIndexed(), 1 - xy, o.experiments().get(0).crystal());
			} catch (IndexingFailedException | RuntimeException e) {
				return null;
			}
		}
		return CandidateEvaluator.evaluate(c.crystal(), c.experiments(), c.table());
	}

	private static double[] rmsds(ReflectionTable t) {
		double[] obs = t.get(Columns.XYZOBS_MM_VALUE), cal = t.get(Columns.XYZCAL_MM);
		long[] flags = t.get(Columns.FLAGS);
		double[] s = new double[3];
		int n = 0;
		for (int i = 0; i < t.size(); i++) {
			if ((flags[i] & ReflectionFlag.CENTROID_OUTLIER.mask()) != 0) continue;
			n++;
			for (int c = 0; c < 3; c++) s[c] += Math.pow(cal[3 * i + c] - obs[3 * i + c], 2);
		}
		for (int c = 0; c < 3; c++) s[c] = n == 0 ? Double.NaN : Math.sqrt(s[c] / n);
		return s;
	}

	/** DIALS {@code non_primitive_basis.correct}: shrinks a basis whose indices obey a presence condition. */
	private Crystal correctNonPrimitive(Crystal model, ReflectionTable t, double threshold) {
		for (int iter = 0; iter < 20; iter++) {
			int[] tr = NonPrimitiveBasis.detect(t.get(Columns.MILLER_INDEX), threshold);
			if (tr == null) return model;
			double[] rows = NonPrimitiveBasis.correctDirect(CandidateBases.rows(model), tr);
			Crystal c;
			try {
				c = CandidateBases.fromRows(rows, model.spaceGroupHall());
			} catch (IllegalArgumentException e) {
				return null;
			}
			double[] pp = c.unitCellParameters();
			if (pp[0] * pp[1] * pp[2] / 25 > c.volume() || c.volume() < 25) return null;
			try {
				model = CandidateBases.niggli(c);
			} catch (RuntimeException e) {
				return null;
			}
			int[] id = t.get(Columns.ID);
			Arrays.fill(id, -1);
			long[] f = t.get(Columns.FLAGS);
			for (int i = 0; i < f.length; i++) f[i] &= ~ReflectionFlag.INDEXED.mask();
			assign(experimentsFor(List.of(model)), t, Double.NaN, true);
		}
		return model;
	}

	// ------------------------------------------------------------------ macro-cycles

	/** @return true to stop searching for more lattices */
	private boolean macroCycles(int nPrevious) throws IndexingFailedException {
		IndexingParameters.RefinementProtocol rp = p.refinementProtocol();
		for (int cycle = 0; cycle < rp.nMacroCycles(); cycle++) {
			if (progress.isCancelled()) throw new IndexingFailedException("indexing cancelled");
			if (cycle > 0 && !Double.isNaN(dMin) && dMinStep > 0) {
				double dm = Math.max(dMin - dMinStep, 0);
				if (rp.dMinFinal().isPresent()) dm = Math.max(dm, rp.dMinFinal().getAsDouble());
				dMin = dm;
				log.accept(String.format(Locale.ROOT, "Increasing resolution to %.2f Angstrom", dm));
			}
			int[] id = refl.get(Columns.ID);
			Arrays.fill(id, -1);
			assign(experimentsFor(crystals), refl, dMin, false);
			if (cycle == 0 && symmetry.hasTarget() && !deferSymmetry) applySymmetryPostIndexing(nPrevious);
			log.accept("");
			log.accept("Indexed crystal models:");
			showExperiments(experimentsFor(crystals), null);
			if (crystals.size() > 1 && checkSimilar()) return true;
			log.accept("");
			log.accept("#".repeat(80));
			log.accept(String.format(Locale.ROOT, "Starting refinement (macro-cycle %d)", cycle + 1));
			log.accept("#".repeat(80));
			log.accept("");
			double[] rlp = refl.get(Columns.RLP);
			id = refl.get(Columns.ID);
			boolean[] indexedSel = new boolean[refl.size()];
			boolean[] unSel = new boolean[refl.size()];
			for (int i = 0; i < refl.size(); i++) {
				indexedSel[i] = id[i] > -1;
				unSel[i] = (!Double.isNaN(dMin) && d(rlp, i) <= dMin) || id[i] == -1;
			}
			refl.setFlags(unSel, ReflectionFlag.INDEXED.mask(), false);
			unindexed = refl.select(unSel);
			ReflectionTable forRefinement = refl.select(indexedSel);
			ExperimentList experiments = experimentsFor(crystals);
			IndexingRefiner.Outcome out;
			try {
				IndexingRefiner r = rp.mode() == IndexingParameters.ProtocolMode.REPREDICT_ONLY ? IndexingRefiner.repredictOnly() : refiner;
				out = r.refine(experiments, forRefinement, log);
			} catch (IndexingFailedException e) {
				if (crystals.size() == 1) throw new IndexingFailedException("refinement after indexing failed: " + e.getMessage()
						+ "; try fixing more parameters (detector.fix=all, beam.fix=all), a known space_group=, or refinement_protocol.mode=repredict_only", e);
				log.accept("Refinement failed:");
				log.accept(e.getMessage());
				crystals.remove(crystals.size() - 1);
				identifiers.remove(identifiers.size() - 1);
				int last = crystals.size();
				int[] fid = forRefinement.get(Columns.ID);
				int removed = 0;
				for (int i = 0; i < fid.length; i++) if (fid[i] / nSets() == last) { fid[i] = -1; removed++; }
				log.accept(String.format(Locale.ROOT, "Removing %d reflections with id %d", removed, last));
				refined = forRefinement;
				return true;
			}
			volumeSanityCheck(experiments, out.experiments());
			refined = out.reflections();
			int[] rid = refined.get(Columns.ID);
			boolean[] neg = new boolean[refined.size()];
			for (int i = 0; i < neg.length; i++) neg[i] = rid[i] < 0;
			refined.setFlags(neg, ReflectionFlag.INDEXED.mask(), false);
			cellEsds = out.cellEsds();
			// take the refined geometry and crystals
			List<Experiment> geo = new ArrayList<>();
			for (int s = 0; s < nSets(); s++) {
				Experiment r = out.experiments().get(s);
				geo.add(geometry.get(s).withBeam(r.beam()).withDetector(r.detector()).withGoniometer(r.goniometer()).withScan(r.scan()));
			}
			geometry = new ExperimentList(geo);
			for (int c = 0; c < crystals.size(); c++) crystals.set(c, out.experiments().get(c * nSets()).crystal());
			ReciprocalSpaceMapping.mapCentroidsToReciprocalSpace(geometry, refl);
			log.accept("");
			log.accept("Refined crystal models:");
			showExperiments(experimentsFor(crystals), cellEsds);
			if (cycle >= 2 && rp.dMinFinal().isPresent() && dMin == rp.dMinFinal().getAsDouble()) {
				log.accept("Target d_min_final reached: finished with refinement");
				break;
			}
		}
		return false;
	}

	private void volumeSanityCheck(ExperimentList before, ExperimentList after) throws IndexingFailedException {
		if (p.refinementProtocol().disableUnitCellVolumeSanityCheck()) return;
		for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
			double v1 = before.get(i).crystal().volume(), v2 = after.get(i).crystal().volume();
			double change = Math.abs(v1 - v2) / v1;
			if (change > 0.5)
				throw new IndexingFailedException(String.format(Locale.ROOT, "unrealistic unit cell volume increase during refinement of %.1f%%; "
						+ "refine fewer parameters, either by enforcing symmetry constraints (space_group=) and/or disabling experimental geometry "
						+ "refinement (detector.fix=all and beam.fix=all); to disable this check set disable_unit_cell_volume_sanity_check=True", 100 * change));
		}
	}

	private void applySymmetryPostIndexing(int nPrevious) {
		int[] id = refl.get(Columns.ID);
		int[] hkl = refl.get(Columns.MILLER_INDEX);
		for (int c = nPrevious; c < crystals.size(); c++) {
			SymmetryHandler.Applied a = symmetry.apply(crystals.get(c));
			if (a == null) continue;
			Crystal target = a.inInputSetting(symmetry.inputSpaceGroup());
			crystals.set(c, target);
			ChangeOfBasisOp cb = a.cbP1ToInput();
			if (cb.isIdentity()) continue;
			int[] out = new int[3];
			for (int i = 0; i < refl.size(); i++) {
				if (id[i] < 0 || id[i] / nSets() != c) continue;
				cb.apply(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2], out, 0);
				hkl[3 * i] = out[0];
				hkl[3 * i + 1] = out[1];
				hkl[3 * i + 2] = out[2];
			}
		}
	}

	private boolean checkSimilar() {
		Crystal last = crystals.get(crystals.size() - 1);
		for (int i = 0; i < crystals.size() - 1; i++) {
			double angle = Orientations.minimumAngleDeg(crystals.get(i), last);
			if (angle < p.multipleLatticeSearch().minimumAngularSeparation()) {
				log.accept(String.format(Locale.ROOT, "Crystal models too similar, rejecting crystal %d:", crystals.size()));
				log.accept(String.format(Locale.ROOT, "Rotation of %.3f degrees between crystals %d and %d", angle, i + 1, crystals.size()));
				crystals.remove(crystals.size() - 1);
				identifiers.remove(identifiers.size() - 1);
				return true;
			}
		}
		return false;
	}

	// ------------------------------------------------------------------ helpers

	private int nSets() { return imported.size(); }

	/** One experiment per crystal and imageset, crystal-major, with the current geometry. */
	private ExperimentList experimentsFor(List<Crystal> cs) {
		List<Experiment> out = new ArrayList<>();
		for (int c = 0; c < cs.size(); c++) {
			for (int s = 0; s < nSets(); s++) {
				String ident = c < identifiers.size() && cs == crystals ? (nSets() == 1 ? identifiers.get(c) : identifiers.get(c) + "-" + s) : "";
				out.add(geometry.get(s).withCrystal(cs.get(c)).withIdentifier(ident));
			}
		}
		return new ExperimentList(out);
	}

	/**
	 * Assigns Miller indices (DIALS {@code index_reflections}): clears all indices, then indexes rows
	 * with id == −1 and d &gt; dMin against all crystals, per imageset; sets {@code id}, the indexed
	 * flag, and id = −1 where h = (0,0,0).
	 */
	private void assign(ExperimentList el, ReflectionTable t, double dm, boolean allRows) {
		int n = t.size();
		int nc = el.size() / nSets();
		double[] rlp = t.get(Columns.RLP);
		double[] mm = t.get(Columns.XYZOBS_MM_VALUE);
		int[] id = t.getOrCreate(Columns.ID);
		int[] iset = t.get(Columns.IMAGESET_ID);
		int[] hkl = new int[3 * n];
		long[] flags = t.getOrCreate(Columns.FLAGS);
		List<Mat3> as = new ArrayList<>();
		for (int c = 0; c < nc; c++) as.add(el.get(c * nSets()).crystal().a());
		for (int s = 0; s < nSets(); s++) {
			List<Integer> rows = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				if (iset[i] != s) continue;
				if (!Double.isNaN(dm) && !(d(rlp, i) > dm)) continue;
				if (id[i] != -1) continue;
				rows.add(i);
			}
			if (rows.isEmpty()) continue;
			double[] r = new double[3 * rows.size()];
			double[] phi = new double[rows.size()];
			for (int k = 0; k < rows.size(); k++) {
				System.arraycopy(rlp, 3 * rows.get(k), r, 3 * k, 3);
				phi[k] = mm[3 * rows.get(k) + 2];
			}
			IndexAssignment.Result res;
			IndexingParameters.IndexAssignment ia = p.indexAssignment();
			if (ia.method() == IndexingParameters.AssignmentMethod.LOCAL && rows.size() > ia.local().nearestNeighbours())
				res = IndexAssignment.local(r, phi, as, ia.local().epsilon(), ia.local().delta(), ia.local().lMin(), ia.local().nearestNeighbours());
			else res = IndexAssignment.simple(r, phi, as, ia.simple().hklTolerance());
			for (int k = 0; k < rows.size(); k++) {
				int i = rows.get(k);
				int lat = res.latticeId()[k];
				System.arraycopy(res.millerIndex(), 3 * k, hkl, 3 * i, 3);
				id[i] = lat < 0 ? -1 : lat * nSets() + s;
			}
		}
		for (int i = 0; i < n; i++) {
			boolean zero = hkl[3 * i] == 0 && hkl[3 * i + 1] == 0 && hkl[3 * i + 2] == 0;
			if (zero) id[i] = -1;
			else flags[i] |= ReflectionFlag.INDEXED.mask();
		}
		t.put(Columns.MILLER_INDEX, hkl);
	}

	private static int countIndexed(ReflectionTable t) {
		int c = 0;
		for (int v : t.get(Columns.ID)) if (v >= 0) c++;
		return c;
	}

	private double minIndexedD() {
		double[] rlp = refl.get(Columns.RLP);
		int[] id = refl.get(Columns.ID);
		double m = Double.POSITIVE_INFINITY;
		for (int i = 0; i < refl.size(); i++) if (id[i] > -1) m = Math.min(m, d(rlp, i));
		return m;
	}

	static double d(double[] rlp, int i) {
		return 1 / Math.sqrt(rlp[3 * i] * rlp[3 * i] + rlp[3 * i + 1] * rlp[3 * i + 1] + rlp[3 * i + 2] * rlp[3 * i + 2]);
	}

	/** DIALS {@code show_experiments}: the models and the % indexed table per imageset (spots with d &gt; d_min). */
	private void showExperiments(ExperimentList el, double[][] esds) {
		double[] rlp = refl.get(Columns.RLP);
		int[] id = refl.get(Columns.ID);
		for (int e = 0; e < el.size(); e++) {
			int count = 0;
			for (int i = 0; i < refl.size(); i++) if (id[i] == e && (Double.isNaN(dMin) || d(rlp, i) > dMin)) count++;
			log.accept(String.format(Locale.ROOT, "model %d (%d reflections):", e + 1, count));
			double[] es = esds != null && e < esds.length ? esds[e] : null;
			log.accept(Tabulate.crystal(el.get(e).crystal(), es).stripTrailing());
		}
		log.accept(indexedTable(refl, dMin, nSets()));
	}

	/** The "% indexed" table per imageset. */
	static String indexedTable(ReflectionTable t, double dMin, int nSets) {
		double[] rlp = t.get(Columns.RLP);
		long[] flags = t.get(Columns.FLAGS);
		int[] iset = t.get(Columns.IMAGESET_ID);
		int max = nSets - 1;
		for (int v : iset) max = Math.max(max, v);
		List<List<String>> rows = new ArrayList<>();
		for (int s = 0; s <= max; s++) {
			int idx = 0, un = 0;
			for (int i = 0; i < t.size(); i++) {
				if (iset[i] != s) continue;
				if (!Double.isNaN(dMin) && !(d(rlp, i) > dMin)) continue;
				if ((flags[i] & ReflectionFlag.INDEXED.mask()) != 0) idx++;
				else un++;
			}
			String pct = idx + un == 0 ? "0.0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * idx / (idx + un));
			rows.add(List.of(String.valueOf(s), String.valueOf(idx), String.valueOf(un), pct));
		}
		return Tabulate.psql(List.of("Imageset", "# indexed", "# unindexed", "% indexed"), rows);
	}

	private IndexingFailedException failure() {
		int n = refl.size();
		String tried = p.method() + String.format(Locale.ROOT, " with max_cell=%.1f Å", maxCell);
		if (symmetry.hasTarget()) tried += " and known symmetry " + symmetry;
		List<String> others = new ArrayList<>();
		for (String m : List.of("fft3d", "fft1d", "real_space_grid_search"))
			if (!m.equals(p.method()) && (symmetry.primitiveCell() != null || !m.equals("real_space_grid_search"))) others.add("indexing.method=" + m);
		String next = symmetry.primitiveCell() == null ? "try " + String.join(" or ", others) + ", a different max_cell=, or a known unit_cell= and space_group="
				: "try " + String.join(" or ", others) + ", a larger known_symmetry.max_delta or relative_length_tolerance, or no known symmetry to see what lattice the spots give";
		return new IndexingFailedException(String.format(Locale.ROOT, "no suitable lattice could be found for %d spots; tried %s; %s", n, tried, next));
	}

	// ------------------------------------------------------------------ output

	private IndexingResult finish() {
		ReflectionTable out = ReflectionTable.concat(List.of(refined, unindexed));
		ExperimentList el = experimentsFor(crystals);
		// xyzcal.px from xyzcal.mm
		if (out.has(Columns.XYZCAL_MM)) {
			double[] cal = out.get(Columns.XYZCAL_MM);
			double[] px = new double[cal.length];
			int[] iset = out.get(Columns.IMAGESET_ID);
			long[] panel = out.get(Columns.PANEL);
			int[] id = out.get(Columns.ID);
			for (int i = 0; i < out.size(); i++) {
				Experiment e = geometry.get(iset[i]);
				double[] xy = e.detector().panel((int) panel[i]).millimetreToPixel(cal[3 * i], cal[3 * i + 1]);
				px[3 * i] = xy[0];
				px[3 * i + 1] = xy[1];
				px[3 * i + 2] = e.scan() != null && !e.isStill() ? e.scan().arrayIndexFromAngle(Math.toDegrees(cal[3 * i + 2])) : cal[3 * i + 2];
			}
			out.put(Columns.XYZCAL_PX, px);
		}
		Map<Integer, String> ids = out.experimentIdentifiers();
		ids.clear();
		for (int e = 0; e < el.size(); e++) ids.put(e, el.get(e).identifier());
		double[] frac = new double[nSets()];
		long[] flags = out.get(Columns.FLAGS);
		int[] iset = out.get(Columns.IMAGESET_ID);
		for (int s = 0; s < nSets(); s++) {
			int a = 0, b = 0;
			for (int i = 0; i < out.size(); i++) {
				if (iset[i] != s) continue;
				b++;
				if ((flags[i] & ReflectionFlag.INDEXED.mask()) != 0) a++;
			}
			frac[s] = b == 0 ? 0 : (double) a / b;
		}
		return new IndexingResult(el, out, maxCell, frac, List.of());
	}
}
