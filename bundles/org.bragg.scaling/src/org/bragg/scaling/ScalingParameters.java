package org.bragg.scaling;

import org.bragg.params.Param;

/**
 * Parameters of {@link Scaler} ({@code dials.scale}, physical model subset).
 *
 * @param scaleInterval     spacing of the smoothed scale parameters in φ (degrees); ≤ 0 = auto as DIALS
 *                          ((1, 1.5) for &lt; 5°, (2, 3) for &lt; 10°, (4, 5) for &lt; 25°, (8, 10) for &lt; 90°, (15, 20) otherwise)
 * @param decayInterval     spacing of the smoothed B parameters (degrees); ≤ 0 = auto
 * @param decayRestraint    weight of the restraint Σ B² (Å⁴)
 * @param outlierZmax       outlier rejection limit on the normalised deviation
 * @param nCycles           scaling macro-cycles (model refinement, error model, outlier rejection)
 * @param errorModel        refine the basic error model σ'² = a²(σ² + (bI)²)
 * @since 0.1
 */
public record ScalingParameters(
		@Param(help = "Parameter spacing of the scale term in phi (Auto if <= 0)", unit = "deg") double scaleInterval,
		@Param(help = "Parameter spacing of the decay term in phi (Auto if <= 0)", unit = "deg") double decayInterval,
		@Param(help = "Restraint weight pulling B towards zero") double decayRestraint,
		@Param(help = "Outlier rejection limit on the normalised deviation") double outlierZmax,
		@Param(help = "Number of scaling macro-cycles", min = 1) int nCycles,
		@Param(help = "Refine the basic error model a, b") boolean errorModel) {
	public static ScalingParameters defaults() { return new ScalingParameters(0, 0, 0.1, 6.0, 3, true); }
}
