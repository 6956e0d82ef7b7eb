package org.bragg.indexing.internal;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;

import org.bragg.indexing.IndexingFailedException;
import org.bragg.indexing.IndexingRefiner;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.refinement.RefinementException;
import org.bragg.refinement.RefinementParameters;
import org.bragg.refinement.RefinementResult;
import org.bragg.refinement.Refiner;

/**
 * Bragg's geometry refiner in indexing's macro-cycles, configured as {@code dials.index} configures
 * {@code dials.refine}: static refinement only ({@code scan_varying=False}), outlier rejection
 * {@code auto} → Tukey for scans and Sauter–Poon for stills. The returned table has the input
 * rows with {@code xyzcal.mm}, {@code xyzcal.px} and the refinement flags copied from the refiner.
 */
public final class RefinerAdapter implements IndexingRefiner {
	private final RefinementParameters params;

	public RefinerAdapter(RefinementParameters params) { this.params = params; }

	/** The refinement parameters adjusted for use inside indexing. */
	public static RefinementParameters forIndexing(RefinementParameters p, boolean stills) {
		RefinementParameters.Parameterisation par = p.parameterisation().withScanVarying(Optional.of(false));
		RefinementParameters.Reflections r = p.reflections();
		if (r.outlier().algorithm() == RefinementParameters.OutlierAlgorithm.AUTO)
			r = r.withOutlier(r.outlier().withAlgorithm(stills ? RefinementParameters.OutlierAlgorithm.SAUTER_POON : RefinementParameters.OutlierAlgorithm.TUKEY));
		return p.withParameterisation(par).withReflections(r);
	}

	/** The refinement used to score candidate lattices (DIALS {@code ModelEvaluation}): 4 iterations, ≤ 20 reflections per degree. */
	public static RefinementParameters forEvaluation(RefinementParameters p, boolean stills) {
		RefinementParameters q = forIndexing(p, stills);
		RefinementParameters.Parameterisation par = q.parameterisation()
				.withAutoReduction(new RefinementParameters.AutoReduction(q.parameterisation().autoReduction().minNrefPerParameter(),
						RefinementParameters.AutoReductionAction.FIX));
		RefinementParameters.Reflections r = q.reflections();
		double rpd = r.reflectionsPerDegree().isPresent() ? Math.min(r.reflectionsPerDegree().getAsDouble(), 20) : 20;
		r = r.withReflectionsPerDegree(OptionalDouble.of(rpd));
		return q.withParameterisation(par).withRefinery(q.refinery().withMaxIterations(OptionalInt.of(4))).withReflections(r);
	}

	@Override
	public IndexingRefiner withFixedBeamAndDetector() {
		RefinementParameters.Parameterisation par = params.parameterisation();
		par = par.withBeam(par.beam().withFix(java.util.EnumSet.of(RefinementParameters.BeamFix.ALL)))
				.withDetector(par.detector().withFix(java.util.EnumSet.of(RefinementParameters.DetectorFix.ALL)));
		return new RefinerAdapter(params.withParameterisation(par));
	}

	@Override
	public IndexingRefiner withFixedBeam() {
		RefinementParameters.Parameterisation par = params.parameterisation();
		par = par.withBeam(par.beam().withFix(java.util.EnumSet.of(RefinementParameters.BeamFix.ALL)));
		return new RefinerAdapter(params.withParameterisation(par));
	}

	@Override
	public IndexingRefiner forCandidateScoring() {
		RefinementParameters base = params;
		return new IndexingRefiner() {
			@Override
			public Outcome refine(ExperimentList experiments, ReflectionTable indexed, Consumer<String> log) throws IndexingFailedException {
				boolean stills = false;
				for (Experiment e : experiments) stills |= e.isStill();
				return new RefinerAdapter(forEvaluation(base, stills)).refine(experiments, indexed, log);
			}
		};
	}

	@Override
	public Outcome refine(ExperimentList experiments, ReflectionTable indexed, Consumer<String> log) throws IndexingFailedException {
		boolean stills = false;
		for (Experiment e : experiments) stills |= e.isStill();
		RefinementParameters p = forIndexing(params, stills);
		RefinementResult r;
		try {
			r = Refiner.refine(experiments, indexed, p, Progress.NONE, log);
		} catch (RefinementException e) {
			throw new IndexingFailedException(e.getMessage(), e);
		} catch (RuntimeException e) {
			throw new IndexingFailedException("refinement failed: " + e, e);
		}
		ReflectionTable out = indexed.select(Repredict.allRows(indexed.size()));
		ReflectionTable rr = r.reflections();
		if (rr.size() != out.size()) throw new IllegalStateException("refiner returned " + rr.size() + " rows for " + out.size());
		if (rr.has(Columns.XYZCAL_MM)) out.put(Columns.XYZCAL_MM, rr.get(Columns.XYZCAL_MM).clone());
		if (rr.has(Columns.XYZCAL_PX)) out.put(Columns.XYZCAL_PX, rr.get(Columns.XYZCAL_PX).clone());
		if (rr.has(Columns.ENTERING)) out.put(Columns.ENTERING, rr.get(Columns.ENTERING).clone());
		if (rr.has(Columns.DELPSICAL_RAD)) out.put(Columns.DELPSICAL_RAD, rr.get(Columns.DELPSICAL_RAD).clone());
		long[] f = out.get(Columns.FLAGS), g = rr.get(Columns.FLAGS);
		long mask = ReflectionFlag.USED_IN_REFINEMENT.mask() | ReflectionFlag.CENTROID_OUTLIER.mask();
		for (int i = 0; i < f.length; i++) f[i] = (f[i] & ~mask) | (g[i] & mask);
		return new Outcome(r.experiments(), out, null);
	}
}
