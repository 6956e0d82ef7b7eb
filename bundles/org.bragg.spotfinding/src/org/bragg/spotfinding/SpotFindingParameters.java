package org.bragg.spotfinding;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.bragg.params.Param;
import org.bragg.params.Scope;

/**
 * Parameters of spot finding, nested as DIALS 3.12's {@code spotfinder} scope (so PHIL paths and
 * defaults match {@code dials.find_spots -c}). Defaults come from {@link #defaults()}; compact
 * constructors check bounds and throw {@link IllegalArgumentException} naming the PHIL path.
 * Immutable; arrays are copied in and out.
 *
 * <p>Differences from DIALS: {@code mp.nproc=Auto} (all cores) is the default, as
 * {@code dials.find_spots} overrides it; the cluster options ({@code mp.method}, {@code njobs},
 * {@code chunksize}) are absent because frames are spread over threads.
 *
 * @param lookup                external lookup files ({@code lookup.mask})
 * @param writeHotMask          compute the hot-pixel mask (pixels strong on every image)
 * @param hotMaskPrefix         prefix of the hot-mask file the CLI writes
 * @param force2d               label spots per image (2D) even for rotation sweeps
 * @param scanRange             image ranges {first, last} (inclusive; image numbers for sequences,
 *                              1-based positions in the imageset for stills); empty = all images
 * @param regionOfInterest      {x0, x1, y0, y1} px (x1, y1 exclusive) thresholded on every panel, or
 *                              empty for the whole panel
 * @param computeMeanBackground log the mean background of each image
 * @since 0.1
 */
@Scope(value = "spotfinder", help = "Parameters used in the spot finding algorithm.")
public record SpotFindingParameters(
		@Param(help = "Lookup files.") Lookup lookup,
		@Param(help = "Write the hot mask") boolean writeHotMask,
		@Param(help = "Prefix for the hot mask pickle file") String hotMaskPrefix,
		@Param(name = "force_2d", help = "Do spot finding in 2D") boolean force2d,
		@Param(help = "The range of images to use in finding spots. The ranges are inclusive (e.g. j0 <= j <= j1). "
				+ "For sequences the scan range is interpreted as the literal scan range, whereas for imagesets the "
				+ "scan range is interpreted as the image number in the imageset. Multiple ranges can be specified "
				+ "by repeating the scan_range= parameter.", size = 2) List<int[]> scanRange,
		@Param(help = "A region of interest to look for spots, x0,x1,y0,y1. The pixels x0 and y0 are included in the "
				+ "range but the pixels x1 and y1 are not.", unit = "px", size = 4) int[] regionOfInterest,
		@Param(help = "Compute the mean background for each image") boolean computeMeanBackground,
		@Param(help = "Parameters used in the spot finding filter strategy.") Filter filter,
		@Param(help = "Parallel processing.") Mp mp,
		@Param(help = "Threshold algorithm and its parameters.") Threshold threshold) {

	/** Checks the values. */
	public SpotFindingParameters {
		Objects.requireNonNull(lookup, "spotfinder.lookup");
		Objects.requireNonNull(hotMaskPrefix, "spotfinder.hot_mask_prefix");
		Objects.requireNonNull(filter, "spotfinder.filter");
		Objects.requireNonNull(mp, "spotfinder.mp");
		Objects.requireNonNull(threshold, "spotfinder.threshold");
		scanRange = List.copyOf(scanRange.stream().map(int[]::clone).toList());
		for (int[] r : scanRange) {
			if (r.length != 2) throw new IllegalArgumentException("spotfinder.scan_range needs 2 integers, got " + r.length);
			if (r[1] < r[0]) throw new IllegalArgumentException("spotfinder.scan_range " + r[0] + "," + r[1] + ": scan range must be in ascending order");
		}
		regionOfInterest = regionOfInterest == null ? new int[0] : regionOfInterest.clone();
		if (regionOfInterest.length != 0) {
			int[] r = regionOfInterest;
			if (r.length != 4 || r[0] < 0 || r[2] < 0 || r[0] >= r[1] || r[2] >= r[3])
				throw new IllegalArgumentException("spotfinder.region_of_interest must be x0,x1,y0,y1 with 0 <= x0 < x1 and 0 <= y0 < y1");
		}
	}

	/** @return the DIALS 3.12 defaults (with {@code mp.nproc=Auto}, as {@code dials.find_spots}) */
	public static SpotFindingParameters defaults() {
		return new SpotFindingParameters(Lookup.defaults(), false, "hot_mask", false, List.of(), new int[0], false, Filter.defaults(),
				Mp.defaults(), Threshold.defaults());
	}

	@Override public List<int[]> scanRange() { return scanRange.stream().map(int[]::clone).toList(); }
	@Override public int[] regionOfInterest() { return regionOfInterest.clone(); }

	public SpotFindingParameters withFilter(Filter f) {
		return new SpotFindingParameters(lookup, writeHotMask, hotMaskPrefix, force2d, scanRange, regionOfInterest, computeMeanBackground, f, mp, threshold);
	}

	public SpotFindingParameters withThreshold(Threshold t) {
		return new SpotFindingParameters(lookup, writeHotMask, hotMaskPrefix, force2d, scanRange, regionOfInterest, computeMeanBackground, filter, mp, t);
	}

	public SpotFindingParameters withMp(Mp m) {
		return new SpotFindingParameters(lookup, writeHotMask, hotMaskPrefix, force2d, scanRange, regionOfInterest, computeMeanBackground, filter, m, threshold);
	}

	/** @return a copy with {@code mp.nproc} set */
	public SpotFindingParameters withNproc(int nproc) { return withMp(new Mp(OptionalInt.of(nproc))); }

	/** @return a copy with {@code threshold.dispersion} replaced */
	public SpotFindingParameters withDispersion(Dispersion d) { return withThreshold(new Threshold(threshold.algorithm(), d, threshold.radialProfile())); }

	/** @return a copy with {@code threshold.algorithm} set */
	public SpotFindingParameters withAlgorithm(ThresholdAlgorithm a) { return withThreshold(new Threshold(a, threshold.dispersion(), threshold.radialProfile())); }

	public SpotFindingParameters withForce2d(boolean b) {
		return new SpotFindingParameters(lookup, writeHotMask, hotMaskPrefix, b, scanRange, regionOfInterest, computeMeanBackground, filter, mp, threshold);
	}

	public SpotFindingParameters withWriteHotMask(boolean b) {
		return new SpotFindingParameters(lookup, b, hotMaskPrefix, force2d, scanRange, regionOfInterest, computeMeanBackground, filter, mp, threshold);
	}

	public SpotFindingParameters withScanRange(List<int[]> ranges) {
		return new SpotFindingParameters(lookup, writeHotMask, hotMaskPrefix, force2d, ranges, regionOfInterest, computeMeanBackground, filter, mp, threshold);
	}

	public SpotFindingParameters withRegionOfInterest(int[] roi) {
		return new SpotFindingParameters(lookup, writeHotMask, hotMaskPrefix, force2d, scanRange, roi, computeMeanBackground, filter, mp, threshold);
	}

	public SpotFindingParameters withComputeMeanBackground(boolean b) {
		return new SpotFindingParameters(lookup, writeHotMask, hotMaskPrefix, force2d, scanRange, regionOfInterest, b, filter, mp, threshold);
	}

	public SpotFindingParameters withLookup(Lookup l) {
		return new SpotFindingParameters(l, writeHotMask, hotMaskPrefix, force2d, scanRange, regionOfInterest, computeMeanBackground, filter, mp, threshold);
	}

	/**
	 * External lookup files ({@code spotfinder.lookup}).
	 *
	 * @param mask a DIALS mask pickle (tuple of flex.bool, one per panel, true = valid) applied to every
	 *             image, in addition to the imageset's own mask; empty for none
	 */
	public record Lookup(@Param(help = "The path to the mask file.") Optional<Path> mask) {
		public Lookup {
			Objects.requireNonNull(mask, "spotfinder.lookup.mask");
		}

		public static Lookup defaults() { return new Lookup(Optional.empty()); }
	}

	/**
	 * Spot filters and pixel masks ({@code spotfinder.filter}).
	 *
	 * @param minSpotSize            minimum strong pixels per spot; empty = Auto: 3 if the first panel is
	 *                               a SENSOR_PAD (pixel array detector), else 6
	 * @param maxSpotSize            maximum strong pixels per spot
	 * @param maxSeparation          maximum distance (px, and frames for z) between the peak pixel centre
	 *                               and the centroid; empty = no filter
	 * @param maxStrongPixelFraction abort if more than this fraction of an image's pixels are strong (≥ 1:
	 *                               never)
	 * @param backgroundGradient     background-gradient filter (expert; not implemented)
	 * @param spotDensity            spot-density filter (expert)
	 * @param border                 pixels masked along every panel edge
	 * @param dMin                   mask pixels of higher resolution than this (Å)
	 * @param dMax                   mask pixels of lower resolution than this (Å)
	 * @param disableParallaxCorrection use the simple px→mm mapping for resolution masks
	 * @param resolutionRange        untrusted resolution ranges {d1, d2} (Å)
	 * @param untrusted              untrusted regions (panels, circles, rectangles, polygons, pixels)
	 * @param iceRings               ice-ring masking
	 */
	public record Filter(
			@Param(help = "The minimum number of contiguous pixels for a spot to be accepted by the filtering algorithm. "
					+ "Auto: 3 for pixel-array detectors (SENSOR_PAD), 6 otherwise.", unit = "px", min = 1, auto = true) OptionalInt minSpotSize,
			@Param(help = "The maximum number of contiguous pixels for a spot to be accepted by the filtering algorithm.", unit = "px", min = 1) int maxSpotSize,
			@Param(help = "The maximum peak-to-centroid separation (in pixels) for a spot to be accepted by the filtering algorithm.",
					unit = "px", min = 0, expertLevel = 1) OptionalDouble maxSeparation,
			@Param(help = "If the fraction of pixels in an image marked as strong is greater than this value, throw an exception",
					min = 0, max = 1) double maxStrongPixelFraction,
			@Param(expertLevel = 2) BackgroundGradient backgroundGradient,
			@Param(expertLevel = 2) SpotDensity spotDensity,
			@Param(help = "The border around the edge of the image.", unit = "px") int border,
			@Param(help = "The high resolution limit in Angstrom for a pixel to be accepted by the filtering algorithm.", unit = "Å", min = 0) OptionalDouble dMin,
			@Param(help = "The low resolution limit in Angstrom for a pixel to be accepted by the filtering algorithm.", unit = "Å", min = 0) OptionalDouble dMax,
			@Param(help = "Set to True to use a faster, but less accurate, simple px-to-mm mapping by disabling accounting for "
					+ "parallax correction when generating resolution masks.") boolean disableParallaxCorrection,
			@Param(help = "an untrusted resolution range", unit = "Å", size = 2) List<double[]> resolutionRange,
			@Param(help = "Untrusted regions.") List<Untrusted> untrusted,
			@Param(help = "Ice ring masking.") IceRings iceRings) {

		public Filter {
			Objects.requireNonNull(minSpotSize, "spotfinder.filter.min_spot_size");
			Objects.requireNonNull(maxSeparation, "spotfinder.filter.max_separation");
			Objects.requireNonNull(dMin, "spotfinder.filter.d_min");
			Objects.requireNonNull(dMax, "spotfinder.filter.d_max");
			Objects.requireNonNull(backgroundGradient, "spotfinder.filter.background_gradient");
			Objects.requireNonNull(spotDensity, "spotfinder.filter.spot_density");
			Objects.requireNonNull(iceRings, "spotfinder.filter.ice_rings");
			if (minSpotSize.isPresent() && minSpotSize.getAsInt() < 1)
				throw new IllegalArgumentException("spotfinder.filter.min_spot_size must be >= 1, got " + minSpotSize.getAsInt());
			if (maxSpotSize < 1) throw new IllegalArgumentException("spotfinder.filter.max_spot_size must be >= 1, got " + maxSpotSize);
			if (minSpotSize.isPresent() && maxSpotSize <= minSpotSize.getAsInt())
				throw new IllegalArgumentException("spotfinder.filter.max_spot_size (" + maxSpotSize + ") must be greater than min_spot_size ("
						+ minSpotSize.getAsInt() + ")");
			if (maxSeparation.isPresent() && !(maxSeparation.getAsDouble() >= 0))
				throw new IllegalArgumentException("spotfinder.filter.max_separation must be >= 0, got " + maxSeparation.getAsDouble());
			if (!(maxStrongPixelFraction >= 0 && maxStrongPixelFraction <= 1))
				throw new IllegalArgumentException("spotfinder.filter.max_strong_pixel_fraction must be in [0, 1], got " + maxStrongPixelFraction);
			if (border < 0) throw new IllegalArgumentException("spotfinder.filter.border must be >= 0, got " + border);
			if (dMin.isPresent() && !(dMin.getAsDouble() >= 0)) throw new IllegalArgumentException("spotfinder.filter.d_min must be >= 0");
			if (dMax.isPresent() && !(dMax.getAsDouble() >= 0)) throw new IllegalArgumentException("spotfinder.filter.d_max must be >= 0");
			resolutionRange = List.copyOf(resolutionRange.stream().map(double[]::clone).toList());
			for (double[] r : resolutionRange) {
				if (r.length != 2 || Math.min(r[0], r[1]) >= Math.max(r[0], r[1]))
					throw new IllegalArgumentException("spotfinder.filter.resolution_range needs two different resolutions (Å)");
			}
			untrusted = List.copyOf(untrusted);
		}

		public static Filter defaults() {
			return new Filter(OptionalInt.empty(), 1000, OptionalDouble.of(2), 0.25, BackgroundGradient.defaults(), SpotDensity.defaults(), 0,
					OptionalDouble.empty(), OptionalDouble.empty(), false, List.of(), List.of(), IceRings.defaults());
		}

		@Override public List<double[]> resolutionRange() { return resolutionRange.stream().map(double[]::clone).toList(); }

		public Filter withMinSpotSize(int n) {
			return new Filter(OptionalInt.of(n), maxSpotSize, maxSeparation, maxStrongPixelFraction, backgroundGradient, spotDensity, border, dMin, dMax,
					disableParallaxCorrection, resolutionRange, untrusted, iceRings);
		}

		public Filter withMaxSpotSize(int n) {
			return new Filter(minSpotSize, n, maxSeparation, maxStrongPixelFraction, backgroundGradient, spotDensity, border, dMin, dMax,
					disableParallaxCorrection, resolutionRange, untrusted, iceRings);
		}

		public Filter withMaxSeparation(OptionalDouble d) {
			return new Filter(minSpotSize, maxSpotSize, d, maxStrongPixelFraction, backgroundGradient, spotDensity, border, dMin, dMax,
					disableParallaxCorrection, resolutionRange, untrusted, iceRings);
		}

		public Filter withMaxStrongPixelFraction(double f) {
			return new Filter(minSpotSize, maxSpotSize, maxSeparation, f, backgroundGradient, spotDensity, border, dMin, dMax,
					disableParallaxCorrection, resolutionRange, untrusted, iceRings);
		}

		public Filter withBorder(int b) {
			return new Filter(minSpotSize, maxSpotSize, maxSeparation, maxStrongPixelFraction, backgroundGradient, spotDensity, b, dMin, dMax,
					disableParallaxCorrection, resolutionRange, untrusted, iceRings);
		}

		public Filter withResolution(OptionalDouble min, OptionalDouble max) {
			return new Filter(minSpotSize, maxSpotSize, maxSeparation, maxStrongPixelFraction, backgroundGradient, spotDensity, border, min, max,
					disableParallaxCorrection, resolutionRange, untrusted, iceRings);
		}

		public Filter withUntrusted(List<Untrusted> u) {
			return new Filter(minSpotSize, maxSpotSize, maxSeparation, maxStrongPixelFraction, backgroundGradient, spotDensity, border, dMin, dMax,
					disableParallaxCorrection, resolutionRange, u, iceRings);
		}

		public Filter withIceRings(IceRings i) {
			return new Filter(minSpotSize, maxSpotSize, maxSeparation, maxStrongPixelFraction, backgroundGradient, spotDensity, border, dMin, dMax,
					disableParallaxCorrection, resolutionRange, untrusted, i);
		}

		public Filter withSpotDensity(SpotDensity s) {
			return new Filter(minSpotSize, maxSpotSize, maxSeparation, maxStrongPixelFraction, backgroundGradient, s, border, dMin, dMax,
					disableParallaxCorrection, resolutionRange, untrusted, iceRings);
		}

		public Filter withResolutionRanges(List<double[]> r) {
			return new Filter(minSpotSize, maxSpotSize, maxSeparation, maxStrongPixelFraction, backgroundGradient, spotDensity, border, dMin, dMax,
					disableParallaxCorrection, r, untrusted, iceRings);
		}

		public Filter withDisableParallaxCorrection(boolean b) {
			return new Filter(minSpotSize, maxSpotSize, maxSeparation, maxStrongPixelFraction, backgroundGradient, spotDensity, border, dMin, dMax,
					b, resolutionRange, untrusted, iceRings);
		}
	}

	/**
	 * Background-gradient filter ({@code filter.background_gradient}, expert level 2). Bragg does not
	 * implement it: enabling it is rejected by {@link SpotFinder}.
	 */
	public record BackgroundGradient(boolean filter, @Param(min = 1) int backgroundSize, @Param(min = 0) double gradientCutoff) {
		public static BackgroundGradient defaults() { return new BackgroundGradient(false, 2, 4); }
	}

	/** Spot-density filter ({@code filter.spot_density}, expert level 2): drops spots in over-dense 2D histogram bins. */
	public record SpotDensity(boolean filter) {
		public static SpotDensity defaults() { return new SpotDensity(false); }
	}

	/**
	 * One untrusted region ({@code filter.untrusted}, repeatable). With no geometric attribute the whole
	 * panel is masked.
	 *
	 * @param panel     panel index (None = 0)
	 * @param circle    {xc, yc, r} px; pixel (i, j) is masked if (i−xc)² + (j−yc)² &lt; r² (pixel indices,
	 *                  not centres, as dxtbx)
	 * @param rectangle {x0, x1, y0, y1} px, upper bounds exclusive
	 * @param polygon   corners x0, y0, x1, y1, … (px); pixels whose centre is inside are masked
	 * @param pixel     {y, x} of one pixel (slow first, as DIALS)
	 */
	public record Untrusted(
			@Param(help = "The panel number. If no geometric attributes are given (circle, rectangle, etc) then the whole panel is masked out")
			OptionalInt panel,
			@Param(help = "An untrusted circle (xc, yc, r)", unit = "px", size = 3) int[] circle,
			@Param(help = "An untrusted rectangle (x0, x1, y0, y1)", unit = "px", size = 4) int[] rectangle,
			@Param(help = "The pixel coordinates (fast, slow) that define the corners of the untrusted polygon.", unit = "px", min = 0) int[] polygon,
			@Param(help = "An untrusted pixel (y, x)", unit = "px", size = 2, min = 0) int[] pixel) {
		public Untrusted {
			Objects.requireNonNull(panel, "spotfinder.filter.untrusted.panel");
			circle = circle == null ? new int[0] : circle.clone();
			rectangle = rectangle == null ? new int[0] : rectangle.clone();
			polygon = polygon == null ? new int[0] : polygon.clone();
			pixel = pixel == null ? new int[0] : pixel.clone();
			if (circle.length != 0 && circle.length != 3) throw new IllegalArgumentException("spotfinder.filter.untrusted.circle needs 3 integers");
			if (rectangle.length != 0 && rectangle.length != 4) throw new IllegalArgumentException("spotfinder.filter.untrusted.rectangle needs 4 integers");
			if (polygon.length % 2 != 0) throw new IllegalArgumentException("spotfinder.filter.untrusted.polygon must contain 2D coords");
			if (polygon.length != 0 && polygon.length < 8) throw new IllegalArgumentException("spotfinder.filter.untrusted.polygon needs at least 4 corners");
			if (pixel.length != 0 && pixel.length != 2) throw new IllegalArgumentException("spotfinder.filter.untrusted.pixel needs 2 integers (y, x)");
		}

		public static Untrusted defaults() { return new Untrusted(OptionalInt.empty(), new int[0], new int[0], new int[0], new int[0]); }

		@Override public int[] circle() { return circle.clone(); }
		@Override public int[] rectangle() { return rectangle.clone(); }
		@Override public int[] polygon() { return polygon.clone(); }
		@Override public int[] pixel() { return pixel.clone(); }

		/** @return a whole-panel region */
		public static Untrusted panel(int p) { return new Untrusted(OptionalInt.of(p), null, null, null, null); }
		/** @return a rectangle {x0, x1, y0, y1} on panel p */
		public static Untrusted rectangle(int p, int x0, int x1, int y0, int y1) { return new Untrusted(OptionalInt.of(p), null, new int[] { x0, x1, y0, y1 }, null, null); }
		/** @return a circle on panel p */
		public static Untrusted circle(int p, int xc, int yc, int r) { return new Untrusted(OptionalInt.of(p), new int[] { xc, yc, r }, null, null, null); }
		/** @return a polygon on panel p from corners x0, y0, x1, y1, … */
		public static Untrusted polygon(int p, int... xy) { return new Untrusted(OptionalInt.of(p), null, null, xy, null); }
		/** @return one pixel (y, x) on panel p */
		public static Untrusted pixel(int p, int y, int x) { return new Untrusted(OptionalInt.of(p), null, null, null, new int[] { y, x }); }
	}

	/**
	 * Ice-ring masking ({@code filter.ice_rings}).
	 *
	 * @param filter     mask pixels on ice rings
	 * @param unitCell   a, b, c (Å), α, β, γ (°) of the powder whose rings are masked; default
	 *                   hexagonal ice Ih 4.498 4.498 7.338 90 90 120
	 * @param spaceGroup space group number; only 194 (P6₃/mmc, ice Ih) is supported
	 * @param width      full width of a ring in 1/d² (Å⁻²)
	 * @param dMin       rings are generated down to this d (Å); empty = each panel's corner resolution
	 */
	public record IceRings(
			@Param(help = "Mask out pixels on ice rings") boolean filter,
			@Param(help = "The unit cell to generate d_spacings for powder rings.", expertLevel = 1, size = 6) double[] unitCell,
			@Param(help = "The space group used to generate d_spacings for powder rings.", expertLevel = 1) int spaceGroup,
			@Param(help = "The width of an ice ring (in 1/d^2).", unit = "1/Å²", min = 0, expertLevel = 1) double width,
			@Param(help = "The high resolution limit (otherwise use detector d_min)", unit = "Å", min = 0, expertLevel = 1) OptionalDouble dMin) {
		public IceRings {
			unitCell = unitCell.clone();
			Objects.requireNonNull(dMin, "spotfinder.filter.ice_rings.d_min");
			if (unitCell.length != 6) throw new IllegalArgumentException("spotfinder.filter.ice_rings.unit_cell needs 6 numbers");
			if (spaceGroup != 194)
				throw new IllegalArgumentException("spotfinder.filter.ice_rings.space_group: only 194 (P6_3/mmc, hexagonal ice) is supported, got " + spaceGroup);
			if (!(width >= 0)) throw new IllegalArgumentException("spotfinder.filter.ice_rings.width must be >= 0, got " + width);
		}

		public static IceRings defaults() { return new IceRings(false, new double[] { 4.498, 4.498, 7.338, 90, 90, 120 }, 194, 0.002, OptionalDouble.empty()); }

		@Override public double[] unitCell() { return unitCell.clone(); }

		/** @return a copy with the filter switched on or off */
		public IceRings withFilter(boolean f) { return new IceRings(f, unitCell, spaceGroup, width, dMin); }
	}

	/**
	 * Parallel processing ({@code spotfinder.mp}).
	 *
	 * @param nproc threads reading and thresholding images; empty = Auto, all available cores
	 */
	public record Mp(@Param(help = "The number of processes to use. Auto: all available cores.", min = 1, auto = true) OptionalInt nproc) {
		public Mp {
			Objects.requireNonNull(nproc, "spotfinder.mp.nproc");
			if (nproc.isPresent() && nproc.getAsInt() < 1) throw new IllegalArgumentException("spotfinder.mp.nproc must be >= 1, got " + nproc.getAsInt());
		}

		public static Mp defaults() { return new Mp(OptionalInt.empty()); }

		/** @return nproc, with Auto resolved to {@link Runtime#availableProcessors()} */
		public int resolvedNproc() { return nproc.orElse(Runtime.getRuntime().availableProcessors()); }
	}

	/**
	 * Threshold algorithm ({@code spotfinder.threshold}).
	 *
	 * @param algorithm     the algorithm (default dispersion_extended)
	 * @param dispersion    parameters of dispersion and dispersion_extended
	 * @param radialProfile parameters of radial_profile
	 */
	public record Threshold(
			@Param(help = "The choice of algorithm") ThresholdAlgorithm algorithm,
			Dispersion dispersion,
			RadialProfile radialProfile) {
		public Threshold {
			Objects.requireNonNull(algorithm, "spotfinder.threshold.algorithm");
			Objects.requireNonNull(dispersion, "spotfinder.threshold.dispersion");
			Objects.requireNonNull(radialProfile, "spotfinder.threshold.radial_profile");
		}

		public static Threshold defaults() { return new Threshold(ThresholdAlgorithm.DISPERSION_EXTENDED, Dispersion.defaults(), RadialProfile.defaults()); }
	}

	/**
	 * Parameters of the dispersion algorithms ({@code threshold.dispersion}).
	 *
	 * @param gain            ADU per photon used in the tests; empty (None, the DIALS default) means the
	 *                        formulas without gain, i.e. gain 1 on the gain-corrected pixel values
	 *                        (pixel values are divided by the panel gain before thresholding, as dxtbx's
	 *                        {@code get_corrected_data}; the panel gain is not used in the test itself)
	 * @param kernelSize      {k_slow, k_fast}: window half-sizes, window (2k+1) px
	 * @param sigmaBackground σ<sub>b</sub> of the dispersion test
	 * @param sigmaStrong     σ<sub>s</sub> of the strong-pixel test
	 * @param minLocal        minimum usable pixels in the window (≤ 0: the whole window)
	 * @param globalThreshold pixels at or below this are background; empty = Auto (estimated from the
	 *                        first image by the elbow of the count-above-threshold curve, as DIALS)
	 */
	public record Dispersion(
			@Param(help = "Use a flat gain map for the entire detector to act as a multiplier for the gain set by the format.", min = 0) OptionalDouble gain,
			@Param(help = "The size of the local area around the spot in which to calculate the mean and variance. The kernel is given as "
					+ "a box of size (2 * nx + 1, 2 * ny + 1) centred at the pixel.", unit = "px", size = 2, min = 1, expertLevel = 1) int[] kernelSize,
			@Param(help = "The number of standard deviations of the index of dispersion (variance / mean) in the local area below which the "
					+ "pixel will be classified as background.", expertLevel = 1) double sigmaBackground,
			@Param(help = "The number of standard deviations above the mean in the local area above which the pixel will be classified as strong.",
					expertLevel = 1) double sigmaStrong,
			@Param(help = "The minimum number of pixels under the image processing kernel that are need to do the thresholding operation.",
					expertLevel = 1) int minLocal,
			@Param(help = "The global threshold value. Consider all pixels less than this value to be part of the background.", min = 0,
					auto = true) OptionalDouble globalThreshold) {
		public Dispersion {
			Objects.requireNonNull(gain, "spotfinder.threshold.dispersion.gain");
			Objects.requireNonNull(globalThreshold, "spotfinder.threshold.dispersion.global_threshold");
			kernelSize = kernelSize.clone();
			if (kernelSize.length != 2 || kernelSize[0] < 1 || kernelSize[1] < 1)
				throw new IllegalArgumentException("spotfinder.threshold.dispersion.kernel_size needs 2 positive integers");
			if (gain.isPresent() && !(gain.getAsDouble() > 0))
				throw new IllegalArgumentException("spotfinder.threshold.dispersion.gain must be > 0, got " + gain.getAsDouble());
			if (!(sigmaBackground >= 0)) throw new IllegalArgumentException("spotfinder.threshold.dispersion.sigma_background must be >= 0");
			if (!(sigmaStrong >= 0)) throw new IllegalArgumentException("spotfinder.threshold.dispersion.sigma_strong must be >= 0");
			int numKernel = (2 * kernelSize[0] + 1) * (2 * kernelSize[1] + 1);
			if (minLocal > 0 && (minLocal < 2 || minLocal > numKernel))
				throw new IllegalArgumentException("spotfinder.threshold.dispersion.min_local must be <= 0 or between 2 and " + numKernel + ", got " + minLocal);
			if (globalThreshold.isPresent() && !(globalThreshold.getAsDouble() >= 0))
				throw new IllegalArgumentException("spotfinder.threshold.dispersion.global_threshold must be >= 0, got " + globalThreshold.getAsDouble());
		}

		public static Dispersion defaults() { return new Dispersion(OptionalDouble.empty(), new int[] { 3, 3 }, 6, 3, 2, OptionalDouble.of(0)); }

		@Override public int[] kernelSize() { return kernelSize.clone(); }

		public Dispersion withGain(double g) { return new Dispersion(OptionalDouble.of(g), kernelSize, sigmaBackground, sigmaStrong, minLocal, globalThreshold); }
		public Dispersion withGlobalThreshold(double t) { return new Dispersion(gain, kernelSize, sigmaBackground, sigmaStrong, minLocal, OptionalDouble.of(t)); }
		public Dispersion withAutoGlobalThreshold() { return new Dispersion(gain, kernelSize, sigmaBackground, sigmaStrong, minLocal, OptionalDouble.empty()); }
		public Dispersion withKernelSize(int ky, int kx) { return new Dispersion(gain, new int[] { ky, kx }, sigmaBackground, sigmaStrong, minLocal, globalThreshold); }
		public Dispersion withSigmas(double b, double s) { return new Dispersion(gain, kernelSize, b, s, minLocal, globalThreshold); }
		public Dispersion withMinLocal(int n) { return new Dispersion(gain, kernelSize, sigmaBackground, sigmaStrong, n, globalThreshold); }
	}

	/**
	 * Parameters of radial_profile ({@code threshold.radial_profile}).
	 *
	 * @param nIqr  IQR multiplier for the threshold above the shell median
	 * @param blur  optional pre-blur, narrow (3×3) or wide (5×5); empty = none
	 * @param nBins number of 2θ shells
	 */
	public record RadialProfile(
			@Param(help = "IQR multiplier for determining the threshold value") int nIqr,
			@Param(help = "Optional preprocessing of the image by a convolution with a simple Gaussian kernel of size either 3×3 (narrow) "
					+ "or 5×5 (wide). This may help to reduce noise peaks and to combine split spots.") Optional<Blur> blur,
			@Param(help = "Number of 2θ bins in which to calculate background", min = 1) int nBins) {
		public RadialProfile {
			Objects.requireNonNull(blur, "spotfinder.threshold.radial_profile.blur");
			if (nBins < 1) throw new IllegalArgumentException("spotfinder.threshold.radial_profile.n_bins must be >= 1, got " + nBins);
		}

		public static RadialProfile defaults() { return new RadialProfile(6, Optional.empty(), 100); }

		/** Pre-blur kernels. */
		public enum Blur { NARROW, WIDE }
	}
}
