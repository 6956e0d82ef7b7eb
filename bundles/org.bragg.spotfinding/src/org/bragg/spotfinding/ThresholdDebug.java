package org.bragg.spotfinding;

import java.util.Objects;

import org.bragg.spotfinding.internal.DispersionExtendedThreshold;
import org.bragg.spotfinding.internal.DispersionThreshold;
import org.bragg.spotfinding.internal.GlobalThreshold;
import org.bragg.spotfinding.internal.PanelImage;
import org.bragg.spotfinding.internal.RadialProfileThreshold;
import org.bragg.spotfinding.internal.ThresholdKernel;
import org.bragg.spotfinding.internal.ThresholdMaps;

/**
 * The intermediate images of the spot threshold on one panel, for the image viewer's threshold
 * modes (DIALS image viewer: mean, variance, dispersion, σ<sub>b</sub>, σ<sub>s</sub>, global, threshold)
 * and for checking parameters. Computed with the same kernels as {@link SpotFinder}, so
 * {@link Mode#THRESHOLD} is exactly the set of strong pixels spot finding uses for this image and mask.
 *
 * <p>Every map has {@code nFast·nSlow} elements, row-major with the slow index outermost (pixel (x, y)
 * at {@code y·nFast + x}). Pixel values are in the units given (normally gain-corrected counts).
 * Immutable after construction; arrays returned are copies.
 *
 * <p><b>Fast path.</b> {@link #compute(int[], boolean[], int, int, SpotFindingParameters.Threshold, Mode)}
 * with {@link Mode#THRESHOLD} runs only the spot-finding kernel (no stored intermediate maps; about a
 * third of the time of every map on a Pilatus 6M frame); {@link #has(Mode)} tells which maps exist.
 *
 * @since 0.1
 */
public final class ThresholdDebug {

	/** The maps that can be shown. */
	public enum Mode {
		/** Local mean in the kernel window (dispersion algorithms); double. */
		MEAN(false),
		/** Local sample variance; double. */
		VARIANCE(false),
		/** Index of dispersion, variance/mean; double. */
		DISPERSION(false),
		/** The σ<sub>b</sub> (dispersion) test passed; boolean. */
		SIGMA_B(true),
		/** The σ<sub>s</sub> (strong value) test passed (dispersion_extended: and inside the eroded region); boolean. */
		SIGMA_S(true),
		/** Value above the global threshold; boolean. */
		GLOBAL(true),
		/** dispersion_extended: pixels used as background in the second window; boolean. */
		BACKGROUND(true),
		/** dispersion_extended: mean of the background pixels in the second (wider) window; double. */
		BACKGROUND_MEAN(false),
		/** The strong pixels; boolean. */
		THRESHOLD(true);

		private final boolean bool;

		Mode(boolean bool) { this.bool = bool; }

		/** @return true if the map is a boolean mask, false if it is a double image */
		public boolean isMask() { return bool; }
	}

	private final int nFast;
	private final int nSlow;
	/** every map (full path), or null (fast path) */
	private final ThresholdMaps maps;
	/** fast path: the one mask computed (THRESHOLD or GLOBAL), else null */
	private final boolean[] only;
	private final Mode onlyMode;
	private final double globalThreshold;

	private ThresholdDebug(int nFast, int nSlow, ThresholdMaps maps, double globalThreshold) {
		this(nFast, nSlow, maps, null, null, globalThreshold);
	}

	private ThresholdDebug(int nFast, int nSlow, ThresholdMaps maps, boolean[] only, Mode onlyMode, double globalThreshold) {
		this.nFast = nFast;
		this.nSlow = nSlow;
		this.maps = maps;
		this.only = only;
		this.onlyMode = onlyMode;
		this.globalThreshold = globalThreshold;
	}

	/**
	 * Computes the maps of a dispersion or dispersion_extended threshold.
	 *
	 * @param image  pixel values, nFast·nSlow, row-major. Not modified.
	 * @param mask   usable pixels (true = use), same layout. Not modified.
	 * @param params the threshold parameters (algorithm dispersion or dispersion_extended);
	 *               {@code global_threshold=Auto} is estimated from this image
	 * @throws IllegalArgumentException if sizes do not match, or the algorithm is radial_profile (use
	 *                                  {@link #radialProfile})
	 */
	public static ThresholdDebug compute(double[] image, boolean[] mask, int nFast, int nSlow, SpotFindingParameters.Threshold params) {
		return compute(PanelImage.of(nFast, nSlow, image), mask, params);
	}

	/** As {@link #compute(double[], boolean[], int, int, SpotFindingParameters.Threshold)} for integer counts. */
	public static ThresholdDebug compute(int[] image, boolean[] mask, int nFast, int nSlow, SpotFindingParameters.Threshold params) {
		return compute(PanelImage.of(nFast, nSlow, image), mask, params);
	}

	/**
	 * Computes only what one map needs (the fast path of the image viewer's threshold preview).
	 * {@link Mode#THRESHOLD}: the strong pixels, computed by the very kernel call {@link SpotFinder} makes
	 * ({@code ThresholdKernel.threshold}: summed-area tables and the dispersion tests, no stored
	 * intermediate maps), so they equal {@code find_spots}'s strong pixels for the same image, mask and
	 * parameters; {@link Mode#GLOBAL}: only the global-threshold test. Any other mode computes every map,
	 * as {@link #compute(double[], boolean[], int, int, SpotFindingParameters.Threshold)}. Only the maps
	 * for which {@link #has(Mode)} is true may be read.
	 *
	 * @param image  pixel values, nFast·nSlow, row-major (slow index outermost). Not modified.
	 * @param mask   usable pixels (true = use), same layout. Not modified.
	 * @param params the threshold parameters (dispersion or dispersion_extended)
	 * @param mode   the map that will be shown
	 * @throws IllegalArgumentException as {@link #compute(double[], boolean[], int, int, SpotFindingParameters.Threshold)}
	 */
	public static ThresholdDebug compute(double[] image, boolean[] mask, int nFast, int nSlow, SpotFindingParameters.Threshold params, Mode mode) {
		return compute(PanelImage.of(nFast, nSlow, image), mask, params, Objects.requireNonNull(mode, "mode"));
	}

	/** As {@link #compute(double[], boolean[], int, int, SpotFindingParameters.Threshold, Mode)} for integer counts. */
	public static ThresholdDebug compute(int[] image, boolean[] mask, int nFast, int nSlow, SpotFindingParameters.Threshold params, Mode mode) {
		return compute(PanelImage.of(nFast, nSlow, image), mask, params, Objects.requireNonNull(mode, "mode"));
	}

	private static ThresholdDebug compute(PanelImage img, boolean[] mask, SpotFindingParameters.Threshold params) {
		return compute(img, mask, params, null);
	}

	/** @param mode the one map wanted (fast path for THRESHOLD and GLOBAL), or null for every map */
	private static ThresholdDebug compute(PanelImage img, boolean[] mask, SpotFindingParameters.Threshold params, Mode mode) {
		Objects.requireNonNull(params, "params");
		if (mask.length != img.size()) throw new IllegalArgumentException("mask has " + mask.length + " elements, image " + img.size());
		SpotFindingParameters.Dispersion d = params.dispersion();
		double gain = d.gain().isPresent() ? d.gain().getAsDouble() : Double.NaN;
		double thr = d.globalThreshold().isPresent() ? d.globalThreshold().getAsDouble() : GlobalThreshold.estimate(img);
		ThresholdKernel kernel = switch (params.algorithm()) {
			case DISPERSION -> new DispersionThreshold(d.kernelSize(), d.sigmaBackground(), d.sigmaStrong(), thr, d.minLocal(), gain);
			case DISPERSION_EXTENDED -> new DispersionExtendedThreshold(d.kernelSize(), d.sigmaBackground(), d.sigmaStrong(), thr, d.minLocal(), gain);
			default -> throw new IllegalArgumentException("radial_profile needs the panel geometry: use ThresholdDebug.radialProfile");
		};
		if (mode == Mode.THRESHOLD) {
			boolean[] strong = new boolean[img.size()];
			kernel.threshold(img, mask, strong);
			return new ThresholdDebug(img.width(), img.height(), null, strong, mode, thr);
		}
		if (mode == Mode.GLOBAL) {
			boolean[] global = new boolean[img.size()];
			globalMask(img, mask, thr, global);
			return new ThresholdDebug(img.width(), img.height(), null, global, mode, thr);
		}
		ThresholdMaps maps = new ThresholdMaps(img.size());
		if (kernel instanceof DispersionThreshold k) k.debug(img, mask, maps);
		else ((DispersionExtendedThreshold) kernel).debug(img, mask, maps);
		return new ThresholdDebug(img.width(), img.height(), maps, thr);
	}

	/** dst = usable and value &gt; threshold (the kernels' global test, as their debug maps record it). */
	private static void globalMask(PanelImage img, boolean[] mask, double thr, boolean[] dst) {
		int n = img.size();
		if (img.ints() != null) {
			int[] v = img.ints();
			for (int k = 0; k < n; k++) dst[k] = mask[k] && v[k] > thr;
		} else {
			double[] v = img.doubles();
			for (int k = 0; k < n; k++) dst[k] = mask[k] && v[k] > thr;
		}
	}

	/**
	 * The radial_profile threshold of one panel: only {@link Mode#THRESHOLD} and {@link Mode#GLOBAL}
	 * (all false) are meaningful.
	 *
	 * @param twoTheta  2θ (radians) at each pixel corner, nFast·nSlow
	 * @param panelGain the panel gain (ADU per photon)
	 */
	public static ThresholdDebug radialProfile(double[] image, boolean[] mask, int nFast, int nSlow, double[] twoTheta, double panelGain,
			SpotFindingParameters.RadialProfile params) {
		PanelImage img = PanelImage.of(nFast, nSlow, image);
		ThresholdMaps maps = new ThresholdMaps(img.size());
		new RadialProfileThreshold(params.nIqr(), params.blur().map(b -> b.name().toLowerCase(java.util.Locale.ROOT)).orElse(null), params.nBins(),
				panelGain, twoTheta, nFast, nSlow).threshold(img, mask, maps.finalMask);
		return new ThresholdDebug(nFast, nSlow, maps, Double.NaN);
	}

	public int nFast() { return nFast; }

	public int nSlow() { return nSlow; }

	/** @return the global threshold used (resolved if it was Auto); NaN for radial_profile */
	public double globalThreshold() { return globalThreshold; }

	/** @return true if the map of {@code mode} was computed and may be read (always, except after the fast path) */
	public boolean has(Mode mode) {
		return maps != null || mode == onlyMode;
	}

	/**
	 * @return the number of true pixels of a mask map (without copying it)
	 * @throws IllegalArgumentException if the mode is a double image
	 * @throws IllegalStateException    if the map was not computed
	 */
	public long count(Mode mode) {
		if (!mode.isMask()) throw new IllegalArgumentException(mode + " is an image, not a mask");
		boolean[] m;
		if (maps == null) {
			if (mode != onlyMode) throw new IllegalStateException(mode + " was not computed (fast path for " + onlyMode + ")");
			m = only;
		} else {
			m = switch (mode) {
				case SIGMA_B -> maps.dispersionMask;
				case SIGMA_S -> maps.strongMask;
				case GLOBAL -> maps.globalMask;
				case BACKGROUND -> maps.backgroundMask;
				default -> maps.finalMask;
			};
		}
		long n = 0;
		for (boolean b : m) if (b) n++;
		return n;
	}

	private void requireMaps(Mode mode) {
		if (maps == null) throw new IllegalStateException(mode + " was not computed (fast path for " + onlyMode + ")");
	}

	/**
	 * @return a copy of a double map
	 * @throws IllegalArgumentException if the mode is a mask
	 * @throws IllegalStateException    if the map was not computed ({@link #has(Mode)} is false)
	 */
	public double[] image(Mode mode) {
		if (!mode.isMask()) requireMaps(mode);
		return switch (mode) {
			case MEAN -> maps.mean.clone();
			case VARIANCE -> maps.variance.clone();
			case DISPERSION -> maps.dispersion.clone();
			case BACKGROUND_MEAN -> maps.backgroundMean.clone();
			default -> throw new IllegalArgumentException(mode + " is a mask, use mask(Mode)");
		};
	}

	/**
	 * @return a copy of a mask map
	 * @throws IllegalArgumentException if the mode is a double image
	 * @throws IllegalStateException    if the map was not computed ({@link #has(Mode)} is false)
	 */
	public boolean[] mask(Mode mode) {
		if (mode.isMask() && maps == null) {
			if (mode != onlyMode) throw new IllegalStateException(mode + " was not computed (fast path for " + onlyMode + ")");
			return only.clone();
		}
		return switch (mode) {
			case SIGMA_B -> maps.dispersionMask.clone();
			case SIGMA_S -> maps.strongMask.clone();
			case GLOBAL -> maps.globalMask.clone();
			case BACKGROUND -> maps.backgroundMask.clone();
			case THRESHOLD -> maps.finalMask.clone();
			default -> throw new IllegalArgumentException(mode + " is an image, use image(Mode)");
		};
	}

	/** @return the map as doubles (masks as 0/1), convenient for display */
	public double[] asDoubles(Mode mode) {
		if (!mode.isMask()) return image(mode);
		boolean[] m = mask(mode);
		double[] d = new double[m.length];
		for (int i = 0; i < m.length; i++) d[i] = m[i] ? 1 : 0;
		return d;
	}
}
