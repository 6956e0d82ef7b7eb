package org.bragg.scaling;

import java.util.Optional;
import java.util.OptionalDouble;

import org.bragg.params.Param;

/**
 * Parameters of {@link Scaler} ({@code dials.scale}, physical model subset; names as DIALS's
 * {@code physical.*}, {@code anomalous} and {@code cut_data.d_min}).
 *
 * @param scaleInterval        spacing of the smoothed scale parameters in φ (degrees); ≤ 0 = auto as DIALS
 *                             ((1, 1.5) for &lt; 5°, (2, 3) for &lt; 10°, (4, 5) for &lt; 25°, (8, 10) for &lt; 90°, (15, 20) otherwise)
 * @param decayInterval        spacing of the smoothed B parameters (degrees); ≤ 0 = auto
 * @param decayRestraint       weight of the restraint Σ B² (Å⁻⁴)
 * @param absorptionCorrection absorption surface on/off; empty = auto (on if the oscillation range exceeds 60°, as DIALS)
 * @param absorptionLevel      low/medium/high sets (lmax, surface_weight) to (4, 5e5)/(6, 5e4)/(6, 5e3) and turns absorption on
 * @param lmax                 highest spherical-harmonic order of the absorption surface; ≤ 0 = auto (4)
 * @param surfaceWeight        restraint weight on Σ P_lm²; ≤ 0 = auto (5e5)
 * @param intensityChoice      profile, sum or combine (DIALS's default: the prf/sum combination with the lowest R_meas)
 * @param anomalous            keep I(+) and I(−) as separate groups during scaling
 * @param dMin                 high-resolution cut (Å) of the data used and output; empty = none
 * @param outlierZmax          outlier rejection limit on the normalised deviation
 * @param nCycles              scaling macro-cycles (model refinement, error model, outlier rejection)
 * @param errorModel           refine the basic error model σ'² = a²(σ² + (bI)²)
 * @since 0.1
 */
public record ScalingParameters(
		@Param(help = "Parameter spacing of the scale term in phi (Auto if <= 0)", unit = "deg") double scaleInterval,
		@Param(help = "Parameter spacing of the decay term in phi (Auto if <= 0)", unit = "deg") double decayInterval,
		@Param(help = "Restraint weight pulling B towards zero") double decayRestraint,
		@Param(help = "Spherical-harmonic absorption correction (Auto: true if the oscillation range > 60 deg)", auto = true) Optional<Switch> absorptionCorrection,
		@Param(help = "Expected relative absorption: low (lmax 4, surface_weight 5e5), medium (6, 5e4), high (6, 5e3); turns absorption on") Optional<AbsorptionLevel> absorptionLevel,
		@Param(help = "Highest spherical-harmonic order of the absorption surface (Auto (4) if <= 0)") int lmax,
		@Param(help = "Restraint weight on the absorption coefficients (Auto (5e5) if <= 0)") double surfaceWeight,
		@Param(help = "Intensities to scale: profile, sum, or combine (choose Imid of w = 1/(1+(Isum/Imid)^3) by lowest Rmeas)") IntensityChoice intensityChoice,
		@Param(help = "Keep I(+) and I(-) separate during scaling") boolean anomalous,
		@Param(help = "High resolution cutoff for the data to scale", unit = "Å", min = 0) OptionalDouble dMin,
		@Param(help = "Outlier rejection limit on the normalised deviation") double outlierZmax,
		@Param(help = "Number of scaling macro-cycles", min = 1) int nCycles,
		@Param(help = "Refine the basic error model a, b") boolean errorModel) {

	/** A PHIL boolean that may be Auto. @since 0.1 */
	public enum Switch { TRUE, FALSE }

	/** {@code intensity_choice}. @since 0.1 */
	public enum IntensityChoice { PROFILE, SUM, COMBINE }

	/** {@code physical.absorption_level}. @since 0.1 */
	public enum AbsorptionLevel { LOW, MEDIUM, HIGH }

	public ScalingParameters {
		if (lmax > 12) throw new IllegalArgumentException("scaling.lmax: at most 12, got " + lmax);
	}

	public static ScalingParameters defaults() {
		return new ScalingParameters(0, 0, 0.1, Optional.empty(), Optional.empty(), 0, 0, IntensityChoice.COMBINE, false, OptionalDouble.empty(), 6.0, 3, true);
	}

	/** Whether the absorption term is used for an oscillation range of {@code rangeDeg} degrees (DIALS's auto rule). */
	public boolean absorptionFor(double rangeDeg) {
		if (absorptionLevel.isPresent()) return true;
		return absorptionCorrection.map(s -> s == Switch.TRUE).orElse(Math.abs(rangeDeg) > 60.0);
	}

	/** Effective {lmax, surface_weight}: from {@code absorption_level} if set, else the explicit values, else (4, 5e5). */
	public double[] effectiveAbsorption() {
		if (absorptionLevel.isPresent()) return switch (absorptionLevel.get()) {
			case HIGH -> new double[] { 6, 5e3 };
			case MEDIUM -> new double[] { 6, 5e4 };
			case LOW -> new double[] { 4, 5e5 };
		};
		return new double[] { lmax > 0 ? lmax : 4, surfaceWeight > 0 ? surfaceWeight : 5e5 };
	}

	/** A copy with the absorption switch set. */
	public ScalingParameters withAbsorption(boolean on) {
		return new ScalingParameters(scaleInterval, decayInterval, decayRestraint, Optional.of(on ? Switch.TRUE : Switch.FALSE), absorptionLevel, lmax, surfaceWeight,
				intensityChoice, anomalous, dMin, outlierZmax, nCycles, errorModel);
	}
}
