package org.bragg.ui.imageviewer.internal;

import org.bragg.format.PanelData;
import org.bragg.model.Detector;
import org.bragg.model.Panel;
import org.bragg.spotfinding.SpotFindingParameters;
import org.bragg.spotfinding.ThresholdAlgorithm;
import org.bragg.spotfinding.ThresholdDebug;
import org.bragg.ui.core.DecodedFrame;

/**
 * The threshold preview of the image viewer: the intermediate maps of the spot-finding threshold
 * (mean, variance, dispersion, σ<sub>b</sub>, σ<sub>s</sub>, global, threshold) of one decoded frame,
 * computed by the spot-finding kernels themselves ({@link ThresholdDebug}), so the {@code threshold}
 * map is the set of strong pixels {@code find_spots} uses for the same image, mask and parameters.
 *
 * <p>Input correction as in spot finding: pixel values are divided by the panel gain and the panel
 * pedestal is subtracted when these differ from 1 and 0. Mask: the frame's validity (format static mask,
 * the panel's untrusted rectangles, trusted range) — spot finding's optional filters (resolution limits,
 * untrusted regions, ice rings, border) are not applied by the preview.
 *
 * <p>Immutable once computed; computing runs on a background thread.
 */
public final class ThresholdPreview {
	/** The maps that can be shown, in menu order; {@code null} stands for the image itself. */
	public static final ThresholdDebug.Mode[] MODES = { ThresholdDebug.Mode.MEAN, ThresholdDebug.Mode.VARIANCE, ThresholdDebug.Mode.DISPERSION,
			ThresholdDebug.Mode.SIGMA_B, ThresholdDebug.Mode.SIGMA_S, ThresholdDebug.Mode.GLOBAL, ThresholdDebug.Mode.THRESHOLD };

	private final DecodedFrame source;
	private final Detector detector;
	private final SpotFindingParameters.Threshold params;
	private final ThresholdDebug[] panels;
	private final boolean[][] masks;
	private final long strongPixels;
	private final double millis;

	private ThresholdPreview(DecodedFrame source, Detector detector, SpotFindingParameters.Threshold params, ThresholdDebug[] panels,
			boolean[][] masks, double millis) {
		this.masks = masks;
		this.source = source;
		this.detector = detector;
		this.params = params;
		this.panels = panels;
		long n = 0;
		for (ThresholdDebug d : panels) for (boolean b : d.mask(ThresholdDebug.Mode.THRESHOLD)) if (b) n++;
		this.strongPixels = n;
		this.millis = millis;
	}

	/**
	 * Computes the maps of every panel.
	 *
	 * @throws IllegalArgumentException for the radial_profile algorithm (not previewed)
	 */
	public static ThresholdPreview compute(DecodedFrame frame, Detector detector, SpotFindingParameters.Threshold params) {
		if (params.algorithm() == ThresholdAlgorithm.RADIAL_PROFILE) throw new IllegalArgumentException("radial_profile has no preview");
		long t0 = System.nanoTime();
		ThresholdDebug[] out = new ThresholdDebug[frame.panelCount()];
		boolean[][] masks = new boolean[out.length][];
		for (int k = 0; k < out.length; k++) {
			PanelData d = frame.panel(k);
			Panel p = detector.panel(k);
			int nf = d.nFast(), ns = d.nSlow(), n = nf * ns;
			boolean[] sm = frame.mask(k);
			double lo = frame.trustedMin(k), hi = frame.trustedMax(k);
			boolean[] mask = new boolean[n];
			if (d.isInteger()) { // array access instead of a virtual call per pixel (6M pixels)
				int[] px = d.ints();
				for (int i = 0; i < n; i++) {
					int v = px[i];
					mask[i] = (sm == null || sm[i]) && lo < v && v < hi;
				}
			} else {
				for (int i = 0; i < n; i++) {
					double v = d.get(i);
					mask[i] = (sm == null || sm[i]) && lo < v && v < hi;
				}
			}
			masks[k] = mask;
			boolean correct = (p.gain() > 0 && Math.abs(p.gain() - 1) > 1e-7) || Math.abs(p.pedestal()) > 1e-7;
			if (correct || !d.isInteger()) {
				double g = p.gain() > 0 && Math.abs(p.gain() - 1) > 1e-7 ? p.gain() : 1, q = Math.abs(p.pedestal()) > 1e-7 ? p.pedestal() : 0;
				double[] v = new double[n];
				for (int i = 0; i < n; i++) v[i] = (d.get(i) - q) / g;
				out[k] = ThresholdDebug.compute(v, mask, nf, ns, params);
			} else {
				out[k] = ThresholdDebug.compute(d.ints(), mask, nf, ns, params);
			}
		}
		return new ThresholdPreview(frame, detector, params, out, masks, (System.nanoTime() - t0) / 1e6);
	}

	/** @return the frame the maps were computed from */
	public DecodedFrame source() { return source; }

	/** @return the parameters used */
	public SpotFindingParameters.Threshold params() { return params; }

	/** @return number of strong pixels over all panels */
	public long strongPixels() { return strongPixels; }

	/** @return the compute time, ms */
	public double millis() { return millis; }

	/** @return the maps of one panel */
	public ThresholdDebug panel(int k) { return panels[k]; }

	/** @return a map as a displayable frame (masks as 0/1, shown at full scale) */
	public DecodedFrame frame(ThresholdDebug.Mode mode) {
		PanelData[] p = new PanelData[panels.length];
		for (int k = 0; k < p.length; k++) p[k] = PanelData.ofDoubles(panels[k].nFast(), panels[k].nSlow(), panels[k].asDoubles(mode));
		String label = mode.name().toLowerCase(java.util.Locale.ROOT) + " of " + source.label();
		return new DecodedFrame(label, p, masks, withoutTrustedRange(detector));
	}

	/** Maps are not counts: every value is shown (the lower trusted limit of the raw data does not apply). */
	private static Detector withoutTrustedRange(Detector d) {
		java.util.List<Panel> ps = new java.util.ArrayList<>();
		for (Panel p : d.panels()) ps.add(p.withTrustedRange(-Double.MAX_VALUE, Double.MAX_VALUE));
		return d.withPanels(ps);
	}
}
