package org.bragg.indexing;

import java.util.function.Consumer;

import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;

/**
 * The refinement step of indexing's macro-cycles: refines static models against the reflections
 * indexed so far (as DIALS {@code Indexer.refine}). The default implementation delegates to Bragg's
 * geometry refiner; {@link #repredictOnly()} only recomputes predictions (DIALS
 * {@code refinement_protocol.mode=repredict_only}).
 *
 * <p>Input reflections have {@code id} ≥ 0 (the experiment), {@code miller_index},
 * {@code xyzobs.mm.value}/{@code variance}, {@code s1}, {@code entering}, {@code panel} and
 * {@code flags}. The returned table has the same rows in the same order, with {@code xyzcal.mm}
 * (x, y mm, φ rad; for stills φ is ΔΨ), and the {@code used_in_refinement} and
 * {@code centroid_outlier} flags set.
 *
 * @since 0.1
 */
public interface IndexingRefiner {

	/**
	 * @param experiments one experiment per lattice and imageset, with crystals
	 * @throws IndexingFailedException if refinement cannot run (too few reflections, diverged); the
	 *         indexer then drops the newest lattice or fails
	 */
	Outcome refine(ExperimentList experiments, ReflectionTable indexed, Consumer<String> log) throws IndexingFailedException;

	/**
	 * @param experiments refined experiments, in the order of the input
	 * @param reflections the input rows with predictions and flags
	 * @param cellEsds per experiment, standard uncertainties of a, b, c, α, β, γ (Å, °), or null
	 */
	record Outcome(ExperimentList experiments, ReflectionTable reflections, double[][] cellEsds) {}

	/**
	 * @return the refiner used to score candidate lattices when
	 *         {@code basis_vector_combinations.evaluation=refine} (DIALS: 4 iterations, at most 20
	 *         reflections per degree); by default this refiner itself
	 */
	default IndexingRefiner forCandidateScoring() { return this; }

	/** @return this refiner with beam and detector fixed (per-frame stills refinement); by default this refiner itself */
	default IndexingRefiner withFixedBeamAndDetector() { return this; }

	/** @return this refiner with the beam fixed (joint stills geometry refinement); by default this refiner itself */
	default IndexingRefiner withFixedBeam() { return this; }

	/**
	 * @return Bragg's geometry refiner ({@code org.bragg.refinement.Refiner}) with these parameters,
	 *         run static-only with Tukey (scans) or Sauter–Poon (stills) outlier rejection, as in
	 *         {@code dials.index}
	 */
	static IndexingRefiner bragg(org.bragg.refinement.RefinementParameters params) {
		return new org.bragg.indexing.internal.RefinerAdapter(params);
	}

	/**
	 * @return a crystal-only refinement for use without the geometry refiner: A = U·B fitted to the
	 *         indexed rlps by least squares with outlier rejection, constrained by the crystal's
	 *         space group; beam and detector unchanged
	 */
	static IndexingRefiner latticeFitOnly() { return org.bragg.indexing.internal.LatticeFitRefiner.INSTANCE; }

	/** @return a refiner that changes no model and only predicts {@code xyzcal.mm} */
	static IndexingRefiner repredictOnly() { return org.bragg.indexing.internal.Repredict.INSTANCE; }
}
