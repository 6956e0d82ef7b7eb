package org.bragg.integration;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.bragg.params.Param;

/**
 * Parameters of integration, nested as {@code dials.integrate}'s scopes ({@code prediction}, {@code profile},
 * {@code background}, {@code mp}).
 *
 * <p>Differences from DIALS 3.12: {@code mp.nproc=Auto} resolves to all cores; profile fitting (on by default, as DIALS:
 * references are the strong spots matched with the predictions, on a regular 3×3 detector grid (one panel) times
 * 5° scan blocks) has no profile validation and, when no strong reflections are given, takes the fully recorded
 * reflections with I/σ(sum) ≥ 5 as references.
 *
 * @param prediction prediction scope
 * @param profile    profile model scope
 * @param background background model scope
 * @param mp         parallelism
 * @since 0.1
 */
public record IntegrationParameters(
		@Param(help = "Parameters for reflection prediction") Prediction prediction,
		@Param(help = "The profile model") Profile profile,
		@Param(help = "The background model") Background background,
		@Param(help = "Multiprocessing options") Mp mp) {

	public IntegrationParameters {
		Objects.requireNonNull(prediction, "prediction");
		Objects.requireNonNull(profile, "profile");
		Objects.requireNonNull(background, "background");
		Objects.requireNonNull(mp, "mp");
	}

	/** @return the DIALS 3.12 defaults (background glm, n_sigma 3, sigmas estimated, d_min = detector corner) */
	public static IntegrationParameters defaults() {
		return new IntegrationParameters(Prediction.defaults(), Profile.defaults(), Background.defaults(), Mp.defaults());
	}

	/** @return a copy with {@code background.algorithm} set */
	public IntegrationParameters withBackground(BackgroundAlgorithm a) { return new IntegrationParameters(prediction, profile, new Background(a, background.simpleModel(), background.simpleOutlier()), mp); }

	/** @return a copy with {@code mp.nproc} set */
	public IntegrationParameters withNproc(int n) { return new IntegrationParameters(prediction, profile, background, new Mp(OptionalInt.of(n))); }

	/** @return a copy with {@code profile} replaced */
	public IntegrationParameters withProfile(Profile p) { return new IntegrationParameters(prediction, p, background, mp); }

	/** @return a copy with {@code prediction.d_min} set (Å) */
	public IntegrationParameters withDMin(double dMin) { return new IntegrationParameters(new Prediction(OptionalDouble.of(dMin), prediction.padding()), profile, background, mp); }

	/** @return the number of worker threads ({@code mp.nproc}, Auto = all cores) */
	public int nproc() { return mp.nproc().orElse(Runtime.getRuntime().availableProcessors()); }

	/** Background algorithms ({@code background.algorithm}). {@code NULL} sets the background to zero. */
	public enum BackgroundAlgorithm { GLM, SIMPLE, NULL }

	/** {@code prediction}. */
	public record Prediction(
			@Param(help = "The minimum d-spacing for predictions. Auto: the resolution at the detector corners", unit = "Å", min = 0, auto = true) OptionalDouble dMin,
			@Param(help = "The padding in degrees", unit = "deg", min = 0) double padding) {
		public Prediction {
			Objects.requireNonNull(dMin, "prediction.d_min");
			if (!(padding >= 0)) throw new IllegalArgumentException("prediction.padding must be >= 0, found " + padding);
		}

		public static Prediction defaults() { return new Prediction(OptionalDouble.empty(), 1.0); }
	}

	/** {@code profile} (gaussian_rs). */
	public record Profile(
			@Param(help = "The number of standard deviations of the beam divergence and mosaicity to use for the bounding box size", min = 0) double nSigma,
			@Param(help = "Override the beam divergence. Auto: estimated from the strong spots", unit = "deg", min = 0, auto = true) OptionalDouble sigmaB,
			@Param(help = "Override the mosaicity. Auto: estimated from the strong spots (extended algorithm)", unit = "deg", min = 0, auto = true) OptionalDouble sigmaM,
			@Param(help = "Use 3D profile fitting in the Kabsch frame (reference profiles on a 3x3 detector grid) in addition to summation") boolean fitting) {
		public Profile {
			Objects.requireNonNull(sigmaB, "profile.sigma_b");
			Objects.requireNonNull(sigmaM, "profile.sigma_m");
			if (!(nSigma > 0)) throw new IllegalArgumentException("profile.n_sigma must be > 0, found " + nSigma);
		}

		public static Profile defaults() { return new Profile(3.0, OptionalDouble.empty(), OptionalDouble.empty(), true); }
	}

	/** Model of the simple background ({@code background.simple_model}; DIALS {@code background.simple.model.algorithm}). */
	public enum SimpleModel { CONSTANT3D, LINEAR2D }

	/** Outlier rejection of the simple background ({@code background.simple.outlier.algorithm}). */
	public enum OutlierAlgorithm { NULL, NSIGMA }

	/** {@code background}. */
	public record Background(
			@Param(help = "The background algorithm: glm (robust Poisson GLM, constant3d), simple (constant3d), null (zero)") BackgroundAlgorithm algorithm,
			@Param(help = "Model for the simple background: constant3d (one constant) or linear2d (a plane per frame)") SimpleModel simpleModel,
			@Param(help = "Outlier rejection for the simple background (DIALS background.simple.outlier.algorithm): null, or nsigma (3 sigma both sides)") OutlierAlgorithm simpleOutlier) {
		public Background {
			Objects.requireNonNull(algorithm, "background.algorithm");
			Objects.requireNonNull(simpleModel, "background.simple_model");
			Objects.requireNonNull(simpleOutlier, "background.simple_outlier");
		}

		public static Background defaults() { return new Background(BackgroundAlgorithm.GLM, SimpleModel.CONSTANT3D, OutlierAlgorithm.NULL); }
	}

	/** {@code mp}. */
	public record Mp(@Param(help = "The number of processes to use. Auto: all available cores.", min = 1, auto = true) OptionalInt nproc) {
		public Mp {
			Objects.requireNonNull(nproc, "mp.nproc");
			if (nproc.isPresent() && nproc.getAsInt() < 1) throw new IllegalArgumentException("mp.nproc must be >= 1, found " + nproc.getAsInt());
		}

		public static Mp defaults() { return new Mp(OptionalInt.empty()); }
	}
}
