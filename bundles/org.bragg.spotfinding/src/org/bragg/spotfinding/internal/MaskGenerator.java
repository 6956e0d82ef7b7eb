package org.bragg.spotfinding.internal;

import java.util.List;

import org.bragg.model.Beam;
import org.bragg.model.Panel;
import org.bragg.model.Vec3;
import org.bragg.spotfinding.SpotFindingParameters;

/**
 * The per-panel pixel mask from {@code spotfinder.filter} (DIALS {@code dials.util.masking.generate_mask}):
 * border, untrusted regions, resolution limits, untrusted resolution ranges and ice rings. True = the
 * pixel may be used. The trusted range (per image) and the format/imageset masks are applied elsewhere.
 *
 * <p>Resolution at a pixel is d = 1/|s1 − s0| with s1 the unit vector to the pixel <em>centre</em>
 * (index + 0.5, after the panel's parallax correction unless disabled) scaled to 1/λ, as DIALS's
 * {@code ResolutionMaskGenerator}; a range [d_lo, d_hi] masks pixels with d_lo ≤ d ≤ d_hi.
 *
 * <p>Layout: one {@code boolean[nFast·nSlow]} per panel, row-major, slow index outermost. Stateless.
 */
public final class MaskGenerator {
	private MaskGenerator() {}

	/**
	 * @param panel      the panel
	 * @param panelIndex its index in the detector (untrusted regions name panels by index)
	 * @param beam       the beam (for resolution masks)
	 * @param filter     the filter parameters
	 * @return the mask
	 * @throws IllegalArgumentException if an untrusted region lies outside the panel
	 */
	public static boolean[] generate(Panel panel, int panelIndex, Beam beam, SpotFindingParameters.Filter filter) {
		final int w = panel.nFast(), h = panel.nSlow();
		boolean[] mask = new boolean[w * h];
		java.util.Arrays.fill(mask, true);
		int border = filter.border();
		if (border > 0) {
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					if (y < border || y >= h - border || x < border || x >= w - border) mask[y * w + x] = false;
				}
			}
		}
		for (SpotFindingParameters.Untrusted u : filter.untrusted()) {
			int p = u.panel().orElse(0);
			if (p != panelIndex) continue;
			int[] circle = u.circle(), rect = u.rectangle(), poly = u.polygon(), pixel = u.pixel();
			if (circle.length == 0 && rect.length == 0 && poly.length == 0 && pixel.length == 0) {
				java.util.Arrays.fill(mask, false);
				continue;
			}
			if (circle.length == 3) maskCircle(mask, w, h, circle[0], circle[1], circle[2]);
			if (rect.length == 4) maskRectangle(mask, w, h, rect[0], rect[1], rect[2], rect[3]);
			if (poly.length >= 8) maskPolygon(mask, w, h, poly);
			if (pixel.length == 2) {
				int y = pixel[0], x = pixel[1];
				if (x < 0 || y < 0 || x >= w || y >= h)
					throw new IllegalArgumentException("spotfinder.filter.untrusted.pixel " + y + "," + x + " is outside panel " + panelIndex + " (" + w + "×" + h + ")");
				mask[y * w + x] = false;
			}
		}
		boolean resolution = filter.dMin().isPresent() || filter.dMax().isPresent() || !filter.resolutionRange().isEmpty() || filter.iceRings().filter();
		if (resolution) {
			double[] d = resolutionMap(panel, beam, filter.disableParallaxCorrection());
			if (filter.dMin().isPresent()) apply(mask, d, 0, filter.dMin().getAsDouble());
			if (filter.dMax().isPresent()) {
				double dMax = filter.dMax().getAsDouble();
				apply(mask, d, dMax, Math.max(dMax + 1, 1e9));
			}
			for (double[] r : filter.resolutionRange()) apply(mask, d, Math.min(r[0], r[1]), Math.max(r[0], r[1]));
			SpotFindingParameters.IceRings ice = filter.iceRings();
			if (ice.filter()) {
				double dMin = ice.dMin().isPresent() ? ice.dMin().getAsDouble() : maxResolutionAtCorners(panel, beam);
				List<double[]> ranges = IceRings.ranges(ice.unitCell(), dMin, ice.width());
				for (double[] r : ranges) apply(mask, d, r[0], r[1]);
			}
		}
		return mask;
	}

	/** Masks pixels with dLo ≤ d ≤ dHi. */
	static void apply(boolean[] mask, double[] d, double dLo, double dHi) {
		if (!(dLo < dHi)) throw new IllegalArgumentException("resolution range needs d_min < d_max, got " + dLo + ", " + dHi);
		for (int k = 0; k < d.length; k++) if (dLo <= d[k] && d[k] <= dHi) mask[k] = false;
	}

	/**
	 * @return d (Å) at every pixel centre, row-major; +∞ where the pixel centre lies on the beam
	 */
	public static double[] resolutionMap(Panel panel, Beam beam, boolean disableParallax) {
		final int w = panel.nFast(), h = panel.nSlow();
		double[] px = panel.pixelSize();
		Vec3 s0 = beam.s0();
		double k = 1.0 / beam.wavelength();
		double[] d = new double[w * h];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				Vec3 lab = disableParallax ? panel.labCoord((x + 0.5) * px[0], (y + 0.5) * px[1]) : panel.pixelToLab(x + 0.5, y + 0.5);
				Vec3 r = lab.normalize().times(k).minus(s0);
				double len = r.length();
				d[y * w + x] = len > 0 ? 1 / len : Double.POSITIVE_INFINITY;
			}
		}
		return d;
	}

	/** dxtbx {@code get_max_resolution_at_corners}: the smallest d at the four panel corners (Å). */
	public static double maxResolutionAtCorners(Panel panel, Beam beam) {
		Vec3 s0 = beam.s0();
		int f = panel.nFast(), s = panel.nSlow();
		double best = Double.POSITIVE_INFINITY;
		for (double[] c : new double[][] { { 0, 0 }, { 0, s }, { f, 0 }, { f, s } }) {
			Vec3 xyz = panel.pixelToLab(c[0], c[1]);
			double sinTheta = Math.max(1e-9, Math.sin(0.5 * s0.angle(xyz)));
			best = Math.min(best, 1.0 / (2.0 * s0.length() * sinTheta));
		}
		return best;
	}

	/** dxtbx {@code mask_untrusted_rectangle}: x0 ≤ x &lt; x1, y0 ≤ y &lt; y1. */
	static void maskRectangle(boolean[] mask, int w, int h, int x0, int x1, int y0, int y1) {
		if (!(x1 > x0) || !(y1 > y0) || x0 < 0 || y0 < 0 || x1 > w || y1 > h)
			throw new IllegalArgumentException("spotfinder.filter.untrusted.rectangle " + x0 + "," + x1 + "," + y0 + "," + y1 + " must lie inside the "
					+ w + "×" + h + " panel with x0 < x1 and y0 < y1");
		for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) mask[y * w + x] = false;
	}

	/** dxtbx {@code mask_untrusted_circle}: pixel indices (i, j) with (i−xc)² + (j−yc)² &lt; r². */
	static void maskCircle(boolean[] mask, int w, int h, double xc, double yc, double radius) {
		if (!(radius > 0)) throw new IllegalArgumentException("spotfinder.filter.untrusted.circle radius must be > 0");
		int x0 = Math.max((int) Math.floor(xc - radius), 0), y0 = Math.max((int) Math.floor(yc - radius), 0);
		int x1 = Math.min((int) Math.ceil(xc + radius), w), y1 = Math.min((int) Math.ceil(yc + radius), h);
		if (!(x1 > x0) || !(y1 > y0)) throw new IllegalArgumentException("spotfinder.filter.untrusted.circle lies outside the panel");
		double r2 = radius * radius;
		for (int j = y0; j < y1; j++)
			for (int i = x0; i < x1; i++)
				if ((i - xc) * (i - xc) + (j - yc) * (j - yc) < r2) mask[j * w + i] = false;
	}

	/** dxtbx {@code mask_untrusted_polygon}: pixels whose centre is inside (even–odd rule). */
	static void maskPolygon(boolean[] mask, int w, int h, int[] xy) {
		int n = xy.length / 2;
		double[] px = new double[n], py = new double[n];
		int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = Integer.MIN_VALUE, y1 = Integer.MIN_VALUE;
		for (int i = 0; i < n; i++) {
			px[i] = xy[2 * i];
			py[i] = xy[2 * i + 1];
			x0 = Math.min(x0, xy[2 * i]);
			y0 = Math.min(y0, xy[2 * i + 1]);
			x1 = Math.max(x1, xy[2 * i]);
			y1 = Math.max(y1, xy[2 * i + 1]);
		}
		x0 = Math.max(x0, 0);
		y0 = Math.max(y0, 0);
		x1 = Math.min(x1 + 1, w);
		y1 = Math.min(y1 + 1, h);
		if (!(x0 < x1) || !(y0 < y1)) throw new IllegalArgumentException("spotfinder.filter.untrusted.polygon lies outside the panel");
		for (int j = y0; j < y1; j++)
			for (int i = x0; i < x1; i++)
				if (insidePolygon(px, py, i + 0.5, j + 0.5)) mask[j * w + i] = false;
	}

	/** Even–odd point-in-polygon test (as dxtbx {@code is_inside_polygon}). */
	static boolean insidePolygon(double[] px, double[] py, double x, double y) {
		int n = px.length;
		boolean c = false;
		for (int i = 0, j = n - 1; i < n; j = i++) {
			if (((py[i] > y) != (py[j] > y)) && (x < (px[j] - px[i]) * (y - py[i]) / (py[j] - py[i]) + px[i])) c = !c;
		}
		return c;
	}
}
