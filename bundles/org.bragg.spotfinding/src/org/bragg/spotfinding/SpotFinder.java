package org.bragg.spotfinding;

import java.util.Objects;
import java.util.function.Consumer;

import org.bragg.format.FormatRegistry;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.spotfinding.internal.AsciiHistogram;
import org.bragg.spotfinding.internal.SpotFindingEngine;

/**
 * Finds strong spots on the images of an experiment list, as {@code dials.find_spots} (DIALS 3.12)
 * does, and returns them as a reflection table like DIALS's {@code strong.refl}.
 *
 * <p><b>Algorithm.</b> For every image of every imageset (in experiment order): the pixel values are
 * gain/pedestal corrected as dxtbx's {@code get_corrected_data}; pixels are usable if the format's static
 * mask, the panel's untrusted rectangles, the imageset and {@code lookup.mask} files and the
 * {@code filter} masks (border, untrusted regions, d_min/d_max, resolution ranges, ice rings) allow them
 * and the raw value lies strictly inside the panel's trusted range; a {@link ThresholdAlgorithm} marks
 * strong pixels; an image with more strong pixels than {@code max_strong_pixel_fraction} of its pixels
 * stops the run ({@link TooManyStrongPixelsException}). Strong pixels are joined into spots by connected
 * components: 3D (6-connected, across consecutive images) for rotation sweeps, 2D (4-connected) for
 * stills, zero-width scans and {@code force_2d}. Spots with fewer than {@code min_spot_size} or more
 * than {@code max_spot_size} pixels, or whose peak pixel is more than {@code max_separation} from the
 * centroid, are dropped. Pixels strong on every image of a scan range (hot pixels) are reported in
 * {@link SpotFindingResult.ImagesetSummary#hotMask()} when {@code write_hot_mask=True} (write them
 * with {@link MaskFiles#write}); their spots are kept, as DIALS keeps them.
 *
 * <p><b>Output table</b> (one row per spot), in DIALS's order (imageset, scan range, panel, then
 * the first pixel of each spot in (z, y, x) order): {@code bbox} (x0, x1, y0, y1, z0, z1; px and
 * frames, upper bounds exclusive), {@code xyzobs.px.value} (intensity-weighted centroid; pixel centres
 * at +0.5; z in frames with image k of a sequence starting at image 1 centred at z = k − 0.5),
 * {@code xyzobs.px.variance} (squared standard error of the centroid + 1/12 per axis),
 * {@code intensity.sum.value} (sum of the strong pixel values) and {@code .variance} (= |value|),
 * {@code n_signal}, {@code panel}, {@code id} (experiment index: by z range for sequences, the imageset
 * index for stills, as DIALS), {@code flags} (strong; overloaded if a value exceeds the trusted
 * maximum) and {@code shoebox} (data, mask Valid|Foreground = 5 at strong pixels, zero background).
 * Experiment identifiers are set.
 *
 * <p><b>Parallelism and memory.</b> Images are read and thresholded by {@code mp.nproc} threads (Auto:
 * all cores); spots are linked in image order as results arrive, and a spot's pixels are released as
 * soon as it cannot grow, so memory grows with the strong pixels and the output, not with the number
 * of images. Results do not depend on {@code nproc}.
 *
 * <p>No file is written and no static state is kept; inputs are not modified. Thread-safe (each call
 * is independent).
 *
 * <p><b>Sources:</b> Winter et al. (2018) Acta Cryst. D74, 85–97 (DIALS); Kabsch (2010) Acta Cryst.
 * D66, 125–132 (XDS dispersion criterion); Parkhurst et al. (2014) J. Appl. Cryst. 47, 1459–1465
 * (dxtbx).
 *
 * @since 0.1
 */
public final class SpotFinder {
	private SpotFinder() {}

	/**
	 * Finds spots (see the class description).
	 *
	 * @param experiments the experiments (imported or later); their imagesets are read
	 * @param params      spot-finding parameters, e.g. {@link SpotFindingParameters#defaults()}
	 * @param formats     image readers
	 * @param progress    per-image progress and cancellation (may be {@link Progress#NONE})
	 * @return the strong spots
	 * @throws BraggInputException  if an image cannot be read (the message names the file), the data do
	 *                              not match the models, or too many pixels are strong
	 * @throws java.util.concurrent.CancellationException if {@code progress} asked to stop
	 */
	public static ReflectionTable findSpots(ExperimentList experiments, SpotFindingParameters params, FormatRegistry formats, Progress progress)
			throws BraggInputException {
		return run(experiments, params, formats, progress, null).reflections();
	}

	/**
	 * Finds spots and reports as {@code dials.find_spots} does: the lines DIALS logs (per-image strong
	 * pixel counts, spots extracted and filtered, and the per-imageset "Histogram of per-image spot
	 * count") go to {@code log} as they happen, and are also returned in the result.
	 *
	 * @param log receives one or more lines at a time (without trailing newline); may be null
	 * @return table, per-imageset summaries (hot-pixel masks if {@code write_hot_mask=True}) and log text
	 * @throws BraggInputException as {@link #findSpots}
	 */
	public static SpotFindingResult run(ExperimentList experiments, SpotFindingParameters params, FormatRegistry formats, Progress progress,
			Consumer<String> log) throws BraggInputException {
		Objects.requireNonNull(experiments, "experiments");
		Objects.requireNonNull(params, "params");
		Objects.requireNonNull(formats, "formats");
		return new SpotFindingEngine(experiments, params, formats, progress, log).run();
	}

	/**
	 * DIALS's ASCII plot of spots per image ({@code spot_counts_per_image_plot}): up to 60 columns of
	 * height 10 with a title line "N spots found on M images (max K / bin)" and an axis line.
	 *
	 * @param reflections spots with {@code xyzobs.px.value}
	 * @return the plot; a single newline for an empty table
	 */
	public static String spotCountsPerImagePlot(ReflectionTable reflections) {
		double[] xyz = reflections.get(org.bragg.model.reflection.Columns.XYZOBS_PX_VALUE);
		double[] z = new double[reflections.size()];
		for (int i = 0; i < z.length; i++) z[i] = xyz[3 * i + 2];
		return AsciiHistogram.spotCountsPerImage(z);
	}

	/**
	 * The per-image table of {@code dials.find_spots per_image_statistics=True} for one experiment:
	 * image (1-based within the experiment), #spots, #spots_no_ice (outside hexagonal-ice rings, ±0.002
	 * Å⁻² in d*²) and total_intensity (of the spots outside ice rings), in DIALS's layout.
	 *
	 * @param experiments     the experiments
	 * @param experimentIndex which experiment (its rows are those with {@code id} = this index)
	 * @param reflections     strong spots with {@code id}, {@code panel}, {@code xyzobs.px.value} and
	 *                        {@code intensity.sum.value}
	 * @return the table text
	 */
	public static String perImageStatistics(ExperimentList experiments, int experimentIndex, ReflectionTable reflections) {
		int[] id = reflections.get(org.bragg.model.reflection.Columns.ID);
		long[] panel = reflections.get(org.bragg.model.reflection.Columns.PANEL);
		double[] xyz = reflections.get(org.bragg.model.reflection.Columns.XYZOBS_PX_VALUE);
		double[] isum = reflections.get(org.bragg.model.reflection.Columns.INTENSITY_SUM_VALUE);
		int n = 0;
		for (int v : id) if (v == experimentIndex) n++;
		double[] x = new double[n], y = new double[n], z = new double[n], in = new double[n];
		int[] p = new int[n];
		for (int i = 0, k = 0; i < id.length; i++) {
			if (id[i] != experimentIndex) continue;
			x[k] = xyz[3 * i];
			y[k] = xyz[3 * i + 1];
			z[k] = xyz[3 * i + 2];
			p[k] = (int) panel[i];
			in[k++] = isum[i];
		}
		return org.bragg.spotfinding.internal.PerImageStatistics.table(experiments.get(experimentIndex), x, y, z, p, in);
	}
}
