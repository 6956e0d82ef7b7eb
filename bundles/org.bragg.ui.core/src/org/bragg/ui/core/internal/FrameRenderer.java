package org.bragg.ui.core.internal;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.bragg.format.PanelData;
import org.bragg.model.Panel;
import org.bragg.ui.core.ColourScheme;
import org.bragg.ui.core.DecodedFrame;
import org.bragg.ui.core.DetectorProjection;
import org.bragg.ui.core.DisplaySettings;
import org.bragg.ui.core.ViewTransform;

/**
 * Maps a decoded frame to screen colours for one view: for every screen pixel inside a panel's
 * projected outline, the panel pixel under it is looked up through the panel's inverse affine map
 * ({@link DetectorProjection}) and coloured through the scheme's palette.
 *
 * <p>Zoomed in (at most one panel pixel per screen pixel), the panel pixel under the screen pixel's
 * centre is used. Zoomed out, each screen pixel shows the <em>maximum</em> of the valid panel pixels in
 * its ⌈k⌉ × ⌈k⌉ block (k = panel pixels per screen pixel), so that one-pixel Bragg spots do not vanish when a
 * 6M image is fitted into a small view; from two panel pixels per screen pixel on, the maxima are read
 * from the frame's {@link MaxPyramid} (level 2<sup>L</sup> ≤ k, then at most 2 × 2 values per screen pixel).
 *
 * <p>Output: {@code int[w·h]} of {@code 0xRRGGBB}, row-major, y outermost. Work is proportional to the
 * number of screen pixels covered (plus the panel pixels read when zoomed out), independent of the
 * image file. Rows are processed in parallel for large views. Stateless and thread-safe.
 */
public final class FrameRenderer {
	private FrameRenderer() {}

	/**
	 * Renders a frame.
	 *
	 * @param out destination of at least w·h elements; overwritten
	 */
	public static void render(DecodedFrame frame, DetectorProjection proj, ViewTransform view, DisplaySettings settings, int[] out, int w, int h) {
		ColourScheme cs = settings.scheme();
		Arrays.fill(out, 0, w * h, cs.backgroundColour());
		if (frame == null || proj == null) return;
		int[] pal = cs.palette();
		// the automatic level follows what is displayed: block maxima when zoomed out (see DecodedFrame)
		double white = settings.whiteLevel(frame.autoWhiteLevel(blockSize(proj, view)));
		double c = settings.contrast() / 100;
		double k1 = (ColourScheme.SIZE - 1) * c / white;
		double k0 = (ColourScheme.SIZE - 1) * 0.5 * (1 - c) + 0.5;
		int maskColour = settings.showMask() ? cs.maskColour() : -1;
		double z = view.zoom(), u0 = view.u0(), v0 = view.v0();
		int n = Math.min(frame.panelCount(), proj.panelCount());
		for (int k = 0; k < n; k++) {
			PanelData pd = frame.panel(k);
			Panel panel = proj.detector().panel(k);
			int nF = panel.nFast(), nS = panel.nSlow();
			double[] ic = proj.inverseCoefficients(k);
			double fx = ic[1] / z, fy = ic[2] / z, f00 = ic[0] + ic[1] * u0 + ic[2] * v0;
			double sx = ic[4] / z, sy = ic[5] / z, s00 = ic[3] + ic[4] * u0 + ic[5] * v0;
			double[] fw = proj.forwardCoefficients(k);
			int[] box = screenBox(fw, nF, nS, u0, v0, z, w, h);
			if (box == null) continue;
			int x0 = box[0], x1 = box[1], y0 = box[2], y1 = box[3];
			double perScreen = Math.max(Math.hypot(fx, sx), Math.hypot(fy, sy));
			int level = 0;
			MaxPyramid pyramid = null;
			if (perScreen >= 2) {
				pyramid = MaxPyramid.of(frame);
				level = Math.min(pyramid.levels(k), (int) Math.floor(Math.log(perScreen) / Math.log(2) + 1e-9));
			}
			IntStream rows = IntStream.rangeClosed(y0, y1);
			if ((long) (x1 - x0 + 1) * (y1 - y0 + 1) > 100_000) rows = rows.parallel();
			if (level >= 1) {
				// block maxima from the pyramid level of 2^level pixels: at most 2 × 2 values per screen pixel
				double sc = 1.0 / (1 << level);
				MaxPyramid.Level lv = pyramid.level(k, level);
				double per = perScreen * sc;
				int bs = per > 1.0001 ? (int) Math.ceil(per) : 1;
				LevelBand band = new LevelBand(lv, pal, k0, k1, maskColour, bs, out, w, x0, x1, f00 * sc, fx * sc, fy * sc, s00 * sc, sx * sc, sy * sc);
				rows.forEach(band::row);
			} else {
				int bs = perScreen > 1.0001 ? (int) Math.ceil(perScreen) : 1;
				double off = bs == 1 ? 0.5 : 0.0;
				Band band = new Band(pd, frame.mask(k), frame.trustedMin(k), nF, nS, pal, k0, k1, maskColour, bs, out, w, x0, x1, f00 + fx * off,
						fx, fy, s00 + sx * off, sx, sy, off);
				rows.forEach(band::row);
			}
		}
	}

	/**
	 * Tints the screen pixels whose panel pixel (under the screen pixel's centre) is false in
	 * {@code masks}: the colour becomes the mean of the rendered colour and {@code colour}. Work is
	 * proportional to the screen pixels covered by panels.
	 *
	 * @param masks one {@code boolean[nFast·nSlow]} per panel, true = good
	 * @param out the rendered picture, {@code 0xRRGGBB}, w·h
	 */
	public static void tintMasked(java.util.List<boolean[]> masks, DetectorProjection proj, ViewTransform view, int colour, int[] out, int w, int h) {
		double z = view.zoom(), u0 = view.u0(), v0 = view.v0();
		int n = Math.min(masks.size(), proj.panelCount());
		int half = (colour >> 1) & 0x7F7F7F;
		for (int k = 0; k < n; k++) {
			boolean[] m = masks.get(k);
			Panel panel = proj.detector().panel(k);
			int nF = panel.nFast(), nS = panel.nSlow();
			double[] ic = proj.inverseCoefficients(k);
			double fx = ic[1] / z, fy = ic[2] / z, f00 = ic[0] + ic[1] * u0 + ic[2] * v0 + 0.5 * (fx + fy);
			double sx = ic[4] / z, sy = ic[5] / z, s00 = ic[3] + ic[4] * u0 + ic[5] * v0 + 0.5 * (sx + sy);
			double[] fw = proj.forwardCoefficients(k);
			int[] box = screenBox(fw, nF, nS, u0, v0, z, w, h);
			if (box == null) continue;
			int x0 = box[0], x1 = box[1], y0 = box[2], y1 = box[3];
			IntStream rows = IntStream.rangeClosed(y0, y1);
			if ((long) (x1 - x0 + 1) * (y1 - y0 + 1) > 100_000) rows = rows.parallel();
			rows.forEach(y -> {
				double f = f00 + fy * y + fx * x0, s = s00 + sy * y + sx * x0;
				for (int x = x0; x <= x1; x++, f += fx, s += sx) {
					if (f < 0 || s < 0) continue;
					int fi = (int) f, si = (int) s;
					if (fi >= nF || si >= nS || m[si * nF + fi]) continue;
					int o = y * w + x;
					out[o] = ((out[o] >> 1) & 0x7F7F7F) + half;
				}
			});
		}
	}

	/** @return the max-pooling block edge for panel 0 in this view (1 when zoomed in) */
	public static int blockSize(DetectorProjection proj, ViewTransform view) {
		double perScreen = 1 / (view.zoom() * proj.nominalPixelSize());
		return perScreen > 1.0001 ? (int) Math.ceil(perScreen) : 1;
	}

	/** One render pass of a panel from a pyramid level (coordinates already scaled to the level). */
	private record LevelBand(MaxPyramid.Level lv, int[] pal, double k0, double k1, int maskColour, int bs, int[] out, int w, int x0, int x1,
			double fBase, double fx, double fy, double sBase, double sx, double sy) {

		void row(int y) {
			double f = fBase + fx * x0 + fy * y, s = sBase + sx * x0 + sy * y;
			int o = y * w + x0, lw = lv.w(), lh = lv.h();
			int[] iv = lv.ints();
			double[] dv = lv.doubles();
			int empty = maskColour >= 0 ? maskColour : pal[0];
			for (int x = x0; x <= x1; x++, f += fx, s += sx, o++) {
				if (f < 0 || s < 0 || f >= lw || s >= lh) continue;
				int fi = (int) f, si = (int) s;
				int fe = Math.min(fi + bs, lw), se = Math.min(si + bs, lh);
				if (iv != null) {
					int best = Integer.MIN_VALUE;
					for (int yy = si; yy < se; yy++)
						for (int i = yy * lw + fi, e = yy * lw + fe; i < e; i++) if (iv[i] > best) best = iv[i];
					out[o] = best == Integer.MIN_VALUE ? empty : pal[index(best)];
				} else {
					double best = Double.NaN;
					for (int yy = si; yy < se; yy++)
						for (int i = yy * lw + fi, e = yy * lw + fe; i < e; i++) if (!(dv[i] <= best)) best = Double.isNaN(dv[i]) ? best : dv[i];
					out[o] = Double.isNaN(best) ? empty : pal[index(best)];
				}
			}
		}

		private int index(double v) {
			double t = v * k1 + k0;
			return t <= 0 ? 0 : t >= 255 ? 255 : (int) t;
		}
	}

	/** The per-panel constants of one render pass; {@link #row} fills one screen row. */
	private record Band(PanelData pd, boolean[] mask, double lo, int nF, int nS, int[] pal, double k0, double k1, int maskColour, int bs,
			int[] out, int w, int x0, int x1, double fBase, double fx, double fy, double sBase, double sx, double sy, double off) {

		void row(int y) {
			double yy = y + off;
			double f = fBase + fx * x0 + fy * yy, s = sBase + sx * x0 + sy * yy;
			int o = y * w + x0;
			int[] iv = pd.ints();
			double[] dv = pd.doubles();
			for (int x = x0; x <= x1; x++, f += fx, s += sx, o++) {
				if (f < 0 || s < 0 || f >= nF || s >= nS) continue;
				int fi = (int) f, si = (int) s;
				if (bs == 1) {
					int i = si * nF + fi;
					double v = iv != null ? iv[i] : dv[i];
					if (maskColour >= 0 && (v <= lo || (mask != null && !mask[i]))) out[o] = maskColour;
					else out[o] = pal[index(v)];
				} else {
					out[o] = block(iv, dv, fi, si);
				}
			}
		}

		private int index(double v) {
			double t = v * k1 + k0;
			return t <= 0 ? 0 : t >= 255 ? 255 : (int) t;
		}

		/** Colour of the maximum valid value in the bs × bs block at (fi, si). */
		private int block(int[] iv, double[] dv, int fi, int si) {
			int fe = Math.min(fi + bs, nF), se = Math.min(si + bs, nS);
			double best = Double.NEGATIVE_INFINITY, raw = Double.NEGATIVE_INFINITY;
			boolean any = false;
			for (int yy = si; yy < se; yy++) {
				int base = yy * nF;
				if (iv != null) {
					for (int i = base + fi, e = base + fe; i < e; i++) {
						int v = iv[i];
						if (v > raw) raw = v;
						if (v > lo && (mask == null || mask[i]) && v > best) {
							best = v;
							any = true;
						}
					}
				} else {
					for (int i = base + fi, e = base + fe; i < e; i++) {
						double v = dv[i];
						if (v > raw) raw = v;
						if (v > lo && (mask == null || mask[i]) && v > best) {
							best = v;
							any = true;
						}
					}
				}
			}
			if (any) return pal[index(best)];
			return maskColour >= 0 ? maskColour : pal[index(raw)];
		}
	}

	/**
	 * Screen pixels covered by a panel: the bounding box of its 4 corners mapped with the forward
	 * coefficients {@code fw} (panel px → image px), shifted by the view origin (u0, v0) and zoomed by z,
	 * clipped to the w×h screen.
	 *
	 * @return {x0, x1, y0, y1} inclusive, or null if the panel is off screen
	 */
	private static int[] screenBox(double[] fw, int nF, int nS, double u0, double v0, double z, int w, int h) {
		double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY, ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
		for (double[] q : new double[][] { { 0, 0 }, { nF, 0 }, { 0, nS }, { nF, nS } }) {
			double x = (fw[0] + fw[1] * q[0] + fw[2] * q[1] - u0) * z, y = (fw[3] + fw[4] * q[0] + fw[5] * q[1] - v0) * z;
			xmin = Math.min(xmin, x);
			xmax = Math.max(xmax, x);
			ymin = Math.min(ymin, y);
			ymax = Math.max(ymax, y);
		}
		int x0 = (int) Math.max(0, Math.floor(xmin)), x1 = (int) Math.min(w - 1, Math.ceil(xmax));
		int y0 = (int) Math.max(0, Math.floor(ymin)), y1 = (int) Math.min(h - 1, Math.ceil(ymax));
		return x0 > x1 || y0 > y1 ? null : new int[] { x0, x1, y0, y1 };
	}
}
