package org.bragg.ui.core.internal;

import java.util.List;

import org.bragg.model.Beam;
import org.bragg.ui.core.ColourScheme;
import org.bragg.ui.core.DetectorProjection;
import org.bragg.ui.core.OverlaySettings;
import org.bragg.ui.core.ReflectionOverlay;
import org.bragg.ui.core.ResolutionRings;
import org.bragg.ui.core.ViewTransform;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;

/**
 * Draws the overlays of an image view with a {@link GC}: resolution rings, beam centre, observed spots
 * (bounding box and a centroid cross whose centre pixel is the screen pixel holding the centroid),
 * predictions and Miller index labels. Geometry goes panel pixel → drawing plane
 * ({@link DetectorProjection}) → screen ({@link ViewTransform}). UI thread only.
 */
public final class OverlayPainter {
	/** Half length of a centroid cross arm, screen pixels. */
	public static final int CROSS = 4;
	private static final int MAX_LABELS = 400;

	private OverlayPainter() {}

	/**
	 * @param rings ring resolutions in Å (may be empty)
	 * @param beam the beam, or null (no rings, no beam centre)
	 */
	public static void paint(GC gc, int w, int h, DetectorProjection proj, ViewTransform view, ColourScheme scheme, OverlaySettings s, Beam beam,
			double[] rings, ReflectionOverlay refl) {
		if (proj == null) return;
		gc.setAntialias(SWT.OFF);
		gc.setLineWidth(1);
		if (s.resolutionRings() && beam != null && rings != null && rings.length > 0) {
			Color ringColour = colour(scheme.ringColour());
			gc.setForeground(ringColour);
			gc.setAntialias(SWT.ON);
			for (double d : rings) {
				List<double[]> pts = ResolutionRings.trace(proj, beam, d, 180);
				if (pts.size() < 2) continue;
				int[] poly = new int[2 * pts.size()];
				int labelIdx = 0;
				double best = Double.NEGATIVE_INFINITY;
				for (int i = 0; i < pts.size(); i++) {
					poly[2 * i] = (int) Math.round(view.toScreenX(pts.get(i)[0]));
					poly[2 * i + 1] = (int) Math.round(view.toScreenY(pts.get(i)[1]));
					// label where the ring is lowest-right on screen and visible
					double score = poly[2 * i] * 0.3 + poly[2 * i + 1];
					if (poly[2 * i] >= 0 && poly[2 * i] < w - 60 && poly[2 * i + 1] >= 0 && poly[2 * i + 1] < h - 16 && score > best) {
						best = score;
						labelIdx = i;
					}
				}
				gc.drawPolygon(poly);
				if (best > Double.NEGATIVE_INFINITY) gc.drawString(String.format("%.2f Å", d), poly[2 * labelIdx] + 3, poly[2 * labelIdx + 1] + 1, true);
			}
			gc.setAntialias(SWT.OFF);
		}
		if (s.beamCentre() && beam != null) {
			double[] uv = proj.projectRay(beam.s0());
			if (uv != null) {
				int x = (int) Math.floor(view.toScreenX(uv[0])), y = (int) Math.floor(view.toScreenY(uv[1]));
				gc.setForeground(colour(scheme.beamColour()));
				gc.setLineWidth(2);
				gc.drawLine(x - 10, y, x + 10, y);
				gc.drawLine(x, y - 10, x, y + 10);
				gc.setLineWidth(1);
			}
		}
		if (refl == null) return;
		if (s.strongSpots() && refl.observedCount() > 0) {
			gc.setForeground(colour(scheme.spotColour()));
			for (int i = 0; i < refl.observedCount(); i++) {
				int p = refl.observedPanel(i);
				if (p < 0 || p >= proj.panelCount()) continue;
				if (refl.hasBoundingBoxes()) {
					int[] b = refl.observedBbox(i);
					int[] poly = new int[8];
					double[][] corners = { { b[0], b[2] }, { b[1], b[2] }, { b[1], b[3] }, { b[0], b[3] } };
					int minX = Integer.MAX_VALUE, maxX = Integer.MIN_VALUE, minY = Integer.MAX_VALUE, maxY = Integer.MIN_VALUE;
					for (int c = 0; c < 4; c++) {
						double[] uv = proj.toPlane(p, corners[c][0], corners[c][1]);
						poly[2 * c] = (int) Math.floor(view.toScreenX(uv[0]));
						poly[2 * c + 1] = (int) Math.floor(view.toScreenY(uv[1]));
						minX = Math.min(minX, poly[2 * c]);
						maxX = Math.max(maxX, poly[2 * c]);
						minY = Math.min(minY, poly[2 * c + 1]);
						maxY = Math.max(maxY, poly[2 * c + 1]);
					}
					// boxes smaller than the cross would only hide it: draw them when zoomed in enough
					if (maxX - minX > 2 * CROSS + 2 || maxY - minY > 2 * CROSS + 2) {
						if (maxX >= 0 && minX < w && maxY >= 0 && minY < h) gc.drawPolygon(poly);
					}
				}
				Point c = screenPixel(proj, view, p, refl.observedX(i), refl.observedY(i));
				if (c.x < -CROSS || c.y < -CROSS || c.x > w + CROSS || c.y > h + CROSS) continue;
				gc.drawLine(c.x - CROSS, c.y, c.x + CROSS, c.y);
				gc.drawLine(c.x, c.y - CROSS, c.x, c.y + CROSS);
			}
		}
		if ((s.predictions() || s.millerIndices()) && refl.predictedCount() > 0) {
			gc.setForeground(colour(scheme.predictionColour()));
			int labels = 0;
			for (int i = 0; i < refl.predictedCount(); i++) {
				int p = refl.predictedPanel(i);
				if (p < 0 || p >= proj.panelCount()) continue;
				Point c = screenPixel(proj, view, p, refl.predictedX(i), refl.predictedY(i));
				if (c.x < -40 || c.y < -20 || c.x > w || c.y > h) continue;
				if (s.predictions()) gc.drawOval(c.x - 3, c.y - 3, 6, 6);
				int[] hkl = s.millerIndices() ? refl.millerIndex(i) : null;
				if (hkl != null && labels < MAX_LABELS) {
					gc.drawString(hkl[0] + "," + hkl[1] + "," + hkl[2], c.x + 4, c.y + 2, true);
					labels++;
				}
			}
		}
	}

	/** @return the screen pixel holding panel pixel coordinate (x, y) */
	public static Point screenPixel(DetectorProjection proj, ViewTransform view, int panel, double x, double y) {
		double[] uv = proj.toPlane(panel, x, y);
		return new Point((int) Math.floor(view.toScreenX(uv[0])), (int) Math.floor(view.toScreenY(uv[1])));
	}

	private static Color colour(int rgb) {
		return new Color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
	}
}
