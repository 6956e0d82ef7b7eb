/**
 * Geometry refinement, reflection prediction, Bravais-lattice search and reindexing, as DIALS's
 * {@code dials.refine}, {@code dials.refine_bravais_settings} and {@code dials.reindex} (Waterman et al.
 * 2016, Acta Cryst. D72, 558–575; Le Page 1982, J. Appl. Cryst. 15, 255).
 *
 * <ul>
 * <li>{@link org.bragg.refinement.Refiner#refine} — static or scan-varying refinement of experiments against
 * indexed reflections, with {@link org.bragg.refinement.RefinementParameters} nested as DIALS's
 * {@code refinement} scope; returns a {@link org.bragg.refinement.RefinementResult} with the step history
 * ({@link org.bragg.refinement.RmsdStep}) and {@link org.bragg.refinement.Diagnostics} (ESDs, corrgrams,
 * condition numbers), which {@link org.bragg.refinement.CorrelationPlots} writes as PNG and JSON.</li>
 * <li>{@link org.bragg.refinement.Predictor} — X, Y, φ (rotation) and X, Y, ΔΨ (stills) prediction of given
 * reflections and of all reflections to a resolution limit.</li>
 * <li>{@link org.bragg.refinement.BravaisSettings} — Le Page lattice symmetry with refinement and DIALS's
 * recommendation heuristic; {@link org.bragg.refinement.Reindex} — change of basis of experiments and
 * reflections.</li>
 * </ul>
 *
 * <p>Frames and units are DIALS's: laboratory frame, mm, Å, radians in reflection columns; parameter
 * values in DIALS's units (mrad for angles, mm for shifts, 10⁵·Å⁻² for metric-tensor elements). Inputs are
 * never modified; results are new objects.
 *
 * @since 0.1
 */
package org.bragg.refinement;
