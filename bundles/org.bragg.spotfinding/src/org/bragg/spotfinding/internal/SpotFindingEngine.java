package org.bragg.spotfinding.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.format.ImageSource;
import org.bragg.format.PanelData;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.ImageSet;
import org.bragg.model.Panel;
import org.bragg.model.Progress;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.reflection.Shoebox;
import org.bragg.model.reflection.ShoeboxMask;
import org.bragg.spotfinding.SpotFindingParameters;
import org.bragg.spotfinding.SpotFindingResult;
import org.bragg.spotfinding.ThresholdAlgorithm;
import org.bragg.spotfinding.TooManyStrongPixelsException;

/**
 * One spot-finding run over an experiment list, with DIALS 3.12 semantics
 * ({@code dials.algorithms.spot_finding.finder.SpotFinder}). Frames of all imagesets are read and
 * thresholded by {@code nproc} worker threads; the calling thread consumes the results in frame order,
 * links strong pixels into spots ({@link StreamingLabeller}), builds them ({@link SpotBuilder}),
 * filters and logs exactly as DIALS does. At most {@code nproc + 2} frames are in flight, so memory
 * grows with the strong pixels of open spots and the output, not with the number of frames.
 *
 * <p>One instance per run; not reusable, not thread-safe (its workers are internal).
 */
public final class SpotFindingEngine {
	private static final String RULE = "-".repeat(80);
	private static final boolean[][] RELEASED = new boolean[0][];

	private final ExperimentList experiments;
	private final SpotFindingParameters params;
	private final FormatRegistry registry;
	private final Progress progress;
	private final Consumer<String> logSink;
	private final StringBuilder logText = new StringBuilder();
	private final ThreadLocal<Worker> workers = ThreadLocal.withInitial(Worker::new);
	private final Map<Object, double[]> twoThetaCache = new ConcurrentHashMap<>();
	private int minSpotSize;
	private int maxSpotSize;
	private double globalThreshold;
	private int nproc;
	private boolean[][] lookupMask;

	/**
	 * @param log receives DIALS-style lines (may be null)
	 */
	public SpotFindingEngine(ExperimentList experiments, SpotFindingParameters params, FormatRegistry registry, Progress progress, Consumer<String> log) {
		this.experiments = experiments;
		this.params = params;
		this.registry = registry;
		this.progress = progress == null ? Progress.NONE : progress;
		this.logSink = log;
	}

	private void log(String s) {
		logText.append(s).append('\n');
		if (logSink != null) logSink.accept(s);
	}

	// ------------------------------------------------------------------------------------------------
	// jobs

	/** One imageset and the experiments that use it. */
	private final class Job {
		final int index;
		final ImageSet set;
		final List<Integer> experimentIndices = new ArrayList<>();
		final Experiment first;
		final Detector detector;
		final Beam beam;
		final Scan scan;
		final boolean sequence;
		final boolean twoD;
		final int frameOffset;
		final int numImages;
		final ImageSource source;
		final List<Range> ranges = new ArrayList<>();
		final List<SpotBuilder.Spot> spots = new ArrayList<>();
		final int[][] hot;
		double[] gain;
		double[] pedestal;
		double[][] gainMaps;
		double[][] pedestalMaps;
		private volatile boolean[][] staticMask;
		final List<Integer> imageNumbers = new ArrayList<>();
		final List<Integer> strongPixels = new ArrayList<>();
		ReflectionTable table;

		Job(int index, ImageSet set, Experiment first, List<Integer> experimentIndices) {
			this.index = index;
			this.set = set;
			this.first = first;
			this.experimentIndices.addAll(experimentIndices);
			this.detector = first.detector();
			this.beam = first.beam();
			this.scan = imagesetScan(first, experimentIndices);
			this.sequence = set.isSequence();
			if (sequence && scan == null) throw new IllegalArgumentException("imageset " + index + " is a sequence without a scan");
			this.twoD = params.force2d() || !sequence || scan.isStill();
			this.frameOffset = sequence ? scan.firstImage() - 1 : 0;
			this.source = ImageSource.of(set, scan, registry);
			this.numImages = source.numImages();
			this.hot = new int[detector.size()][];
		}

		/**
		 * The combined static mask: format + panel rectangles + imageset/lookup masks + filter masks;
		 * computed once, from the format mask of the first image a worker opens.
		 *
		 * @param formatMask the format's static mask of that image (per panel, may be null)
		 */
		boolean[][] staticMask(boolean[][] formatMask) throws BraggInputException {
			boolean[][] m = staticMask;
			if (m == null) {
				synchronized (this) {
					m = staticMask;
					if (m == null) {
						m = buildStaticMask(this, formatMask);
						staticMask = m;
					}
				}
			}
			return m;
		}

		boolean hasStaticMask() { return staticMask != null; }

		/** Drops per-imageset buffers once the imageset is done (memory stays bounded over many imagesets). */
		void release() {
			staticMask = RELEASED;
			spots.clear();
			source.close();
		}
	}

	/** A contiguous range of images of a job, labelled on its own (DIALS scan_range). */
	private final class Range {
		final Job job;
		final int start;
		final int end;
		final int label0;
		final int label1;
		final StreamingLabeller[] labellers;
		final List<List<SpotBuilder.Spot>> perPanel = new ArrayList<>();
		final int[] tooSmall = new int[1];
		final int[] tooLarge = new int[1];

		Range(Job job, int start, int end, int label0, int label1) {
			this.job = job;
			this.start = start;
			this.end = end;
			this.label0 = label0;
			this.label1 = label1;
			int np = job.detector.size();
			labellers = new StreamingLabeller[np];
			for (int p = 0; p < np; p++) {
				final int panel = p;
				final Panel pan = job.detector.panel(p);
				List<SpotBuilder.Spot> list = new ArrayList<>();
				perPanel.add(list);
				labellers[p] = new StreamingLabeller(pan.nFast(), pan.nSlow(), job.twoD, params.writeHotMask(), c -> {
					if (c.size < minSpotSize) tooSmall[0]++;
					else if (c.size > maxSpotSize) tooLarge[0]++;
					else list.add(SpotBuilder.build(c, panel, pan.nFast()));
				});
			}
		}
	}

	private record Unit(Job job, Range range, int index, boolean lastOfRange) {}

	/** Strong pixels of one frame: per panel, flat indices and values. */
	private record FrameResult(int[][] index, double[][] value, int[] count, int numStrong, double meanBackground) {}

	// ------------------------------------------------------------------------------------------------

	/**
	 * Runs spot finding.
	 *
	 * @throws BraggInputException          if an image cannot be read, parameters do not fit the data, or
	 *                                      too many pixels are strong ({@link TooManyStrongPixelsException})
	 * @throws CancellationException        if the progress monitor asked to stop
	 */
	public SpotFindingResult run() throws BraggInputException {
		SpotFindingParameters.Filter filter = params.filter();
		if (filter.backgroundGradient().filter())
			throw new BraggInputException("spotfinder.filter.background_gradient.filter=True: the background gradient filter is not implemented in Bragg; "
					+ "expected False");
		if (experiments.isEmpty()) throw new BraggInputException("no experiments to find spots in: expected at least one experiment with an imageset");
		List<ImageSet> sets = experiments.imageSets();
		if (sets.isEmpty()) throw new BraggInputException("the experiments have no imagesets: expected images to find spots in");

		Detector det0 = experiments.get(0).detector();
		if (filter.minSpotSize().isPresent()) {
			minSpotSize = filter.minSpotSize().getAsInt();
		} else {
			minSpotSize = "SENSOR_PAD".equals(det0.panel(0).type()) ? 3 : 6;
			log("Setting spotfinder.filter.min_spot_size=" + minSpotSize);
		}
		maxSpotSize = filter.maxSpotSize();
		if (maxSpotSize <= minSpotSize)
			throw new BraggInputException("spotfinder.filter.max_spot_size=" + maxSpotSize + " must be greater than min_spot_size=" + minSpotSize);
		log("Configuring spot finder from input parameters");
		if (params.threshold().dispersion().gain().isEmpty() && params.threshold().algorithm() != ThresholdAlgorithm.RADIAL_PROFILE) {
			for (Panel p : det0.panels()) {
				if (Math.abs(p.gain() - 1.0) > 1e-7) {
					log("Note: spotfinder.threshold.dispersion.gain=None: the dispersion test assumes gain 1 on pixel values already divided by "
							+ "the panel gain (" + p.gain() + "), as DIALS 3.12 does");
					break;
				}
			}
		}
		nproc = params.mp().resolvedNproc();
		if (params.mp().nproc().isEmpty()) log("Setting nproc=" + nproc);
		if (params.lookup().mask().isPresent()) lookupMask = FlexPickle.readBoolTuple(params.lookup().mask().get());

		// jobs and units
		List<Job> jobs = new ArrayList<>();
		List<Unit> units = new ArrayList<>();
		for (int j = 0; j < sets.size(); j++) {
			ImageSet set = sets.get(j);
			Experiment first = null;
			List<Integer> idx = new ArrayList<>();
			for (int i = 0; i < experiments.size(); i++) {
				if (experiments.get(i).imageSet() == set) {
					if (first == null) first = experiments.get(i);
					idx.add(i);
				}
			}
			Job job = new Job(j, set, first, idx);
			setUpCorrections(job);
			jobs.add(job);
			for (int[] r : scanRanges(job)) {
				Range range = new Range(job, r[0], r[1], r[2], r[3]);
				job.ranges.add(range);
				for (int i = r[0]; i < r[1]; i++) units.add(new Unit(job, range, i, i == r[1] - 1));
			}
		}
		if (params.threshold().dispersion().globalThreshold().isPresent()) {
			globalThreshold = params.threshold().dispersion().globalThreshold().getAsDouble();
		} else if (!units.isEmpty() && params.threshold().algorithm() != ThresholdAlgorithm.RADIAL_PROFILE) {
			Unit u = units.get(0);
			PanelData[] pd = u.job.source.read(u.index);
			globalThreshold = GlobalThreshold.estimate(corrected(u.job, 0, pd[0]));
			log("Setting global_threshold: " + (int) globalThreshold);
		}

		progress.begin("Finding spots", units.size());
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, nproc), new java.util.concurrent.ThreadFactory() {
			private final AtomicInteger n = new AtomicInteger();

			@Override
			public Thread newThread(Runnable r) {
				Thread t = new Thread(r, "bragg-find-spots-" + n.incrementAndGet());
				t.setDaemon(true);
				return t;
			}
		});
		try {
			int maxInFlight = nproc + 2;
			ArrayDeque<Future<FrameResult>> futures = new ArrayDeque<>();
			ArrayDeque<Unit> pending = new ArrayDeque<>();
			for (Unit u : units) {
				if (progress.isCancelled()) throw new CancellationException("spot finding cancelled");
				while (futures.size() >= maxInFlight) consume(pending.poll(), await(futures.poll()));
				futures.add(pool.submit(() -> process(u)));
				pending.add(u);
			}
			while (!futures.isEmpty()) {
				if (progress.isCancelled()) throw new CancellationException("spot finding cancelled");
				consume(pending.poll(), await(futures.poll()));
			}
		} finally {
			pool.shutdownNow();
			progress.done();
		}
		List<ReflectionTable> tables = new ArrayList<>();
		List<SpotFindingResult.ImagesetSummary> summaries = new ArrayList<>();
		for (Job job : jobs) {
			if (job.table == null) job.table = finishJob(job);
			tables.add(job.table);
		}
		ReflectionTable all = ReflectionTable.concat(tables);
		finishTable(all);
		int row = 0;
		for (Job job : jobs) {
			summaries.add(summary(job, all, row, row + job.table.size()));
			row += job.table.size();
		}
		for (SpotFindingResult.ImagesetSummary s : summaries) {
			if (!s.histogram().isEmpty()) {
				log("\nHistogram of per-image spot count for imageset " + s.index() + ":");
				log(s.histogram());
			}
		}
		return new SpotFindingResult(all, summaries, logText.toString());
	}

	private static FrameResult await(Future<FrameResult> f) throws BraggInputException {
		try {
			return f.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("spot finding interrupted");
		} catch (ExecutionException e) {
			Throwable c = e.getCause();
			if (c instanceof BraggInputException b) throw b;
			if (c instanceof RuntimeException r) throw r;
			if (c instanceof Error err) throw err;
			throw new IllegalStateException(c);
		}
	}

	private final Map<Job, Boolean> headerDone = new IdentityHashMap<>();
	private final Map<Range, Boolean> rangeHeaderDone = new IdentityHashMap<>();

	private void header(Job job) {
		if (headerDone.put(job, Boolean.TRUE) != null) return;
		log(RULE + "\nFinding strong spots in imageset " + job.index + "\n" + RULE);
	}

	private void rangeHeader(Range r) {
		if (rangeHeaderDone.put(r, Boolean.TRUE) != null) return;
		header(r.job);
		log("\nFinding spots in image " + r.label0 + " to " + r.label1 + "...");
		log("Extracting strong pixels from images");
		log(" Using " + Math.min(nproc, r.end - r.start) + " parallel thread(s)\n");
	}

	/** Consumes one frame's result in order: log, label, and close the range when complete. */
	private void consume(Unit u, FrameResult fr) throws BraggInputException {
		Range r = u.range;
		rangeHeader(r);
		Job job = u.job;
		int frame = job.frameOffset + u.index;
		if (params.computeMeanBackground())
			log(String.format("Found %d strong pixels on image %d with average background %f", fr.numStrong, frame + 1, fr.meanBackground));
		else
			log("Found " + fr.numStrong + " strong pixels on image " + (frame + 1));
		job.imageNumbers.add(job.sequence ? frame + 1 : u.index + 1);
		job.strongPixels.add(fr.numStrong);
		for (int p = 0; p < r.labellers.length; p++) r.labellers[p].addFrame(frame, fr.index[p], fr.value[p], fr.count[p]);
		progress.worked(1);
		if (u.lastOfRange) {
			closeRange(r);
			if (r == job.ranges.get(job.ranges.size() - 1)) {
				job.table = finishJob(job);
				job.release();
			}
		}
	}

	private void closeRange(Range r) {
		long extracted = 0;
		for (int p = 0; p < r.labellers.length; p++) {
			r.labellers[p].finish();
			extracted += r.labellers[p].numComponents();
			if (params.writeHotMask()) {
				int[] h = r.labellers[p].hotPixels();
				int[] prev = r.job.hot[p];
				r.job.hot[p] = prev == null ? h : concat(prev, h);
			}
		}
		log("\nExtracted " + extracted + " spots");
		log("Removed " + r.tooSmall[0] + " spots with size < " + minSpotSize + " pixels");
		log("Removed " + r.tooLarge[0] + " spots with size > " + maxSpotSize + " pixels");
		List<SpotBuilder.Spot> spots = new ArrayList<>();
		for (List<SpotBuilder.Spot> l : r.perPanel) {
			l.sort(Comparator.comparingLong(SpotBuilder.Spot::sortKey));
			spots.addAll(l);
			l.clear();
		}
		log("Calculated " + spots.size() + " spot centroids");
		log("Calculated " + spots.size() + " spot intensities");
		SpotFindingParameters.Filter f = params.filter();
		if (f.maxSeparation().isPresent()) {
			double maxd = f.maxSeparation().getAsDouble();
			int before = spots.size();
			spots.removeIf(s -> !(s.peakCentroidDistance() <= maxd));
			log("Filtered " + spots.size() + " of " + before + " spots by peak-centroid distance");
		}
		if (f.spotDensity().filter()) {
			int before = spots.size();
			spots = SpotDensityFilter.apply(spots);
			log("Filtered " + spots.size() + " of " + before + " spots by spot density");
		}
		r.job.spots.addAll(spots);
	}

	private static int[] concat(int[] a, int[] b) {
		int[] c = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, c, a.length, b.length);
		return c;
	}

	/**
	 * The scan of an imageset shared by several experiments: the union of their image ranges, as dxtbx
	 * builds it when reading an experiment list (e.g. one sequence of zero-width images split into
	 * one experiment per image).
	 */
	private Scan imagesetScan(Experiment first, List<Integer> experimentIndices) {
		Scan s = first.scan();
		if (s == null) return null;
		int lo = s.firstImage(), hi = s.lastImage();
		Scan lowest = s;
		for (int e : experimentIndices) {
			Scan t = experiments.get(e).scan();
			if (t == null) continue;
			if (t.firstImage() < lo) {
				lo = t.firstImage();
				lowest = t;
			}
			hi = Math.max(hi, t.lastImage());
		}
		if (lo == s.firstImage() && hi == s.lastImage()) return s;
		int n = hi - lo + 1;
		return new Scan(lo, hi, lowest.oscillationStart(), lowest.oscillationWidth(), new double[n], new double[n], lowest.batchOffset());
	}

	// ------------------------------------------------------------------------------------------------
	// ranges

	/** @return {startIndex, endIndex (exclusive), label0, label1} per range */
	private List<int[]> scanRanges(Job job) throws BraggInputException {
		List<int[]> out = new ArrayList<>();
		int n = job.numImages;
		int lo, hi; // DIALS max_scan_range
		if (job.sequence) {
			lo = job.scan.firstImage() - 1;
			hi = job.scan.lastImage();
		} else {
			lo = 0;
			hi = n;
		}
		List<int[]> ranges = params.scanRange();
		if (ranges.isEmpty()) ranges = List.of(new int[] { lo + 1, hi });
		for (int[] r : ranges) {
			int j0 = r[0], j1 = r[1];
			if (j1 < j0) throw new BraggInputException("spotfinder.scan_range=" + j0 + "," + j1 + ": scan range must be in ascending order");
			if (j0 < lo || j1 > hi)
				throw new BraggInputException("spotfinder.scan_range=" + j0 + "," + j1 + ": scan range must be within image range " + (lo + 1) + ".." + hi
						+ " of imageset " + job.index);
			int start, end;
			if (n == 1) {
				start = 0;
				end = 1;
			} else {
				start = Math.max(0, j0 - 1 - lo);
				end = j1 - lo;
			}
			out.add(new int[] { start, end, j0, j1 });
		}
		return out;
	}

	// ------------------------------------------------------------------------------------------------
	// masks and image correction

	private boolean[][] buildStaticMask(Job job, boolean[][] fmt) throws BraggInputException {
		Detector det = job.detector;
		boolean[][] out = new boolean[det.size()][];
		for (int p = 0; p < det.size(); p++) {
			Panel pan = det.panel(p);
			boolean[] m = fmt != null && p < fmt.length && fmt[p] != null ? fmt[p].clone() : filled(pan.nFast() * pan.nSlow());
			if (m.length != pan.nFast() * pan.nSlow())
				throw new BraggInputException(job.source.path(0) + ": static mask of panel " + p + " has " + m.length + " pixels, expected "
						+ pan.nFast() * pan.nSlow());
			applyRectangles(m, pan);
			boolean[] g = MaskGenerator.generate(pan, p, job.beam, params.filter());
			for (int k = 0; k < m.length; k++) m[k] &= g[k];
			boolean[][] ext = imagesetMask(job);
			if (ext != null) and(m, ext, p, "imageset mask " + job.set.mask());
			if (lookupMask != null) and(m, lookupMask, p, "spotfinder.lookup.mask=" + params.lookup().mask().get());
			out[p] = m;
		}
		return out;
	}

	/**
	 * The panel's untrusted rectangles ({@link Panel#mask()}, {x0, y0, x1, y1} as dxtbx, upper bounds
	 * exclusive, clipped to the panel), as dxtbx's {@code apply_untrusted_rectangle_mask}.
	 */
	static void applyRectangles(boolean[] m, Panel pan) {
		int nf = pan.nFast(), ns = pan.nSlow();
		for (int[] r : pan.mask()) {
			for (int y = Math.max(0, r[1]); y < Math.min(ns, r[3]); y++)
				for (int x = Math.max(0, r[0]); x < Math.min(nf, r[2]); x++) m[y * nf + x] = false;
		}
	}

	private volatile Map<Path, boolean[][]> imagesetMasks = new ConcurrentHashMap<>();

	private boolean[][] imagesetMask(Job job) throws BraggInputException {
		Path mp = job.set.mask();
		if (mp == null) return null;
		boolean[][] m = imagesetMasks.get(mp);
		if (m == null) {
			m = FlexPickle.readBoolTuple(mp);
			imagesetMasks.put(mp, m);
		}
		return m;
	}

	private static void and(boolean[] m, boolean[][] ext, int p, String what) throws BraggInputException {
		if (p >= ext.length || ext[p].length != m.length)
			throw new BraggInputException(what + ": panel " + p + " expected " + m.length + " mask values, found " + (p < ext.length ? ext[p].length : 0));
		for (int k = 0; k < m.length; k++) m[k] &= ext[p][k];
	}

	private static boolean[] filled(int n) {
		boolean[] b = new boolean[n];
		Arrays.fill(b, true);
		return b;
	}

	/** dxtbx {@code get_corrected_data}: (raw − pedestal)/gain with panel gains if any differs from 1. */
	private void setUpCorrections(Job job) throws BraggInputException {
		Detector det = job.detector;
		int np = det.size();
		if (job.set.gain() != null) {
			job.gainMaps = FlexPickle.readDoubleTuple(job.set.gain());
		} else {
			boolean use = true, need = false;
			double[] g = new double[np];
			for (int p = 0; p < np; p++) {
				g[p] = det.panel(p).gain();
				if (g[p] <= 0) use = false;
				else if (Math.abs(g[p] - 1.0) > 1e-7) need = true;
			}
			if (use && need) job.gain = g;
		}
		if (job.set.pedestal() != null) {
			job.pedestalMaps = FlexPickle.readDoubleTuple(job.set.pedestal());
		} else {
			boolean use = false;
			double[] q = new double[np];
			for (int p = 0; p < np; p++) {
				q[p] = det.panel(p).pedestal();
				if (Math.abs(q[p]) > 1e-7) use = true;
			}
			if (use) job.pedestal = q;
		}
	}

	/** @return the corrected image of one panel (the raw arrays if no correction applies) */
	private static PanelImage corrected(Job job, int p, PanelData d) {
		boolean corr = job.gain != null || job.pedestal != null || job.gainMaps != null || job.pedestalMaps != null;
		if (!corr) return d.isInteger() ? PanelImage.of(d.nFast(), d.nSlow(), d.ints()) : PanelImage.of(d.nFast(), d.nSlow(), d.doubles());
		int n = d.size();
		double[] v = new double[n];
		for (int k = 0; k < n; k++) v[k] = d.get(k);
		if (job.pedestalMaps != null) {
			double[] q = job.pedestalMaps[p];
			for (int k = 0; k < n; k++) v[k] = v[k] - q[k];
		} else if (job.pedestal != null) {
			double q = job.pedestal[p];
			for (int k = 0; k < n; k++) v[k] = v[k] - q;
		}
		if (job.gainMaps != null) {
			double[] g = job.gainMaps[p];
			for (int k = 0; k < n; k++) v[k] = v[k] / g[k];
		} else if (job.gain != null) {
			double g = job.gain[p];
			for (int k = 0; k < n; k++) v[k] = v[k] / g;
		}
		return PanelImage.of(d.nFast(), d.nSlow(), v);
	}

	// ------------------------------------------------------------------------------------------------
	// workers

	/** Per-thread kernels and buffers. */
	private final class Worker {
		final Map<String, ThresholdKernel> kernels = new HashMap<>();
		boolean[] mask = new boolean[0];
		boolean[] dst = new boolean[0];

		boolean[] mask(int n) {
			if (mask.length != n) mask = new boolean[n];
			return mask;
		}

		boolean[] dst(int n) {
			if (dst.length != n) dst = new boolean[n];
			return dst;
		}

		ThresholdKernel kernel(Job job, int p, int w, int h, int x0, int y0) {
			SpotFindingParameters.Threshold t = params.threshold();
			SpotFindingParameters.Dispersion d = t.dispersion();
			double gain = d.gain().isPresent() ? d.gain().getAsDouble() : Double.NaN;
			switch (t.algorithm()) {
				case DISPERSION:
					return kernels.computeIfAbsent("d", k -> new DispersionThreshold(d.kernelSize(), d.sigmaBackground(), d.sigmaStrong(), globalThreshold,
							d.minLocal(), gain));
				case DISPERSION_EXTENDED:
					return kernels.computeIfAbsent("de", k -> new DispersionExtendedThreshold(d.kernelSize(), d.sigmaBackground(), d.sigmaStrong(),
							globalThreshold, d.minLocal(), gain));
				default:
					Panel pan = job.detector.panel(p);
					String key = "rp:" + System.identityHashCode(pan) + ":" + System.identityHashCode(job.beam) + ":" + w + ":" + h + ":" + x0 + ":" + y0;
					return kernels.computeIfAbsent(key, k -> {
						double[] tt = twoTheta(pan, job.beam);
						double[] sub = tt;
						if (w != pan.nFast() || h != pan.nSlow()) sub = PanelImage.of(pan.nFast(), pan.nSlow(), tt).crop(x0, x0 + w, y0, y0 + h).doubles();
						SpotFindingParameters.RadialProfile rp = t.radialProfile();
						return new RadialProfileThreshold(rp.nIqr(), rp.blur().map(b -> b.name().toLowerCase(java.util.Locale.ROOT)).orElse(null), rp.nBins(),
								pan.gain(), sub, w, h);
					});
			}
		}
	}

	/** 2θ (radians) at every pixel corner of a panel (dxtbx {@code get_two_theta_array}). */
	private double[] twoTheta(Panel pan, Beam beam) {
		return twoThetaCache.computeIfAbsent(List.of(new IdentityKey(pan), new IdentityKey(beam)), k -> {
			int w = pan.nFast(), h = pan.nSlow();
			Vec3 s0 = beam.s0();
			double[] t = new double[w * h];
			for (int j = 0; j < h; j++) for (int i = 0; i < w; i++) t[j * w + i] = s0.angle(pan.pixelToLab(i, j));
			return t;
		});
	}

	private record IdentityKey(Object o) {
		@Override public boolean equals(Object x) { return x instanceof IdentityKey k && k.o == o; }
		@Override public int hashCode() { return System.identityHashCode(o); }
	}

	/** Reads and thresholds one image (runs on a worker thread); read errors name the image. */
	private FrameResult process(Unit u) throws BraggInputException {
		try {
			return processImage(u);
		} catch (TooManyStrongPixelsException e) {
			throw e;
		} catch (BraggInputException e) {
			int number = u.job.sequence ? u.job.frameOffset + u.index + 1 : u.index + 1;
			throw new BraggInputException("image " + number + " of imageset " + u.job.index + ": " + e.getMessage(), e);
		}
	}

	private FrameResult processImage(Unit u) throws BraggInputException {
		Job job = u.job;
		Worker wk = workers.get();
		Detector det = job.detector;
		PanelData[] data;
		boolean[][] fmtMask = null;
		ImageSource src = job.source;
		if (job.set.singleFileIndices().length > 0) {
			data = src.read(u.index);
			if (!job.hasStaticMask()) fmtMask = src.staticMask(u.index, det);
		} else {
			try (ImageFile f = src.reader().open(src.path(u.index))) {
				data = f.read(src.indexInFile(u.index));
				if (!job.hasStaticMask()) fmtMask = f.staticMask(src.indexInFile(u.index));
			}
		}
		if (data.length != det.size())
			throw new BraggInputException(src.path(u.index) + ": image has " + data.length + " panels, expected " + det.size() + " (the detector model)");
		boolean[][] base = job.staticMask(fmtMask);
		int np = det.size();
		int[][] idx = new int[np][];
		double[][] val = new double[np][];
		int[] count = new int[np];
		int numStrong = 0;
		long numPixels = 0;
		double bgSum = 0;
		int[] roi = params.regionOfInterest();
		for (int p = 0; p < np; p++) {
			Panel pan = det.panel(p);
			PanelData d = data[p];
			int w = pan.nFast(), h = pan.nSlow(), n = w * h;
			if (d.nFast() != w || d.nSlow() != h)
				throw new BraggInputException(job.source.path(u.index) + ": panel " + p + " is " + d.nFast() + "×" + d.nSlow() + " px, expected " + w + "×" + h);
			numPixels += n;
			PanelImage image = corrected(job, p, d);
			boolean[] mask = wk.mask(n);
			double[] tr = pan.trustedRange();
			double tmin = tr[0], tmax = tr[1];
			boolean[] bm = base[p];
			if (d.isInteger()) {
				int[] raw = d.ints();
				for (int k = 0; k < n; k++) {
					int v = raw[k];
					mask[k] = bm[k] && tmin < v && v < tmax;
				}
			} else {
				double[] raw = d.doubles();
				for (int k = 0; k < n; k++) {
					double v = raw[k];
					mask[k] = bm[k] && tmin < v && v < tmax;
				}
			}
			boolean[] dst = wk.dst(n);
			if (roi.length == 4) {
				int x0 = roi[0], x1 = roi[1], y0 = roi[2], y1 = roi[3];
				if (x1 > w || y1 > h)
					throw new BraggInputException("spotfinder.region_of_interest=" + x0 + "," + x1 + "," + y0 + "," + y1 + " is outside panel " + p + " ("
							+ w + "×" + h + " px)");
				int rw = x1 - x0, rh = y1 - y0;
				PanelImage sub = image.crop(x0, x1, y0, y1);
				boolean[] sm = new boolean[rw * rh];
				for (int y = 0; y < rh; y++) System.arraycopy(mask, (y0 + y) * w + x0, sm, y * rw, rw);
				boolean[] sd = new boolean[rw * rh];
				wk.kernel(job, p, rw, rh, x0, y0).threshold(sub, sm, sd);
				Arrays.fill(dst, 0, n, false);
				for (int y = 0; y < rh; y++) System.arraycopy(sd, y * rw, dst, (y0 + y) * w + x0, rw);
			} else {
				wk.kernel(job, p, w, h, 0, 0).threshold(image, mask, dst);
			}
			int c = 0;
			for (int k = 0; k < n; k++) if (dst[k]) c++;
			int[] ix = new int[c];
			double[] vx = new double[c];
			for (int k = 0, q = 0; k < n; k++) {
				if (dst[k]) {
					ix[q] = k;
					vx[q++] = image.get(k);
				}
			}
			idx[p] = ix;
			val[p] = vx;
			count[p] = c;
			numStrong += c;
			if (params.computeMeanBackground()) {
				double s = 0;
				long m = 0;
				for (int k = 0; k < n; k++) {
					if (mask[k] && !dst[k]) {
						s += image.get(k);
						m++;
					}
				}
				bgSum += m > 0 ? s / m : 0;
			}
		}
		double frac = params.filter().maxStrongPixelFraction();
		if (frac < 1) {
			long maxStrong = (long) Math.ceil(frac * numPixels);
			if (numStrong > maxStrong) throw new TooManyStrongPixelsException(job.source.path(u.index), numStrong, maxStrong);
		}
		return new FrameResult(idx, val, count, numStrong, bgSum / np);
	}

	// ------------------------------------------------------------------------------------------------
	// output

	private ReflectionTable finishJob(Job job) throws BraggInputException {
		header(job);
		if (params.writeHotMask()) {
			int num = 0;
			for (int[] h : job.hot) num += h == null ? 0 : h.length;
			log("Found " + num + " possible hot pixel(s)");
		}
		List<SpotBuilder.Spot> spots = job.spots;
		int n = spots.size();
		ReflectionTable t = new ReflectionTable(n);
		int[] bbox = t.create(Columns.BBOX);
		long[] flags = t.create(Columns.FLAGS);
		int[] id = t.create(Columns.ID);
		double[] isum = t.create(Columns.INTENSITY_SUM_VALUE);
		double[] ivar = t.create(Columns.INTENSITY_SUM_VARIANCE);
		int[] nsig = t.create(Columns.N_SIGNAL);
		long[] panel = t.create(Columns.PANEL);
		Shoebox[] sb = t.create(Columns.SHOEBOX);
		double[] xyz = t.create(Columns.XYZOBS_PX_VALUE);
		double[] var = t.create(Columns.XYZOBS_PX_VARIANCE);
		Arrays.fill(id, -1);
		for (int i = 0; i < n; i++) {
			SpotBuilder.Spot s = spots.get(i);
			System.arraycopy(s.bbox(), 0, bbox, 6 * i, 6);
			flags[i] = ReflectionFlag.STRONG.mask();
			isum[i] = s.intensity();
			ivar[i] = s.intensityVariance();
			panel[i] = s.panel();
			sb[i] = s.shoebox();
			System.arraycopy(s.xyz(), 0, xyz, 3 * i, 3);
			System.arraycopy(s.xyzVar(), 0, var, 3 * i, 3);
		}
		// experiment ids, as DIALS SpotFinder.find_spots
		for (int e : job.experimentIndices) {
			Experiment ex = experiments.get(e);
			if (ex.scan() != null && job.sequence) {
				double z0 = ex.scan().firstImage() - 1, z1 = ex.scan().lastImage();
				for (int i = 0; i < n; i++) {
					double z = xyz[3 * i + 2];
					if (z > z0 && z < z1) id[i] = e;
				}
				if (!ex.identifier().isEmpty()) t.experimentIdentifiers().put(e, ex.identifier());
			} else {
				Arrays.fill(id, job.index);
				if (!ex.identifier().isEmpty()) t.experimentIdentifiers().put(job.index, ex.identifier());
			}
		}
		int missed = 0;
		for (int v : id) if (v == -1) missed++;
		if (missed > 0) throw new BraggInputException("imageset " + job.index + ": " + missed + " spots lie outside the scans of its experiments "
				+ "(expected every centroid z within an experiment's image range)");
		return t;
	}

	/** Overload check (DIALS {@code is_overloaded}) and n_signal. */
	private void finishTable(ReflectionTable t) {
		int n = t.size();
		int[] id = t.get(Columns.ID);
		long[] panel = t.get(Columns.PANEL);
		long[] flags = t.get(Columns.FLAGS);
		Shoebox[] sb = t.get(Columns.SHOEBOX);
		int[] nsig = t.get(Columns.N_SIGNAL);
		for (int i = 0; i < n; i++) {
			double sat = experiments.get(id[i]).detector().panel((int) panel[i]).trustedRange()[1];
			Shoebox s = sb[i];
			float[] d = s.data();
			int[] m = s.mask();
			boolean over = false;
			for (int k = 0; k < d.length; k++) {
				if (d[k] > sat) {
					m[k] &= ~ShoeboxMask.VALID;
					over = true;
				}
			}
			if (over) flags[i] |= ReflectionFlag.OVERLOADED.mask();
			int code = ShoeboxMask.VALID | ShoeboxMask.FOREGROUND, c = 0;
			for (int v : m) if ((v & code) == code) c++;
			nsig[i] = c;
		}
	}

	private SpotFindingResult.ImagesetSummary summary(Job job, ReflectionTable all, int row0, int row1) {
		double[] xyz = all.get(Columns.XYZOBS_PX_VALUE);
		double[] z = new double[row1 - row0];
		for (int i = row0; i < row1; i++) z[i - row0] = xyz[3 * i + 2];
		String hist = AsciiHistogram.spotCountsPerImage(z);
		int[] imageNumbers = job.imageNumbers.stream().mapToInt(Integer::intValue).toArray();
		int[] strong = job.strongPixels.stream().mapToInt(Integer::intValue).toArray();
		int[] perImage = new int[imageNumbers.length];
		for (double zz : z) {
			int number = (int) Math.floor(zz) + 1;
			for (int k = 0; k < imageNumbers.length; k++) if (imageNumbers[k] == number) perImage[k]++;
		}
		List<boolean[]> hotMask = null;
		int numHot = 0;
		if (params.writeHotMask()) {
			hotMask = new ArrayList<>();
			for (int p = 0; p < job.detector.size(); p++) {
				Panel pan = job.detector.panel(p);
				boolean[] m = filled(pan.nFast() * pan.nSlow());
				if (job.hot[p] != null) for (int k : job.hot[p]) m[k] = false;
				numHot += job.hot[p] == null ? 0 : job.hot[p].length;
				hotMask.add(m);
			}
		}
		return new SpotFindingResult.ImagesetSummary(job.index, imageNumbers, strong, perImage, hotMask, numHot, hist);
	}
}
