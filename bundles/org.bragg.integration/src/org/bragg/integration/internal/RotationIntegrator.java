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
 * shoebox is also transformed to the Kabsch grid ({@link ProfileFitting}, 2·11³ floats kept until the end), strong
 * fully recorded ones are added to the reference profiles in the same pass, and all are fitted after the last image.
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
	/** Minimum |ζ| for integration (DIALS {@code filter.min_zeta}). */
	public static final double MIN_ZETA = 0.05;
	/** partiality above which a reflection counts as fully recorded (DIALS: 3σ, 0.997300203937). */
	public static final double FULL = 0.997300203937;
	/** The shoebox is {@code sigma_b_multiplier} (2, DIALS) times wider in (ε1, ε2) than the foreground, for background. */
	public static final double SIGMA_B_MULTIPLIER = 2.0;

	/** @param all all predictions of all experiments with the integration columns */
	public record Output(ReflectionTable all) {}

	public static Output run(ExperimentList el, List<ProfileModel> models, double dMin, IntegrationParameters params, FormatRegistry formats, Progress progress,
			Consumer<String> log) throws BraggInputException {
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
				integrateExperiment(e, models.get(ie), t, params, formats, pool, nproc, progress, log);
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
			int nproc, Progress progress, Consumer<String> log) throws BraggInputException {
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
		ProfileFitting prf = params.profile().fitting() ? new ProfileFitting(pm.sigmaB(), pm.sigmaM(), pm.nSigma()) : null;
		float[][] grids = prf != null ? new float[n][] : null;
		Fitting fit = prf == null ? null : new Fitting(prf, grids, e, scan, part);
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
				for (Box b : done) {
					double g = e.detector().panel(b.panel).gain(), gain = g > 0 ? g : 1.0;
					work.add(pool.submit(() -> {
						process(b, algo, nsigma, linear2d, gain, flags, iSum, vSum, bgMean, bgSum, nFg, nBg, obsPx, obsPxVar, fit);
						b.data = null;
						b.mask = null;
					}));
				}
				progress.worked(1);
				if ((f + 1 - blockStart) >= block || f == nFrames - 1) {
					log.accept(String.format(Locale.ROOT, " Frames %d -> %d: %d reflections completed, %d in flight", blockStart + scan.firstImage(), f + scan.firstImage(),
							completedInBlock, active.size()));
					blockStart = f + 1;
					completedInBlock = 0;
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
		if (prf != null) fitAll(e, prf, grids, t, flags, log);
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

	/** Second stage of profile fitting: normalise the references, fit every transformed shoebox, free the grids. */
	private static void fitAll(Experiment e, ProfileFitting prf, float[][] grids, ReflectionTable t, long[] flags, Consumer<String> log) {
		int n = t.size();
		prf.finish();
		log.accept(String.format(Locale.ROOT, "Profile fitting: %d reference profiles on a 3x3 grid per panel (%d^3 voxels)", prf.nReferences(), ProfileFitting.N));
		double[] iPrf = t.getOrCreate(Columns.INTENSITY_PRF_VALUE), vPrf = t.getOrCreate(Columns.INTENSITY_PRF_VARIANCE), corr = t.getOrCreate(Columns.PROFILE_CORRELATION);
		long[] panel = t.get(Columns.PANEL);
		int[] bbox = t.get(Columns.BBOX);
		long prfMask = ReflectionFlag.INTEGRATED_PRF.mask();
		java.util.concurrent.atomic.AtomicInteger nOk = new java.util.concurrent.atomic.AtomicInteger();
		java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
			float[] g = grids[i];
			if (g == null) return;
			grids[i] = null;
			Panel p = e.detector().panel((int) panel[i]);
			ProfileFitting.Reference ref = prf.profileAt(p, 0.5 * (bbox[6 * i] + bbox[6 * i + 1]), 0.5 * (bbox[6 * i + 2] + bbox[6 * i + 3]));
			double gain = p.gain() > 0 ? p.gain() : 1.0;
			ProfileFitting.Fit r = prf.fit(g, ref.profile(), ref.mask(), gain);
			// as DIALS, rows that failed profile fitting keep zeros (and no integrated_prf flag)
			iPrf[i] = r.ok() ? r.intensity() : 0;
			vPrf[i] = r.ok() ? r.variance() : 0;
			corr[i] = r.ok() && Double.isFinite(r.correlation()) ? r.correlation() : 0;
			if (r.ok()) {
				flags[i] |= prfMask;
				nOk.incrementAndGet();
			}
		});
		log.accept(String.format(Locale.ROOT, "Profile fitting: %d reflections integrated", nOk.get()));
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

	/** Foreground test (DIALS MaskCalculator3D): min over the 4 pixel corners of (ε1²+ε2²)/δb² ≤ 1. */
	static boolean[] foreground(Panel p, KabschFrame cs, int x0, int y0, int nx, int ny, double db) {
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

	/** What the streaming pass needs for profile fitting: the transformer/reference accumulator and per-row grids. */
	private record Fitting(ProfileFitting prf, float[][] grids, Experiment e, Scan scan, double[] part) {}

	/** Minimum I/σ(sum) of a fully recorded reflection to be a profile reference (a stand-in for "strong"). */
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
		if (fit != null && r != null && r.success()) {
			float[] bgPix = plane;
			if (bgPix == null) {
				bgPix = new float[b.data.length];
				Arrays.fill(bgPix, (float) mu);
			}
			Panel p = fit.e().detector().panel(b.panel);
			float[] g = fit.prf().transform(b.data, b.mask, bgPix, b.x0, b.y0, b.z0, b.nx, b.ny, b.nz, p, fit.scan(), b.cs);
			fit.grids()[i] = g;
			boolean clean = (f & (ReflectionFlag.OVERLOADED.mask() | ReflectionFlag.FOREGROUND_INCLUDES_BAD_PIXELS.mask())) == 0;
			if (clean && fit.part()[i] > FULL && r.variance() > 0 && r.intensity() / Math.sqrt(r.variance()) >= MIN_REFERENCE_I_SIGMA) {
				fit.prf().addReference(ProfileFitting.cell(p, b.x0 + b.nx / 2.0, b.y0 + b.ny / 2.0), g);
				f |= ReflectionFlag.USED_IN_MODELLING.mask();
			}
		}
		// each row is written by one task only; flags of distinct rows are distinct array elements
		flags[i] |= f;
	}
}
