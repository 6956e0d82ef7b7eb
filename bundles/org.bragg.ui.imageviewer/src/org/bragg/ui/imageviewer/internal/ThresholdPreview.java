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
 * <p><b>Fast path.</b> {@link #compute} runs only the spot-finding kernel call itself (summed-area
 * tables and the dispersion tests, no intermediate maps), which is all the {@code threshold} map and
 * the strong-pixel count need; the other maps (mean, variance, …) are computed for every panel the first
 * time one of them is asked for ({@link #frame}, {@link #maps}), or at once by
 * {@link #compute(DecodedFrame, Detector, SpotFindingParameters.Threshold, ThresholdDebug.Mode)} with such a
 * mode — call that on a background thread when a map other than {@code threshold} is shown.
 *
 * <p>Thread-safe; the maps, once computed, do not change. Computing runs on a background thread.
 */
public final class ThresholdPreview {
	/** The maps that can be shown, in menu order; {@code null} stands for the image itself. */
	public static final ThresholdDebug.Mode[] MODES = { ThresholdDebug.Mode.MEAN, ThresholdDebug.Mode.VARIANCE, ThresholdDebug.Mode.DISPERSION,
			ThresholdDebug.Mode.SIGMA_B, ThresholdDebug.Mode.SIGMA_S, ThresholdDebug.Mode.GLOBAL, ThresholdDebug.Mode.THRESHOLD };

	private final DecodedFrame source;
	private final Detector detector;
	private final SpotFindingParameters.Threshold params;
	/** per panel: the strong pixels only (fast path) */
	private final ThresholdDebug[] strong;
	/** per panel: every map, computed on demand (null until then) */
	private ThresholdDebug[] all;
	private final boolean[][] masks;
	private final long strongPixels;
	private final double millis;

	private ThresholdPreview(DecodedFrame source, Detector detector, SpotFindingParameters.Threshold params, ThresholdDebug[] strong,
			boolean[][] masks, double millis) {
		this.masks = masks;
		this.source = source;
		this.detector = detector;
		this.params = params;
		this.strong = strong;
		long n = 0;
		for (ThresholdDebug d : strong) n += d.count(ThresholdDebug.Mode.THRESHOLD);
		this.strongPixels = n;
		this.millis = millis;
	}

	/**
	 * Computes the strong pixels of every panel (the fast path; other maps follow on demand).
	 *
	 * @param frame    the decoded frame (values, static mask, trusted range)
	 * @param detector the frame's detector (panel gain and pedestal)
	 * @param params   the threshold parameters (dispersion or dispersion_extended)
	 * @throws IllegalArgumentException for the radial_profile algorithm (not previewed)
	 */
	public static ThresholdPreview compute(DecodedFrame frame, Detector detector, SpotFindingParameters.Threshold params) {
		if (params.algorithm() == ThresholdAlgorithm.RADIAL_PROFILE) throw new IllegalArgumentException("radial_profile has no preview");
		long t0 = System.nanoTime();
		ThresholdDebug[] out = new ThresholdDebug[frame.panelCount()];
		boolean[][] masks = new boolean[out.length][];
		for (int k = 0; k < out.length; k++) {
			masks[k] = usable(frame, k);
			out[k] = panelMaps(frame, detector, k, masks[k], params, ThresholdDebug.Mode.THRESHOLD);
		}
		return new ThresholdPreview(frame, detector, params, out, masks, (System.nanoTime() - t0) / 1e6);
	}

	/**
	 * As {@link #compute(DecodedFrame, Detector, SpotFindingParameters.Threshold)}, and also computes now the
	 * maps {@code mode} needs (every map unless {@code mode} is {@code THRESHOLD}); the time of both is
	 * {@link #millis()}.
	 */
	public static ThresholdPreview compute(DecodedFrame frame, Detector detector, SpotFindingParameters.Threshold params, ThresholdDebug.Mode mode) {
		long t0 = System.nanoTime();
		ThresholdPreview p = compute(frame, detector, params);
		if (mode == ThresholdDebug.Mode.THRESHOLD) return p;
		p.ensureAll();
		return new ThresholdPreview(p, (System.nanoTime() - t0) / 1e6);
	}

	private ThresholdPreview(ThresholdPreview p, double millis) {
		synchronized (p) {
			this.all = p.all;
		}
		this.source = p.source;
		this.detector = p.detector;
		this.params = p.params;
		this.strong = p.strong;
		this.masks = p.masks;
		this.strongPixels = p.strongPixels;
		this.millis = millis;
	}

	/** The frame's validity mask of panel k: static mask and lo &lt; raw value &lt; hi. */
	private static boolean[] usable(DecodedFrame frame, int k) {
		PanelData d = frame.panel(k);
		int n = d.nFast() * d.nSlow();
		boolean[] sm = frame.mask(k);
		double lo = frame.trustedMin(k), hi = frame.trustedMax(k);
		boolean[] mask = new boolean[n];
		if (d.isInteger()) { // array access instead of a virtual call per pixel (6M pixels)
			int[] px = d.ints();
			if (sm == null) for (int i = 0; i < n; i++) {
				int v = px[i];
				mask[i] = lo < v && v < hi;
			}
			else for (int i = 0; i < n; i++) {
				int v = px[i];
				mask[i] = sm[i] && lo < v && v < hi;
			}
		} else {
			for (int i = 0; i < n; i++) {
				double v = d.get(i);
				mask[i] = (sm == null || sm[i]) && lo < v && v < hi;
			}
		}
		return mask;
	}

	/** The maps of panel k for {@code mode} ({@link ThresholdDebug}'s fast path for THRESHOLD), on corrected values. */
	private static ThresholdDebug panelMaps(DecodedFrame frame, Detector detector, int k, boolean[] mask, SpotFindingParameters.Threshold params,
			ThresholdDebug.Mode mode) {
		PanelData d = frame.panel(k);
		Panel p = detector.panel(k);
		int nf = d.nFast(), ns = d.nSlow(), n = nf * ns;
		boolean correct = (p.gain() > 0 && Math.abs(p.gain() - 1) > 1e-7) || Math.abs(p.pedestal()) > 1e-7;
		if (correct || !d.isInteger()) {
			double g = p.gain() > 0 && Math.abs(p.gain() - 1) > 1e-7 ? p.gain() : 1, q = Math.abs(p.pedestal()) > 1e-7 ? p.pedestal() : 0;
			double[] v = new double[n];
			for (int i = 0; i < n; i++) v[i] = (d.get(i) - q) / g;
			return mode == null ? ThresholdDebug.compute(v, mask, nf, ns, params) : ThresholdDebug.compute(v, mask, nf, ns, params, mode);
		}
		return mode == null ? ThresholdDebug.compute(d.ints(), mask, nf, ns, params) : ThresholdDebug.compute(d.ints(), mask, nf, ns, params, mode);
	}

	/** Computes every map of every panel if not done yet. */
	private synchronized ThresholdDebug[] ensureAll() {
		if (all == null) {
			ThresholdDebug[] a = new ThresholdDebug[strong.length];
			for (int k = 0; k < a.length; k++) a[k] = panelMaps(source, detector, k, masks[k], params, null);
			all = a;
		}
		return all;
	}

	/** @return true if the maps of {@code mode} are computed (showing it then costs no threshold work) */
	public synchronized boolean has(ThresholdDebug.Mode mode) {
		return mode == ThresholdDebug.Mode.THRESHOLD || all != null;
	}

	/** @return the frame the maps were computed from */
	public DecodedFrame source() { return source; }

	/** @return the parameters used */
	public SpotFindingParameters.Threshold params() { return params; }

	/** @return number of strong pixels over all panels */
	public long strongPixels() { return strongPixels; }

	/** @return the compute time, ms */
	public double millis() { return millis; }

	/** @return the maps of one panel, every map (computed now if needed: may take as long as the whole threshold) */
	public ThresholdDebug panel(int k) { return ensureAll()[k]; }

	/** @return the maps of one panel that hold {@code mode} (the fast-path result for THRESHOLD, else every map) */
	public ThresholdDebug maps(int k, ThresholdDebug.Mode mode) {
		return mode == ThresholdDebug.Mode.THRESHOLD ? strong[k] : ensureAll()[k];
	}

	/**
	 * @return a map as a displayable frame (masks as 0/1, shown at full scale); computes the maps first
	 *         unless {@link #has(ThresholdDebug.Mode)}
	 */
	public DecodedFrame frame(ThresholdDebug.Mode mode) {
		PanelData[] p = new PanelData[strong.length];
		for (int k = 0; k < p.length; k++) {
			ThresholdDebug m = maps(k, mode);
			if (mode.isMask()) {
				boolean[] b = m.mask(mode);
				int[] v = new int[b.length];
				for (int i = 0; i < b.length; i++) v[i] = b[i] ? 1 : 0;
				p[k] = PanelData.ofInts(m.nFast(), m.nSlow(), v);
			} else {
				p[k] = PanelData.ofDoubles(m.nFast(), m.nSlow(), m.image(mode));
			}
		}
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
