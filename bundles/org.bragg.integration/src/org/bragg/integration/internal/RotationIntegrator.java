package org.bragg.integration.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageSource;
import org.bragg.format.PanelData;
import org.bragg.integration.IntegrationParameters;
import org.bragg.integration.ProfileModel;
import org.bragg.model.BraggInputException;
import org.bragg.model.Beam;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Panel;
import org.bragg.model.Progress;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.ColumnKey;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.reflection.ShoeboxMask;
import org.bragg.refinement.Predictor;

/**
 * The streaming 3D integrator behind {@link org.bragg.integration.Integrator}: per experiment, predict, compute
 * bounding boxes/partiality/corrections, then read each image once and fill the shoeboxes of the reflections in
 * flight; a completed shoebox is integrated on the worker pool and freed. With {@code profile.fitting}, each completed
 * shoebox is also transformed to the Kabsch grid ({@link ProfileFitting}; the fitted ε3 slabs are kept), the strong
 * fully recorded ones (matched {@code reference_spot}s) are added to the reference profiles of their detector region
 * and 5° scan block ({@link ReferenceSampler}) in the same pass, and the reflections of scan block b are fitted, and
 * their grids freed, as soon as every reflection nearest to blocks b−1…b+1 is complete: memory follows the
 * reflections in flight, not the scan length.
 *
 * <p>Frames: bbox is {@code int6} (x0, x1, y0, y1, z0, z1) in panel pixels and scan array indices (DIALS);
 * shoebox arrays are {@code [nz][ny][nx]} with x fastest.
 */
public final class RotationIntegrator {
	private RotationIntegrator() {}

	/** {@code background.mean} etc. are in the model; these extra DIALS columns are declared here. */
	public static final ColumnKey<double[]> BACKGROUND_SUM_VALUE = ColumnKey.ofDouble("background.sum.value");
	public static final ColumnKey<int[]> NUM_PIXELS_FOREGROUND = ColumnKey.ofInt("num_pixels.foreground");
	public static final ColumnKey<int[]> NUM_PIXELS_BACKGROUND = ColumnKey.ofInt("num_pixels.background_used");
	/** Angular size of the scan blocks of reference profiles (DIALS {@code fitting.scan_step}, degrees). */
	public static final double SCAN_STEP_DEG = 5.0;
	/** Reflections with a smaller fraction of valid foreground pixels are not integrated (DIALS {@code valid_foreground_threshold}). */
	public static final double VALID_FOREGROUND_THRESHOLD = 0.75;
	/** Minimum |ζ| for integration (DIALS {@code filter.min_zeta}). */
	public static final double MIN_ZETA = 0.05;
	/** partiality above which a reflection counts as fully recorded (DIALS: 3σ, 0.997300203937). */
	public static final double FULL = 0.997300203937;
	/** The shoebox is {@code sigma_b_multiplier} (2, DIALS) times wider in (ε1, ε2) than the foreground, for background. */
	public static final double SIGMA_B_MULTIPLIER = 2.0;

	/** @param all all predictions of all experiments with the integration columns */
	public record Output(ReflectionTable all) {}

	/**
	 * @param reference strong indexed reflections ({@code miller_index}, {@code id}, {@code panel},
	 *                  {@code xyzobs.px.value}) whose matching predictions are the profile-fitting references, as
	 *                  DIALS; null to take the fully recorded predictions with I/σ(sum) ≥ {@value #MIN_REFERENCE_I_SIGMA}
	 */
	public static Output run(ExperimentList el, List<ProfileModel> models, double dMin, IntegrationParameters params, FormatRegistry formats, Progress progress,
			Consumer<String> log, ReflectionTable reference) throws BraggInputException {
		List<ReflectionTable> parts = new ArrayList<>();
		int nproc = params.nproc();
		ExecutorService pool = Executors.newFixedThreadPool(nproc, r -> {
			Thread t = new Thread(r, "bragg-integrate");
			t.setDaemon(true);
			return t;
		});
		try {
			for (int ie = 0; ie < el.size(); ie++) {
				Experiment e = el.get(ie);
				ReflectionTable t = Predictor.predictAll(ExperimentList.of(e), dMin, params.prediction().padding());
				int[] id = t.get(Columns.ID);
				Arrays.fill(id, ie);
				t.experimentIdentifiers().clear();
				t.experimentIdentifiers().put(ie, e.identifier());
				log.accept(String.format(Locale.ROOT, "Predicted %d reflections", t.size()));
				if (reference != null && params.profile().fitting()) {
					int m = markReferenceSpots(t, reference, ie);
					log.accept(String.format(Locale.ROOT, "Matched %d reference spots with predicted reflections", m));
				}
				integrateExperiment(e, models.get(ie), t, params, formats, pool, nproc, progress, log, reference != null);
				parts.add(t);
			}
		} finally {
			pool.shutdownNow();
		}
		return new Output(parts.size() == 1 ? parts.get(0) : ReflectionTable.concat(parts));
	}

	/** One reflection in flight. */
	private static final class Box {
		final int row, panel, x0, y0, z0, nx, ny, nz;
		final boolean[] fg2d;
		final KabschFrame cs;
		float[] data;
		int[] mask;

		Box(int row, int panel, int[] bb, boolean[] fg2d, KabschFrame cs) {
			this.row = row;
			this.cs = cs;
			this.panel = panel;
			x0 = bb[0];
			y0 = bb[2];
			z0 = bb[4];
			nx = bb[1] - bb[0];
			ny = bb[3] - bb[2];
			nz = bb[5] - bb[4];
			this.fg2d = fg2d;
		}
	}

	static void integrateExperiment(Experiment e, ProfileModel pm, ReflectionTable t, IntegrationParameters params, FormatRegistry formats, ExecutorService pool,
			int nproc, Progress progress, Consumer<String> log, boolean strongReferences) throws BraggInputException {
		int n = t.size();
		Scan scan = e.scan();
		Beam beam = e.beam();
		double[] s0 = beam.s0().toArray();
		double[] m2 = e.goniometer().settingRotation().times(e.goniometer().rotationAxis()).normalize().toArray();
		double[] s1 = t.get(Columns.S1), mm = t.get(Columns.XYZCAL_MM);
		long[] panel = t.get(Columns.PANEL);
		long[] flags = t.get(Columns.FLAGS);
		int[] bbox = t.getOrCreate(Columns.BBOX);
		double[] zetaCol = t.getOrCreate(Columns.ZETA), part = t.getOrCreate(Columns.PARTIALITY), lp = t.getOrCreate(Columns.LP), qe = t.getOrCreate(Columns.QE);
		int frameOffset = scan.firstImage() - 1;
		int zMin = frameOffset, zMax = frameOffset + scan.numImages();
		double db = pm.nSigma() * pm.sigmaB(), dm = pm.nSigma() * pm.sigmaM();
		KabschFrame[] frames = new KabschFrame[n];
		long dont = ReflectionFlag.DONT_INTEGRATE.mask();
		Vec3 pn = beam.polarizationNormal();
		double pf = beam.polarizationFraction();
		Vec3 s0v = beam.s0();
		Vec3 m2xs0 = Vec3.of(m2).cross(s0v);
		int nNoPanel = 0, nNoHit = 0, nZeta = 0, nZ = 0;
		for (int i = 0; i < n; i++) {
			int pi = (int) panel[i];
			if (pi < 0) {
				nNoPanel++;
				flags[i] |= dont;
				continue;
			}
			Panel p = e.detector().panel(pi);
			double[] s1i = { s1[3 * i], s1[3 * i + 1], s1[3 * i + 2] };
			KabschFrame cs = new KabschFrame(m2, s0, s1i, mm[3 * i + 2]);
			frames[i] = cs;
			zetaCol[i] = cs.zeta;
			// Lorentz–polarisation (DIALS corrections.h), QE
			Vec3 s1v = Vec3.of(s1i);
			double l = Math.abs(s1v.dot(m2xs0)) / (s0v.length() * s1v.length());
			Vec3 u1 = s1v.normalize(), u0 = s0v.normalize();
			double nd = pn.dot(u1), sd = u1.dot(u0);
			double pol = (1 - 2 * pf) * (1 - nd * nd) + pf * (1 + sd * sd);
			lp[i] = l / pol;
			Vec3 normal = p.normal();
			double cos = Math.abs(normal.dot(u1));
			qe[i] = p.mu() > 0 && p.thickness() > 0 && cos > 0 ? 1 - Math.exp(-p.mu() * p.thickness() / cos) : 1.0;
			// bbox in x, y from the four (±δb, ±δb) corners
			double xlo = Double.POSITIVE_INFINITY, xhi = Double.NEGATIVE_INFINITY, ylo = xlo, yhi = xhi;
			boolean ok = true;
			for (int c = 0; c < 4; c++) {
				double dbb = SIGMA_B_MULTIPLIER * db;
				double[] sv = cs.toBeamVector((c & 1) == 0 ? -dbb : dbb, (c & 2) == 0 ? -dbb : dbb);
				double[] xy = p.rayIntersection(Vec3.of(sv));
				if (xy == null) {
					ok = false;
					break;
				}
				double[] px = p.millimetreToPixel(xy[0], xy[1]);
				xlo = Math.min(xlo, px[0]);
				xhi = Math.max(xhi, px[0]);
				ylo = Math.min(ylo, px[1]);
				yhi = Math.max(yhi, px[1]);
			}
			double az = Math.abs(cs.zeta);
			if (!ok || az < MIN_ZETA) {
				if (!ok) nNoHit++; else nZeta++;
				flags[i] |= dont;
				continue;
			}
			double phi0 = cs.phi - dm / az, phi1 = cs.phi + dm / az;
			int z0 = (int) Math.floor(scan.arrayIndexFromAngle(Math.toDegrees(phi0)));
			int z1 = (int) Math.ceil(scan.arrayIndexFromAngle(Math.toDegrees(phi1)));
			int x0 = (int) Math.floor(xlo), x1 = (int) Math.ceil(xhi), y0 = (int) Math.floor(ylo), y1 = (int) Math.ceil(yhi);
			// clip to the scan; as DIALS, a reflection predicted within the padding outside the scan keeps
			// the nearest edge frame (partiality ≈ 0)
			z0 = Math.max(z0, zMin);
			z1 = Math.min(z1, zMax);
			if (z1 <= z0) {
				if (z1 <= zMin) {
					z0 = zMin;
					z1 = zMin + 1;
				} else {
					z0 = zMax - 1;
					z1 = zMax;
				}
			}
			bbox[6 * i] = x0;
			bbox[6 * i + 1] = x1;
			bbox[6 * i + 2] = y0;
			bbox[6 * i + 3] = y1;
			bbox[6 * i + 4] = z0;
			bbox[6 * i + 5] = z1;
			// partiality: fraction of the Gaussian inside the (clipped) frame range
			double pa0 = Math.toRadians(scan.angleFromArrayIndex(z0)), pa1 = Math.toRadians(scan.angleFromArrayIndex(z1));
			double sq2 = Math.sqrt(2) * pm.sigmaM();
			part[i] = z1 > z0 ? 0.5 * Math.abs(Erf.erf(az * (pa1 - cs.phi) / sq2) - Erf.erf(az * (pa0 - cs.phi) / sq2)) : 0;
			if (z1 <= z0 || x1 <= 0 || y1 <= 0 || x0 >= p.nFast() || y0 >= p.nSlow() || x1 <= x0 || y1 <= y0) {
				if (z1 <= z0) nZ++;
				else nNoHit++;
				flags[i] |= dont;
				continue;
			}
		}
		log.accept(String.format(Locale.ROOT, "Not integrated: %d off the detector, %d with |zeta| < %.2f, %d outside the scan", nNoPanel + nNoHit, nZeta, MIN_ZETA, nZ));
		// ---- streaming over frames
		double[] iSum = t.getOrCreate(Columns.INTENSITY_SUM_VALUE), vSum = t.getOrCreate(Columns.INTENSITY_SUM_VARIANCE);
		double[] bgMean = t.getOrCreate(Columns.BACKGROUND_MEAN), bgSum = t.getOrCreate(BACKGROUND_SUM_VALUE);
		int[] nFg = t.getOrCreate(NUM_PIXELS_FOREGROUND), nBg = t.getOrCreate(NUM_PIXELS_BACKGROUND);
		double[] obsPx = t.getOrCreate(Columns.XYZOBS_PX_VALUE), obsPxVar = t.getOrCreate(Columns.XYZOBS_PX_VARIANCE);
		double[] obsMm = t.getOrCreate(Columns.XYZOBS_MM_VALUE), obsMmVar = t.getOrCreate(Columns.XYZOBS_MM_VARIANCE);
		Integer[] order = new Integer[n];
		int nInt = 0;
		for (int i = 0; i < n; i++) if ((flags[i] & dont) == 0) order[nInt++] = i;
		Integer[] byStart = Arrays.copyOf(order, nInt);
		Arrays.sort(byStart, (a, b) -> Integer.compare(bbox[6 * a + 4], bbox[6 * b + 4]));
		int nFrames = scan.numImages();
		// block size as DIALS auto: the largest frame extent of a reflection
		int block = 1;
		for (Integer i : byStart) block = Math.max(block, bbox[6 * i + 5] - bbox[6 * i + 4]);
		log.accept(String.format(Locale.ROOT, "Integrating %d reflections on %d images with %d threads (block of %d frames)", nInt, nFrames, nproc, block));
		List<Box> active = new ArrayList<>();
		int next = 0;
		ImageSource src = ImageSource.of(e, formats);
		boolean[][] staticMask = src.staticMask(0, e.detector());
		int np = e.detector().size();
		short[][] cover = new short[np][];
		for (int k = 0; k < np; k++) cover[k] = new short[e.detector().panel(k).nFast() * e.detector().panel(k).nSlow()];
		ArrayDeque<Future<PanelData[]>> ahead = new ArrayDeque<>();
		int nextRead = 0;
		List<Future<?>> work = new ArrayList<>();
		IntegrationParameters.BackgroundAlgorithm algo = params.background().algorithm();
		boolean nsigma = params.background().simpleOutlier() == IntegrationParameters.OutlierAlgorithm.NSIGMA;
		boolean linear2d = params.background().simpleModel() == IntegrationParameters.SimpleModel.LINEAR2D;
		ProfileFitting prf = null;
		Fitting fit = null;
		// profile fitting in scan blocks: block b's profiles are final once every reflection nearest to blocks b-1..b+1
		// is complete; then block b's reflections are fitted and their transformed grids freed
		int[] nextBlock = { 0 };
		int[][] rowsByBlock = null;
		int[] finalAfter = null;
		if (params.profile().fitting()) {
			ReferenceSampler sampler = new ReferenceSampler(e.detector(), scan, SCAN_STEP_DEG);
			prf = new ProfileFitting(pm.sigmaB(), pm.sigmaM(), pm.nSigma(), sampler);
			double[] cal = t.get(Columns.XYZCAL_PX);
			int[] nearest = new int[n];
			Arrays.fill(nearest, -1);
			int nb = sampler.blocks();
			int[] count = new int[nb], lastEnd = new int[nb];
			Arrays.fill(lastEnd, Integer.MIN_VALUE);
			for (int q = 0; q < nInt; q++) {
				int i = order[q];
				nearest[i] = sampler.nearest((int) panel[i], cal[3 * i], cal[3 * i + 1], cal[3 * i + 2]);
				if (nearest[i] < 0) continue;
				int b = sampler.block(nearest[i]);
				count[b]++;
				lastEnd[b] = Math.max(lastEnd[b], bbox[6 * i + 5]);
			}
			rowsByBlock = new int[nb][];
			for (int b = 0; b < nb; b++) rowsByBlock[b] = new int[count[b]];
			Arrays.fill(count, 0);
			for (int q = 0; q < nInt; q++) {
				int i = order[q];
				if (nearest[i] >= 0) rowsByBlock[sampler.block(nearest[i])][count[sampler.block(nearest[i])]++] = i;
			}
			finalAfter = new int[nb];
			for (int b = 0; b < nb; b++) {
				finalAfter[b] = Integer.MIN_VALUE;
				for (int d = -1; d <= 1; d++) if (b + d >= 0 && b + d < nb) finalAfter[b] = Math.max(finalAfter[b], lastEnd[b + d]);
			}
			fit = new Fitting(prf, new ProfileFitting.Grid[n], nearest, panel, cal, e, scan, part, strongReferences);
		}
		FitColumns fc = fit == null ? null : new FitColumns(t);
		progress.begin("Integrating", nFrames);
		int blockStart = 0, completedInBlock = 0;
		try {
			for (int f = 0; f < nFrames; f++) {
				if (progress.isCancelled()) throw new BraggInputException("integration cancelled at image " + (f + 1));
				while (nextRead < nFrames && ahead.size() <= nproc) {
					final int fr = nextRead++;
					ahead.add(pool.submit(() -> src.read(fr)));
				}
				PanelData[] img = get(ahead.poll(), src, f);
				int z = f + frameOffset;
				while (next < nInt && bbox[6 * byStart[next] + 4] <= z) {
					int i = byStart[next++];
					int[] bb = Arrays.copyOfRange(bbox, 6 * i, 6 * i + 6);
					// the foreground footprint is computed when the reflection enters, so memory stays with those in flight
					boolean[] fg2d = foreground(e.detector().panel((int) panel[i]), frames[i], bb[0], bb[2], bb[1] - bb[0], bb[3] - bb[2], db);
					Box b = new Box(i, (int) panel[i], bb, fg2d, prf != null ? frames[i] : null);
					frames[i] = null;
					b.data = new float[b.nx * b.ny * b.nz];
					b.mask = new int[b.data.length];
					active.add(b);
					cover(cover, b, 1, e);
				}
				for (Box b : active) fill(b, img, staticMask, cover, e, z);
				img = null;
				// complete the reflections whose last frame is z
				List<Box> done = new ArrayList<>();
				for (int a = active.size() - 1; a >= 0; a--) {
					Box b = active.get(a);
					if (b.z0 + b.nz == z + 1) {
						done.add(b);
						active.set(a, active.get(active.size() - 1));
						active.remove(active.size() - 1);
						cover(cover, b, -1, e);
					}
				}
				completedInBlock += done.size();
				final Fitting ft = fit;
				for (Box b : done) {
					double g = e.detector().panel(b.panel).gain(), gain = g > 0 ? g : 1.0;
					work.add(pool.submit(() -> {
						process(b, algo, nsigma, linear2d, gain, flags, iSum, vSum, bgMean, bgSum, nFg, nBg, obsPx, obsPxVar, ft);
						b.data = null;
						b.mask = null;
					}));
				}
				done = null;
				progress.worked(1);
				if ((f + 1 - blockStart) >= block || f == nFrames - 1) {
					log.accept(String.format(Locale.ROOT, " Frames %d -> %d: %d reflections completed, %d in flight", blockStart + scan.firstImage(), f + scan.firstImage(),
							completedInBlock, active.size()));
					blockStart = f + 1;
					completedInBlock = 0;
				}
				// fit the scan blocks whose reference profiles are complete
				while (fit != null && nextBlock[0] < finalAfter.length && (z + 1 >= finalAfter[nextBlock[0]] || f == nFrames - 1)) {
					for (Future<?> w : work) w.get();
					work.clear();
					int b = nextBlock[0]++;
					fit.prf().finishBlock(b);
					work.addAll(fitBlock(fit, rowsByBlock[b], fc, flags, e, pool, nproc));
				}
				for (int w = work.size() - 1; w >= 0; w--) {
					if (!work.get(w).isDone()) continue;
					work.get(w).get(); // rethrows a failure
					work.set(w, work.get(work.size() - 1));
					work.remove(work.size() - 1);
				}
			}
			for (Future<?> w : work) w.get();
		} catch (InterruptedException x) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("integration interrupted", x);
		} catch (ExecutionException x) {
			if (x.getCause() instanceof RuntimeException re) throw re;
			throw new IllegalStateException(x.getCause());
		} finally {
			for (Future<?> fu : ahead) fu.cancel(true);
			src.close();
		}
		if (fit != null) {
			// as DIALS, every row not profile fitted is flagged failed_during_profile_fitting
			long prfMask = ReflectionFlag.INTEGRATED_PRF.mask(), failMask = ReflectionFlag.FAILED_DURING_PROFILE_FITTING.mask();
			for (int i = 0; i < n; i++) if ((flags[i] & prfMask) == 0) flags[i] |= failMask;
			logProfiles(fit, flags, log);
		}
		// observed centroids in mm / rad
		for (int i = 0; i < n; i++) {
			if (!ReflectionFlag.INTEGRATED_SUM.isSet(flags[i]) || Double.isNaN(obsPx[3 * i])) continue;
			Panel p = e.detector().panel((int) panel[i]);
			double[] xy = p.pixelToMillimetre(obsPx[3 * i], obsPx[3 * i + 1]);
			double[] ps = p.pixelSize();
			obsMm[3 * i] = xy[0];
			obsMm[3 * i + 1] = xy[1];
			obsMm[3 * i + 2] = Math.toRadians(scan.angleFromArrayIndex(obsPx[3 * i + 2]));
			double w = Math.toRadians(scan.oscillation()[1]);
			obsMmVar[3 * i] = obsPxVar[3 * i] * ps[0] * ps[0];
			obsMmVar[3 * i + 1] = obsPxVar[3 * i + 1] * ps[1] * ps[1];
			obsMmVar[3 * i + 2] = obsPxVar[3 * i + 2] * w * w;
		}
	}

	/** The profile-fitting output columns. */
	private record FitColumns(double[] iPrf, double[] vPrf, double[] corr) {
		FitColumns(ReflectionTable t) {
			this(t.getOrCreate(Columns.INTENSITY_PRF_VALUE), t.getOrCreate(Columns.INTENSITY_PRF_VARIANCE), t.getOrCreate(Columns.PROFILE_CORRELATION));
		}
	}

	/** Fits the reflections {@code rows} (of one scan block, whose profiles are finished) on the pool; frees their grids. */
	private static List<Future<?>> fitBlock(Fitting fit, int[] rows, FitColumns fc, long[] flags, Experiment e, ExecutorService pool, int nproc) {
		List<Future<?>> out = new ArrayList<>();
		int chunk = Math.max(64, rows.length / Math.max(1, 2 * nproc) + 1);
		long prfMask = ReflectionFlag.INTEGRATED_PRF.mask(), failMask = ReflectionFlag.FAILED_DURING_PROFILE_FITTING.mask();
		for (int from = 0; from < rows.length; from += chunk) {
			int a = from, b = Math.min(rows.length, from + chunk);
			out.add(pool.submit(() -> {
				for (int q = a; q < b; q++) {
					int i = rows[q];
					ProfileFitting.Grid g = fit.grids()[i];
					if (g == null) continue;
					fit.grids()[i] = null;
					Panel p = e.detector().panel(fit.panelOf(i));
					double gain = p.gain() > 0 ? p.gain() : 1.0;
					ProfileFitting.Fit r = fit.prf().fit(g, fit.nearest()[i], gain);
					// as DIALS, rows that failed profile fitting keep I = 0, var = -1, correlation 0 (no integrated_prf flag)
					fc.iPrf()[i] = r.ok() ? r.intensity() : 0;
					fc.vPrf()[i] = r.ok() ? r.variance() : -1;
					fc.corr()[i] = r.ok() ? r.correlation() : 0;
					flags[i] |= r.ok() ? prfMask : failMask;
				}
			}));
		}
		return out;
	}

	/** Logs the reference profiles (DIALS "Summary of profile model") and the profile-fitting counts. */
	private static void logProfiles(Fitting fit, long[] flags, Consumer<String> log) {
		ReferenceSampler s = fit.prf().sampler();
		log.accept("Summary of profile model");
		log.accept("| Profile | Created |   X (px) |   Y (px) |   Z (im) | # reflections |");
		for (int i = 0; i < s.size(); i++) {
			double[] c = s.coord(i);
			log.accept(String.format(Locale.ROOT, "| %7d | %-7s | %8.2f | %8.2f | %8.2f | %13d |", i, fit.prf().profile(i) != null ? "True" : "False", c[0], c[1], c[2],
					fit.prf().nReferences(i)));
		}
		int nPrf = 0, nFail = 0, nMod = 0;
		for (long f : flags) {
			if (ReflectionFlag.INTEGRATED_PRF.isSet(f)) nPrf++;
			if (ReflectionFlag.FAILED_DURING_PROFILE_FITTING.isSet(f)) nFail++;
			if (ReflectionFlag.USED_IN_MODELLING.isSet(f)) nMod++;
		}
		log.accept(String.format(Locale.ROOT, "Profile fitting: %d references (%s), %d reflections integrated, %d failed", nMod,
				fit.strongReferences() ? "strong spots" : "I/sigma >= " + MIN_REFERENCE_I_SIGMA, nPrf, nFail));
	}

	/**
	 * Marks the predictions matching strong indexed reflections as {@code reference_spot} (DIALS
	 * {@code match_with_reference}: same experiment, Miller index and panel; the nearest prediction in pixels/frames).
	 * Unindexed and bad-for-refinement reflections are not used.
	 *
	 * @return the number of predictions marked
	 */
	static int markReferenceSpots(ReflectionTable predicted, ReflectionTable strong, int expId) {
		if (!strong.has(Columns.MILLER_INDEX) || !strong.has(Columns.XYZOBS_PX_VALUE)) return 0;
		int[] hp = predicted.get(Columns.MILLER_INDEX);
		long[] pp = predicted.get(Columns.PANEL), fp = predicted.get(Columns.FLAGS);
		double[] xp = predicted.get(Columns.XYZCAL_PX);
		java.util.Map<String, List<Integer>> byKey = new java.util.HashMap<>();
		for (int i = 0; i < predicted.size(); i++)
			byKey.computeIfAbsent(hp[3 * i] + "," + hp[3 * i + 1] + "," + hp[3 * i + 2] + "," + pp[i], k -> new ArrayList<>()).add(i);
		int[] hs = strong.get(Columns.MILLER_INDEX);
		int[] ids = strong.has(Columns.ID) ? strong.get(Columns.ID) : null;
		long[] ps = strong.has(Columns.PANEL) ? strong.get(Columns.PANEL) : null;
		long[] fs = strong.has(Columns.FLAGS) ? strong.get(Columns.FLAGS) : null;
		double[] xs = strong.get(Columns.XYZOBS_PX_VALUE);
		long ref = ReflectionFlag.REFERENCE_SPOT.mask();
		int n = 0;
		for (int j = 0; j < strong.size(); j++) {
			if (ids != null && ids[j] != expId) continue;
			if (hs[3 * j] == 0 && hs[3 * j + 1] == 0 && hs[3 * j + 2] == 0) continue;
			if (fs != null && (fs[j] & ReflectionFlag.BAD_FOR_REFINEMENT) != 0) continue;
			List<Integer> cand = byKey.get(hs[3 * j] + "," + hs[3 * j + 1] + "," + hs[3 * j + 2] + "," + (ps != null ? ps[j] : 0));
			if (cand == null) continue;
			int best = -1;
			double bd = Double.POSITIVE_INFINITY;
			for (int i : cand) {
				double dx = xp[3 * i] - xs[3 * j], dy = xp[3 * i + 1] - xs[3 * j + 1], dz = xp[3 * i + 2] - xs[3 * j + 2];
				double d = dx * dx + dy * dy + dz * dz;
				if (d < bd) {
					bd = d;
					best = i;
				}
			}
			if ((fp[best] & ref) == 0) n++;
			fp[best] |= ref;
		}
		return n;
	}

	private static PanelData[] get(Future<PanelData[]> f, ImageSource src, int frame) throws BraggInputException, InterruptedException {
		try {
			return f.get();
		} catch (ExecutionException x) {
			if (x.getCause() instanceof BraggInputException b) throw b;
			if (x.getCause() instanceof RuntimeException r) throw r;
			throw new BraggInputException(src.path(frame) + ": cannot read image: " + x.getCause());
		}
	}

	/**
	 * Foreground test in the detector plane (DIALS MaskCalculator3D/2D): a pixel is foreground if the minimum
	 * over its 4 corners of (ε1²+ε2²)/δb² is ≤ 1, ε the Kabsch coordinates (rad) of the corner's direction.
	 *
	 * @param p the panel
	 * @param cs the reflection's Kabsch frame
	 * @param x0 first pixel column of the box
	 * @param y0 first pixel row of the box
	 * @param nx columns of the box
	 * @param ny rows of the box
	 * @param db the n_σ·σ_b half-width δb (rad)
	 * @return row-major {@code boolean[ny*nx]}
	 */
	public static boolean[] foreground(Panel p, KabschFrame cs, int x0, int y0, int nx, int ny, double db) {
		double[] g = new double[(nx + 1) * (ny + 1)];
		double[] c = new double[2];
		for (int y = 0; y <= ny; y++)
			for (int x = 0; x <= nx; x++) {
				Vec3 lab = p.pixelToLab(x0 + x, y0 + y);
				cs.fromBeamVector(lab.x(), lab.y(), lab.z(), c);
				g[y * (nx + 1) + x] = (c[0] * c[0] + c[1] * c[1]) / (db * db);
			}
		boolean[] fg = new boolean[nx * ny];
		for (int y = 0; y < ny; y++)
			for (int x = 0; x < nx; x++) {
				int k = y * (nx + 1) + x;
				double m = Math.min(Math.min(g[k], g[k + 1]), Math.min(g[k + nx + 1], g[k + nx + 2]));
				fg[y * nx + x] = m <= 1.0;
			}
		return fg;
	}

	/** Adds (sign +1) or removes (−1) a reflection's foreground from the per-panel coverage count. */
	private static void cover(short[][] cover, Box b, int sign, Experiment e) {
		Panel p = e.detector().panel(b.panel);
		int nf = p.nFast(), ns = p.nSlow();
		short[] c = cover[b.panel];
		for (int y = 0; y < b.ny; y++) {
			int yy = b.y0 + y;
			if (yy < 0 || yy >= ns) continue;
			for (int x = 0; x < b.nx; x++) {
				int xx = b.x0 + x;
				if (xx < 0 || xx >= nf || !b.fg2d[y * b.nx + x]) continue;
				c[yy * nf + xx] += sign;
			}
		}
	}

	/** Copies frame z into the shoebox and sets its mask (valid, fg/bg, overlaps). */
	private static void fill(Box b, PanelData[] img, boolean[][] staticMask, short[][] cover, Experiment e, int z) {
		Panel p = e.detector().panel(b.panel);
		int nf = p.nFast(), ns = p.nSlow();
		double[] tr = p.trustedRange();
		PanelData d = img[b.panel];
		boolean[] sm = staticMask[b.panel];
		short[] c = cover[b.panel];
		int off = (z - b.z0) * b.nx * b.ny;
		for (int y = 0; y < b.ny; y++) {
			int yy = b.y0 + y;
			for (int x = 0; x < b.nx; x++) {
				int xx = b.x0 + x, k = off + y * b.nx + x;
				boolean isFg = b.fg2d[y * b.nx + x];
				int m = isFg ? ShoeboxMask.FOREGROUND : ShoeboxMask.BACKGROUND;
				if (xx >= 0 && yy >= 0 && xx < nf && yy < ns) {
					int pix = yy * nf + xx;
					double v = d.get(pix);
					b.data[k] = (float) v;
					if (sm[pix] && v > tr[0] && v < tr[1]) m |= ShoeboxMask.VALID;
					else if (v >= tr[1]) m |= OVERLOADED_BIT;
					// a background pixel under another reflection's foreground is not background
					if (!isFg && c[pix] > 0) m = (m & ~ShoeboxMask.BACKGROUND) | ShoeboxMask.OVERLAPPED;
					else if (isFg && c[pix] > 1) m |= ShoeboxMask.OVERLAPPED;
				}
				b.mask[k] = m;
			}
		}
	}

	/** private marker for overloaded pixels (cleared before output; not a DIALS mask code) */
	private static final int OVERLOADED_BIT = 1 << 20;

	/**
	 * What the streaming pass needs for profile fitting: the transformer/reference accumulator, the transformed grid of
	 * each row until it is fitted, each row's nearest profile (−1: cannot be fitted), and whether references are the
	 * strong spots ({@code reference_spot}) or chosen by I/σ.
	 */
	private record Fitting(ProfileFitting prf, ProfileFitting.Grid[] grids, int[] nearest, long[] panel, double[] cal, Experiment e, Scan scan, double[] part, boolean strongReferences) {
		int panelOf(int i) { return (int) panel[i]; }
	}

	/** Minimum partiality of a profile reference (DIALS modeller {@code check1}). */
	public static final double REFERENCE_PARTIALITY = 0.99;
	/** Without strong spots, the minimum I/σ(sum) of a fully recorded reflection to be a profile reference. */
	public static final double MIN_REFERENCE_I_SIGMA = 5.0;

	private static void process(Box b, IntegrationParameters.BackgroundAlgorithm algo, boolean nsigma, boolean linear2d, double gain, long[] flags, double[] iSum, double[] vSum, double[] bgMean,
			double[] bgSum, int[] nFg, int[] nBg, double[] obsPx, double[] obsPxVar, Fitting fit) {
		int i = b.row;
		long f = 0;
		boolean over = false, badBg = false;
		for (int m : b.mask) {
			if ((m & OVERLOADED_BIT) != 0 && (m & ShoeboxMask.FOREGROUND) != 0) over = true;
			if ((m & ShoeboxMask.VALID) == 0 && (m & ShoeboxMask.BACKGROUND) != 0) badBg = true;
		}
		if (over) f |= ReflectionFlag.OVERLOADED.mask();
		if (badBg) f |= ReflectionFlag.BACKGROUND_INCLUDES_BAD_PIXELS.mask();
		float[] plane = null;
		double mu = switch (algo) {
		case GLM -> Background.glm(b.data, b.mask);
		case SIMPLE -> Background.simple(b.data, b.mask, nsigma);
		case NULL -> 0.0;
		};
		if (algo == IntegrationParameters.BackgroundAlgorithm.SIMPLE && linear2d) {
			for (int k = 0; k < b.mask.length; k++) b.mask[k] &= ~ShoeboxMask.BACKGROUND_USED;
			plane = Background.linear2d(b.data, b.mask, b.nx, b.ny, b.nz);
			if (plane == null) mu = Double.NaN;
			else {
				double s = 0;
				for (float v : plane) s += v;
				mu = s / plane.length;
			}
		}
		if (algo == IntegrationParameters.BackgroundAlgorithm.NULL) for (int k = 0; k < b.mask.length; k++) {
			int m = b.mask[k];
			if ((m & (ShoeboxMask.VALID | ShoeboxMask.BACKGROUND)) == (ShoeboxMask.VALID | ShoeboxMask.BACKGROUND)) b.mask[k] |= ShoeboxMask.BACKGROUND_USED;
		}
		Summation.Result r = null;
		if (Double.isNaN(mu)) {
			f |= ReflectionFlag.FAILED_DURING_BACKGROUND_MODELLING.mask();
		} else {
			r = plane != null ? Summation.integrate(b.data, b.mask, plane, b.nx, b.ny, b.nz, gain) : Summation.integrate(b.data, b.mask, b.nx, b.ny, b.nz, mu, gain);
			boolean badFg = false;
			for (int m : b.mask) if ((m & ShoeboxMask.FOREGROUND) != 0 && (m & ShoeboxMask.VALID) == 0) badFg = true;
			if (badFg) f |= ReflectionFlag.FOREGROUND_INCLUDES_BAD_PIXELS.mask();
			if (r.success()) f |= ReflectionFlag.INTEGRATED_SUM.mask();
			else f |= ReflectionFlag.FAILED_DURING_SUMMATION.mask();
		}
		bgMean[i] = Double.isNaN(mu) ? 0 : mu;
		if (r != null) {
			iSum[i] = r.intensity();
			vSum[i] = r.variance();
			bgSum[i] = r.backgroundSum();
			nFg[i] = r.nForeground();
			nBg[i] = r.nBackground();
			obsPx[3 * i] = b.x0 + r.cx();
			obsPx[3 * i + 1] = b.y0 + r.cy();
			obsPx[3 * i + 2] = b.z0 + r.cz();
			obsPxVar[3 * i] = r.vx();
			obsPxVar[3 * i + 1] = r.vy();
			obsPxVar[3 * i + 2] = r.vz();
		}
		// as DIALS, a reflection with too few valid foreground pixels is not integrated (nor profile fitted)
		int nfgAll = 0, nfgValid = 0;
		for (int m : b.mask) {
			if ((m & ShoeboxMask.FOREGROUND) == 0) continue;
			nfgAll++;
			if ((m & ShoeboxMask.VALID) != 0) nfgValid++;
		}
		if (nfgAll > 0 && nfgValid < VALID_FOREGROUND_THRESHOLD * nfgAll) f |= ReflectionFlag.DONT_INTEGRATE.mask();
		int nearest = fit != null ? fit.nearest()[i] : -1;
		if (fit != null && r != null && (f & ReflectionFlag.DONT_INTEGRATE.mask()) == 0 && nearest >= 0) {
			Panel p = fit.e().detector().panel(b.panel);
			ProfileFitting.Grid g = fit.prf().transform(b.data, b.mask, plane, (float) mu, b.x0, b.y0, b.z0, b.nx, b.ny, b.nz, p, fit.scan(), b.cs);
			// kept until the scan block is fitted: only the fitted slabs
			fit.grids()[i] = g.compacted();
			// reference (DIALS check1): fully recorded, integrated by summation (so all foreground pixels valid), bbox on the panel
			boolean candidate = fit.strongReferences() ? ReflectionFlag.REFERENCE_SPOT.isSet(flags[i])
					: r.variance() > 0 && r.intensity() / Math.sqrt(r.variance()) >= MIN_REFERENCE_I_SIGMA;
			boolean inside = b.x0 >= 0 && b.y0 >= 0 && b.x0 + b.nx <= p.nFast() && b.y0 + b.ny <= p.nSlow();
			if (candidate && r.success() && inside && fit.part()[i] > REFERENCE_PARTIALITY) {
				double[] cal = fit.cal();
				fit.prf().addReference(g, nearest, cal[3 * i], cal[3 * i + 1], cal[3 * i + 2]);
				f |= ReflectionFlag.USED_IN_MODELLING.mask();
			}
		}
		// each row is written by one task only; flags of distinct rows are distinct array elements
		flags[i] |= f;
	}
}
