package org.bragg.ui.core;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bragg.format.ImageSource;
import org.bragg.format.PanelData;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Panel;

/**
 * One decoded image (or a stack of images) ready for display: the pixels of every panel, the
 * validity mask, and the automatic white level. Decoding is the slow step (file read, decompression);
 * everything the viewer does afterwards — colour schemes, brightness, zoom, overlays — works on this
 * object and never touches the file again.
 *
 * <p>Pixels are {@link PanelData} (row-major, slow index outermost). A pixel is <em>valid</em> if the
 * format's static mask (module gaps, dead pixels) and the panel's mask rectangles allow it and its value
 * lies above the panel's lower trusted limit; values at or above the upper trusted limit (overloads) are
 * valid and shown saturated.
 *
 * <p>The automatic white level is twice the 99th percentile of the valid pixel values (at least 1
 * count), which shows the background of a Pilatus still as light noise and Bragg spots saturated.
 *
 * <p>Instances are immutable after construction (the arrays must not be modified) and thread-safe.
 *
 * @since 0.1
 */
public final class DecodedFrame {
	private final String label;
	private final PanelData[] panels;
	private final boolean[][] mask;
	private final double[] trustedMin, trustedMax;
	private final double autoWhite;
	private final java.util.concurrent.ConcurrentHashMap<Integer, Double> blockWhite = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * @param label text for the user, e.g. the file name and image number
	 * @param panels pixels, one per detector panel
	 * @param mask per panel boolean[nFast·nSlow] with true = valid, or null (per panel or entirely) for no static mask
	 * @param detector the detector (for trusted ranges); must have as many panels as {@code panels}
	 * @throws IllegalArgumentException if the panel counts or sizes disagree
	 */
	public DecodedFrame(String label, PanelData[] panels, boolean[][] mask, Detector detector) {
		this.label = Objects.requireNonNull(label);
		this.panels = panels.clone();
		if (detector.size() != panels.length)
			throw new IllegalArgumentException("detector has " + detector.size() + " panels but the image has " + panels.length);
		this.mask = new boolean[panels.length][];
		trustedMin = new double[panels.length];
		trustedMax = new double[panels.length];
		for (int k = 0; k < panels.length; k++) {
			Panel p = detector.panel(k);
			if (p.nFast() != panels[k].nFast() || p.nSlow() != panels[k].nSlow())
				throw new IllegalArgumentException("panel " + k + " is " + p.nFast() + "×" + p.nSlow() + " px in the detector model but "
						+ panels[k].nFast() + "×" + panels[k].nSlow() + " px in the image");
			double[] tr = p.trustedRange();
			trustedMin[k] = tr[0];
			trustedMax[k] = tr[1] > tr[0] ? tr[1] : Double.POSITIVE_INFINITY;
			boolean[] m = mask != null && mask.length > k ? mask[k] : null;
			if (m != null && m.length != panels[k].size()) throw new IllegalArgumentException("mask of panel " + k + " has the wrong size");
			this.mask[k] = m;
		}
		this.autoWhite = computeAutoWhite();
	}

	/**
	 * Decodes image {@code index} of an image source with its static mask.
	 *
	 * @throws BraggInputException if the file cannot be read or decoded
	 */
	public static DecodedFrame decode(ImageSource source, int index, Detector detector) throws BraggInputException {
		PanelData[] data = source.read(index);
		boolean[][] m = source.staticMask(index, detector);
		return new DecodedFrame(source.path(index).getFileName() + (source.indexInFile(index) > 0 ? " #" + source.indexInFile(index) : ""), data, m,
				detector);
	}

	/**
	 * Sum or maximum of several frames of the same detector, pixel by pixel. A pixel of the result is
	 * valid if it is valid in every frame; integer frames give an integer result.
	 *
	 * @throws IllegalArgumentException if the list is empty or the frames have different shapes
	 */
	public static DecodedFrame stack(List<DecodedFrame> frames, StackMode mode, Detector detector) {
		if (frames.isEmpty()) throw new IllegalArgumentException("nothing to stack");
		if (frames.size() == 1) return frames.get(0);
		DecodedFrame first = frames.get(0);
		int np = first.panels.length;
		PanelData[] out = new PanelData[np];
		boolean[][] m = new boolean[np][];
		for (int k = 0; k < np; k++) {
			PanelData p0 = first.panels[k];
			int n = p0.size();
			final int kk = k;
			boolean allInt = frames.stream().allMatch(f -> f.panels[kk].isInteger());
			boolean[] valid = new boolean[n];
			Arrays.fill(valid, true);
			for (DecodedFrame f : frames) {
				if (f.panels.length != np || f.panels[k].size() != n) throw new IllegalArgumentException("frames to stack have different shapes");
				double lo = f.trustedMin[k];
				PanelData d = f.panels[k];
				boolean[] fm = f.mask[k];
				for (int i = 0; i < n; i++) if ((fm != null && !fm[i]) || d.get(i) <= lo) valid[i] = false;
			}
			if (allInt) {
				int[] acc = frames.get(0).panels[k].ints().clone();
				for (int j = 1; j < frames.size(); j++) {
					int[] v = frames.get(j).panels[k].ints();
					if (mode == StackMode.SUM) for (int i = 0; i < n; i++) acc[i] += v[i];
					else for (int i = 0; i < n; i++) acc[i] = Math.max(acc[i], v[i]);
				}
				out[k] = PanelData.ofInts(p0.nFast(), p0.nSlow(), acc);
			} else {
				double[] acc = frames.get(0).panels[k].toDoubles();
				for (int j = 1; j < frames.size(); j++) {
					PanelData v = frames.get(j).panels[k];
					if (mode == StackMode.SUM) for (int i = 0; i < n; i++) acc[i] += v.get(i);
					else for (int i = 0; i < n; i++) acc[i] = Math.max(acc[i], v.get(i));
				}
				out[k] = PanelData.ofDoubles(p0.nFast(), p0.nSlow(), acc);
			}
			m[k] = valid;
		}
		String label = (mode == StackMode.SUM ? "sum" : "max") + " of " + frames.size() + " from " + first.label;
		return new DecodedFrame(label, out, m, detector);
	}

	private double computeAutoWhite() {
		// histogram of valid integer counts 0..65535 (+ overflow), or a strided sample for doubles
		final int bins = 1 << 16;
		long[] hist = new long[bins + 1];
		long n = 0;
		java.util.ArrayList<double[]> samples = new java.util.ArrayList<>();
		for (int k = 0; k < panels.length; k++) {
			PanelData p = panels[k];
			boolean[] m = mask[k];
			double lo = trustedMin[k];
			if (p.isInteger()) {
				int[] v = p.ints();
				for (int i = 0; i < v.length; i++) {
					int x = v[i];
					if (x <= lo || (m != null && !m[i])) continue;
					hist[x < 0 ? 0 : Math.min(x, bins)]++;
					n++;
				}
			} else {
				double[] v = p.doubles();
				int stride = Math.max(1, v.length / 20000);
				double[] s = new double[(v.length + stride - 1) / stride];
				int c = 0;
				for (int i = 0; i < v.length; i += stride) if (v[i] > lo && (m == null || m[i])) s[c++] = v[i];
				samples.add(Arrays.copyOf(s, c));
			}
		}
		double p99;
		if (samples.isEmpty()) {
			if (n == 0) return 1;
			long target = (long) Math.ceil(0.99 * n), acc = 0;
			int b = 0;
			for (; b <= bins; b++) {
				acc += hist[b];
				if (acc >= target) break;
			}
			p99 = b;
		} else {
			int total = samples.stream().mapToInt(a -> a.length).sum();
			if (total == 0) return 1;
			double[] all = new double[total];
			int o = 0;
			for (double[] a : samples) {
				System.arraycopy(a, 0, all, o, a.length);
				o += a.length;
			}
			Arrays.sort(all);
			p99 = all[Math.min(total - 1, (int) (0.99 * total))];
		}
		return Math.max(1, 2 * p99);
	}

	/** @return text for the user (file name, image number, stacking) */
	public String label() { return label; }

	/** @return number of panels */
	public int panelCount() { return panels.length; }

	/** @return the pixels of panel {@code k}; the arrays are shared, do not modify */
	public PanelData panel(int k) { return panels[k]; }

	/** @return the static mask of panel {@code k} (true = valid), or null if none; shared, do not modify */
	public boolean[] mask(int k) { return mask[k]; }

	/** @return the lower trusted limit of panel {@code k} (counts); values at or below it are invalid */
	public double trustedMin(int k) { return trustedMin[k]; }

	/** @return the upper trusted limit of panel {@code k} (counts), +∞ if none */
	public double trustedMax(int k) { return trustedMax[k]; }

	/** @return true if pixel (x, y) of panel k is valid (see class documentation) */
	public boolean isValid(int k, int x, int y) {
		PanelData p = panels[k];
		int i = y * p.nFast() + x;
		return (mask[k] == null || mask[k][i]) && p.get(i) > trustedMin[k];
	}

	/** @return the value of pixel (x, y) of panel k (counts) */
	public double value(int k, int x, int y) {
		PanelData p = panels[k];
		return p.get(y * p.nFast() + x);
	}

	/** @return the automatic white level (counts), see class documentation */
	public double autoWhiteLevel() { return autoWhite; }

	/**
	 * The automatic white level for a zoomed-out display in which each screen pixel shows the maximum of
	 * a {@code block × block} group of pixels: twice the 99th percentile of such block maxima (sampled on
	 * a regular grid of about 20 000 blocks), so that the background does not brighten when zooming out.
	 *
	 * @param block block edge in pixels (1 gives {@link #autoWhiteLevel()})
	 * @return the white level in counts (≥ 1)
	 */
	public double autoWhiteLevel(int block) {
		if (block <= 1) return autoWhite;
		return blockWhite.computeIfAbsent(block, this::computeBlockWhite);
	}

	private double computeBlockWhite(int b) {
		long total = 0;
		for (PanelData p : panels) total += (long) (p.nFast() / b) * (p.nSlow() / b);
		if (total == 0) return autoWhite;
		int step = (int) Math.max(1, Math.sqrt(total / 20000.0));
		double[] s = new double[(int) Math.min(Integer.MAX_VALUE - 8, total / ((long) step * step) + panels.length * 64L)];
		int c = 0;
		for (int k = 0; k < panels.length; k++) {
			PanelData p = panels[k];
			int nf = p.nFast(), ns = p.nSlow();
			boolean[] m = mask[k];
			double lo = trustedMin[k];
			for (int by = 0; by + b <= ns; by += b * step) {
				for (int bx = 0; bx + b <= nf && c < s.length; bx += b * step) {
					double best = Double.NEGATIVE_INFINITY;
					for (int y = by; y < by + b; y++)
						for (int x = bx, i = y * nf + bx; x < bx + b; x++, i++) {
							double v = p.get(i);
							if (v > lo && (m == null || m[i]) && v > best) best = v;
						}
					if (best > Double.NEGATIVE_INFINITY) s[c++] = best;
				}
			}
		}
		if (c == 0) return autoWhite;
		Arrays.sort(s, 0, c);
		return Math.max(autoWhite, 2 * s[Math.min(c - 1, (int) (0.99 * c))]);
	}

	/** @return the memory held by the pixel arrays and masks, in bytes (approximate) */
	public long byteSize() {
		long b = 0;
		for (int k = 0; k < panels.length; k++) {
			b += (long) panels[k].size() * (panels[k].isInteger() ? 4 : 8);
			if (mask[k] != null) b += mask[k].length;
		}
		return b;
	}

	@Override
	public String toString() { return "DecodedFrame[" + label + ", " + panels.length + " panel(s)]"; }
}
