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
 * <p>Scan-varying crystal models keep DIALS's conventions: the static A is the one of the static macrocycle,
 * A is sampled at the start of each image plus one (n + 1 points for n images), and the orientation and cell
 * at each point are smoothed rotations/metric changes relative to the static model. With a scan-varying
 * crystal and a refined beam and detector, a common small rotation of beam, detector and crystal about a lab
 * axis other than the spindle is nearly degenerate (the crystal's scan-varying rotation can follow the
 * rotation as φ changes): the scan-varying orientation can then settle a few tenths of a degree from the
 * static one with the beam and detector turned by the same few mrad, as DIALS 3.12 does on the same input
 * (dials.refine on Bragg's sim_xray_1a8o indexed input: 0.25°; DIALS's own sim_ed_1hpv run: 0.54°). Fixing
 * the beam and detector ({@code beam.fix=all detector.fix=all}) in the scan-varying run removes it.
 *
 * @since 0.1
 */
package org.bragg.refinement;
