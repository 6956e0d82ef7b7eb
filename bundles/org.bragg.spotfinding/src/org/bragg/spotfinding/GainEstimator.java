package org.bragg.spotfinding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageSource;
import org.bragg.format.PanelData;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.Panel;
import org.bragg.spotfinding.internal.FlexPickle;
import org.bragg.spotfinding.internal.IndexOfDispersion;
import org.bragg.spotfinding.internal.PanelImage;

/**
 * Estimates the detector gain (ADU per photon) from the images themselves, as
 * {@code dials.estimate_gain} (DIALS 3.12): for Poisson counts the variance equals the mean, so the
 * index of dispersion (variance/mean) of a pixel's neighbourhood is the gain wherever the neighbourhood
 * is pure background.
 *
 * <p><b>Method.</b> For each image (up to {@code maxImages}): the index of dispersion of the raw pixel
 * values in a (2k<sub>y</sub>+1)×(2k<sub>x</sub>+1) window (default k = 10, 10 → 21×21) over the usable pixels
 * (format and imageset masks, trusted range), every window required complete (DIALS
 * {@code min_local=0}); pixels without a value count as 1, as in DIALS. The values of all panels are
 * sorted; with quartiles q1, q3 at positions ⌊n/4 + ½⌋ and ⌊3n/4 + ½⌋, values outside
 * (q1 − 1.5·IQR, q3 + 1.5·IQR) are dropped, and the gain is the median of the rest. The reported gain
 * is the first image's; with several images their mean and standard deviation are logged too. For
 * background-dominated images of a photon-counting detector it is close to 1 (Leslie 2006, Acta Cryst.
 * D62, 48–57, on CCD gain).
 *
 * @since 0.1
 */
public final class GainEstimator {
	private GainEstimator() {}

	/**
	 * The result.
	 *
	 * @param gain         the gain of the first image (ADU per photon), as DIALS returns
	 * @param perImage     the gain estimated on each image examined
	 * @param quartiles    per image, {q1, q2, q3} of the index of dispersion
	 */
	public record Estimate(double gain, double[] perImage, List<double[]> quartiles) {
		public Estimate {
			perImage = perImage.clone();
			quartiles = List.copyOf(quartiles);
		}

		@Override public double[] perImage() { return perImage.clone(); }

		/** @return mean of the per-image gains */
		public double mean() { return Arrays.stream(perImage).average().orElse(gain); }

		/**
		 * A flat gain map for one panel, as DIALS's {@code output.gain_map} (which holds the first
		 * panel's shape): {@code nFast·nSlow} copies of {@link #gain()}, row-major.
		 */
		public double[] gainMap(Panel panel) {
			double[] m = new double[panel.nFast() * panel.nSlow()];
			Arrays.fill(m, gain);
			return m;
		}
	}

	/**
	 * @param experiment an experiment whose imageset is read (image 0 first)
	 * @param formats    image readers
	 * @param kernelSize {k_slow, k_fast}, each ≥ 1 (DIALS default 10, 10)
	 * @param maxImages  number of images to examine (≥ 1; DIALS default 1)
	 * @param log        receives DIALS's lines ("q1, q2, q3: …", "Estimated gain: …"); may be null
	 * @return the estimate
	 * @throws BraggInputException if an image cannot be read, or the dispersion has no spread ("Unable
	 *                             to robustly estimate the variation of pixel values.")
	 */
	public static Estimate estimate(Experiment experiment, FormatRegistry formats, int[] kernelSize, int maxImages, Consumer<String> log)
			throws BraggInputException {
		Objects.requireNonNull(experiment, "experiment");
		if (kernelSize.length != 2 || kernelSize[0] < 1 || kernelSize[1] < 1) throw new IllegalArgumentException("kernel_size needs 2 integers >= 1");
		if (maxImages < 1) throw new IllegalArgumentException("max_images must be >= 1, got " + maxImages);
		Consumer<String> out = log == null ? s -> {} : log;
		ImageSource source = ImageSource.of(experiment, formats);
		Detector det = experiment.detector();
		boolean[][] external = experiment.imageSet().mask() != null ? FlexPickle.readBoolTuple(experiment.imageSet().mask()) : null;
		List<Double> gains = new ArrayList<>();
		List<double[]> quartiles = new ArrayList<>();
		int n = Math.min(maxImages, source.numImages());
		for (int image = 0; image < n; image++) {
			PanelData[] data = source.read(image);
			boolean[][] masks = source.staticMask(image, det);
			int total = 0;
			List<double[]> maps = new ArrayList<>();
			for (int p = 0; p < det.size(); p++) {
				Panel pan = det.panel(p);
				PanelData d = data[p];
				PanelImage img = d.isInteger() ? PanelImage.of(d.nFast(), d.nSlow(), d.ints()) : PanelImage.of(d.nFast(), d.nSlow(), d.doubles());
				boolean[] m = masks[p].clone();
				if (external != null) for (int k = 0; k < m.length; k++) m[k] &= external[p][k];
				double[] tr = pan.trustedRange();
				for (int k = 0; k < m.length; k++) {
					double v = d.get(k);
					m[k] &= tr[0] < v && v < tr[1];
				}
				double[] iod = IndexOfDispersion.compute(img, m, kernelSize, 0);
				maps.add(iod);
				total += iod.length;
			}
			double[] all = new double[total];
			int o = 0;
			for (double[] a : maps) {
				System.arraycopy(a, 0, all, o, a.length);
				o += a.length;
			}
			Arrays.sort(all);
			double q1 = all[nint(all.length / 4.0)], q2 = all[nint(all.length / 2.0)], q3 = all[nint(all.length * 3 / 4.0)];
			double iqr = q3 - q1;
			out.accept(String.format("q1, q2, q3: %.2f, %.2f, %.2f", q1, q2, q3));
			quartiles.add(new double[] { q1, q2, q3 });
			if (iqr == 0.0) throw new BraggInputException(source.path(image) + ": Unable to robustly estimate the variation of pixel values.");
			double lo = q1 - 1.5 * iqr, hi = q3 + 1.5 * iqr;
			int m = 0;
			for (double v : all) if (v > lo && v < hi) all[m++] = v;
			double gain = all[nint(m / 2.0)];
			out.accept(String.format("Estimated gain: %.2f", gain));
			gains.add(gain);
		}
		double[] g = gains.stream().mapToDouble(Double::doubleValue).toArray();
		if (g.length > 1) {
			double mean = Arrays.stream(g).average().orElse(0), ss = 0;
			for (double v : g) ss += (v - mean) * (v - mean);
			out.accept(String.format("Average gain: %.2f +/- %.2f", mean, Math.sqrt(ss / (g.length - 1))));
		}
		return new Estimate(g[0], g, quartiles);
	}

	/** libtbx {@code nearest_integer}: ⌊x + ½⌋. */
	private static int nint(double x) { return (int) Math.floor(x + 0.5); }
}
