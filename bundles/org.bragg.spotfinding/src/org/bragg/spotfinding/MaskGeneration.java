package org.bragg.spotfinding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.bragg.model.Beam;
import org.bragg.model.Detector;
import org.bragg.params.Param;
import org.bragg.spotfinding.internal.MaskGenerator;

/**
 * User pixel masks as {@code dials.generate_mask} ({@code dials.util.masking.generate_mask}): a border,
 * untrusted panels, circles, rectangles, polygons and pixels, resolution limits, untrusted resolution
 * ranges and ice rings, one {@code boolean[nFast·nSlow]} per panel (row-major, slow index outermost,
 * true = the pixel may be used).
 *
 * <p>As in DIALS the generated mask holds the user shapes only: the default mask (the format's static
 * mask and the panel trusted range, applied per image) is combined with it where the mask is used
 * (the imageset's {@code mask} lookup read by spot finding and integration). {@link #combine} gives the
 * logical AND of two masks for display.
 *
 * <p>Geometry follows dxtbx: a rectangle x0,x1,y0,y1 masks x0 ≤ x &lt; x1, y0 ≤ y &lt; y1; a circle
 * xc,yc,r masks pixel indices with (i−xc)² + (j−yc)² &lt; r²; a polygon masks pixels whose centre lies
 * inside (even–odd rule); resolution masks use d at the pixel centre (Å), with the parallax correction
 * unless disabled.
 *
 * @since 0.1
 */
public final class MaskGeneration {
	private MaskGeneration() {}

	/**
	 * The masking parameters of {@code dials.generate_mask} (scope {@code dials.util.masking.phil_scope}).
	 *
	 * @param border                    pixels masked around every panel edge
	 * @param dMin                      mask pixels with d &lt; d_min (Å)
	 * @param dMax                      mask pixels with d &gt; d_max (Å)
	 * @param resolutionRange           untrusted resolution ranges (Å, two values each)
	 * @param untrusted                 untrusted regions
	 * @param iceRings                  ice-ring masking
	 * @param disableParallaxCorrection simple px→mm mapping for the resolution masks
	 */
	public record Parameters(
			@Param(help = "The border around the edge of the image.", unit = "px", min = 0) int border,
			@Param(help = "The high resolution limit in Angstrom for a pixel to be accepted by the filtering algorithm.", unit = "Å", min = 0) OptionalDouble dMin,
			@Param(help = "The low resolution limit in Angstrom for a pixel to be accepted by the filtering algorithm.", unit = "Å", min = 0) OptionalDouble dMax,
			@Param(help = "an untrusted resolution range", unit = "Å", size = 2) List<double[]> resolutionRange,
			@Param(help = "Untrusted regions.") List<SpotFindingParameters.Untrusted> untrusted,
			@Param(help = "Ice ring masking.") SpotFindingParameters.IceRings iceRings,
			@Param(help = "Set to True to use a faster, but less accurate, simple px-to-mm mapping by disabling accounting for "
					+ "parallax correction when generating resolution masks.") boolean disableParallaxCorrection) {

		public Parameters {
			Objects.requireNonNull(dMin, "d_min");
			Objects.requireNonNull(dMax, "d_max");
			Objects.requireNonNull(iceRings, "ice_rings");
			if (border < 0) throw new IllegalArgumentException("border must be >= 0, got " + border);
			resolutionRange = List.copyOf(resolutionRange.stream().map(double[]::clone).toList());
			for (double[] r : resolutionRange)
				if (r.length != 2 || !(Math.min(r[0], r[1]) < Math.max(r[0], r[1])))
					throw new IllegalArgumentException("resolution_range needs two different resolutions (Å)");
			untrusted = List.copyOf(untrusted);
		}

		/** @return DIALS's defaults: nothing masked */
		public static Parameters defaults() {
			return new Parameters(0, OptionalDouble.empty(), OptionalDouble.empty(), List.of(), List.of(), SpotFindingParameters.IceRings.defaults(), false);
		}

		@Override public List<double[]> resolutionRange() { return resolutionRange.stream().map(double[]::clone).toList(); }

		/** @return these parameters with one more untrusted region */
		public Parameters withUntrusted(SpotFindingParameters.Untrusted u) {
			List<SpotFindingParameters.Untrusted> l = new ArrayList<>(untrusted);
			l.add(u);
			return new Parameters(border, dMin, dMax, resolutionRange, l, iceRings, disableParallaxCorrection);
		}

		/** @return these parameters with one more untrusted resolution range (Å) */
		public Parameters withResolutionRange(double d1, double d2) {
			List<double[]> l = new ArrayList<>(resolutionRange);
			l.add(new double[] { d1, d2 });
			return new Parameters(border, dMin, dMax, l, untrusted, iceRings, disableParallaxCorrection);
		}

		SpotFindingParameters.Filter asFilter() {
			SpotFindingParameters.Filter f = SpotFindingParameters.Filter.defaults();
			return new SpotFindingParameters.Filter(f.minSpotSize(), f.maxSpotSize(), f.maxSeparation(), f.maxStrongPixelFraction(),
					f.backgroundGradient(), f.spotDensity(), border, dMin, dMax, disableParallaxCorrection, resolutionRange, untrusted, iceRings);
		}
	}

	/**
	 * Generates the user mask of one imageset's detector.
	 *
	 * @return one mask per panel
	 * @throws IllegalArgumentException if a region names a panel that does not exist or lies outside its panel
	 */
	public static List<boolean[]> generate(Detector detector, Beam beam, Parameters params) {
		SpotFindingParameters.Filter filter = params.asFilter();
		for (SpotFindingParameters.Untrusted u : params.untrusted()) {
			OptionalInt p = u.panel();
			if (p.isPresent() && (p.getAsInt() < 0 || p.getAsInt() >= detector.size()))
				throw new IllegalArgumentException("untrusted.panel " + p.getAsInt() + " does not exist (the detector has " + detector.size() + " panels)");
		}
		List<boolean[]> out = new ArrayList<>();
		for (int i = 0; i < detector.size(); i++) out.add(MaskGenerator.generate(detector.panels().get(i), i, beam, filter));
		return out;
	}

	/** @return the per-pixel AND of two masks of the same shape (null on either side = all true) */
	public static List<boolean[]> combine(List<boolean[]> a, List<boolean[]> b) {
		if (a == null) return b;
		if (b == null) return a;
		if (a.size() != b.size()) throw new IllegalArgumentException(a.size() + " vs " + b.size() + " panels");
		List<boolean[]> out = new ArrayList<>();
		for (int i = 0; i < a.size(); i++) {
			boolean[] x = a.get(i), y = b.get(i);
			if (x.length != y.length) throw new IllegalArgumentException("panel " + i + ": " + x.length + " vs " + y.length + " pixels");
			boolean[] z = new boolean[x.length];
			for (int k = 0; k < z.length; k++) z[k] = x[k] && y[k];
			out.add(z);
		}
		return out;
	}

	/** @return the number of masked (false) pixels over all panels */
	public static long countMasked(List<boolean[]> masks) {
		long n = 0;
		for (boolean[] m : masks) for (boolean b : m) if (!b) n++;
		return n;
	}
}
