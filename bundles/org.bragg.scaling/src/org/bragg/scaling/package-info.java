/**
 * Scaling and merging as {@code dials.scale} and {@code dials.merge} (DIALS 3.12): {@link org.bragg.scaling.Scaler}
 * (scale, decay and spherical-harmonic absorption terms of the physical model, prf/sum intensity combination,
 * basic error model, outlier rejection; Beilsten-Edmands et al. 2020, Acta Cryst. D76, 385–399),
 * {@link org.bragg.scaling.PhysicalModel} (the model as stored in {@code scaled.expt}, and its evaluation),
 * {@link org.bragg.scaling.Merger} and {@link org.bragg.scaling.MergingStatistics}
 * (R_merge, R_meas, R_pim, CC½ by half-dataset split and σ-τ, completeness, anomalous completeness, multiplicity,
 * correlation, probability-plot slope, dF/F and dI/σ(dI) in 20 shells),
 * {@link org.bragg.scaling.ResolutionEstimate} (CC½ tanh fit), {@link org.bragg.scaling.FrenchWilson}
 * (French &amp; Wilson 1978) and {@link org.bragg.scaling.MergedMtz}.
 *
 * @since 0.1
 */
package org.bragg.scaling;
