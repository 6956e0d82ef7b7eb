package org.bragg.integration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageSource;
import org.bragg.format.PanelData;
import org.bragg.integration.internal.Background;
import org.bragg.integration.internal.KabschFrame;
import org.bragg.integration.internal.RotationIntegrator;
import org.bragg.integration.internal.StillsMosaicity;
import org.bragg.integration.internal.Summation;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Panel;
import org.bragg.model.Progress;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.ColumnKey;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.reflection.Shoebox;
import org.bragg.model.reflection.ShoeboxMask;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.refinement.Predictor;

/**
 * Integrates still shots as {@code dials.integrate} does with the {@code stills} integrator and the {@code gaussian_rs}
 * profile model (DIALS 3.12; Winter et al. 2018, Acta Cryst. D74, 85–97), one image per experiment:
 * <ol>
 * <li><b>Profile.</b> σ_b from the experiment's strong indexed reflections with shoeboxes that match a prediction
 * (same hkl and panel, nearest one per prediction, as DIALS {@code match_with_reference}, which also copies their
 * strong/indexed/used_in_refinement flags; intensity-weighted
 * variance of the angle between each shoebox pixel's beam vector and the predicted s1, as
 * {@code ComputeEsdBeamDivergence}); σ_m = 0 for stills, as DIALS.</li>
 * <li><b>Mosaicity and prediction.</b> Every reflection to {@code prediction.d_min} (default: the detector corners)
 * whose relp lies within |Δψ| &lt; d/D_eff + η_half/2 of the Ewald sphere (DIALS {@code NaveStillsReflectionPredictor};
 * Sauter et al. 2014, Acta Cryst. D70, 3299–3309, eqs. 16–17), absences of the crystal's space group removed. When
 * the crystal carries no {@code ML_half_mosaicity_deg}/{@code ML_domain_size_ang}, they are estimated from the
 * Δψ of the indexed reflections as DIALS's stills indexer does ({@link StillsMosaicity}); with fewer than
 * {@value #MIN_MOSAICITY_SPOTS} reflections DIALS's fixed |Δψ| &lt; 0.0015 rad is used.</li>
 * <li><b>Shoeboxes.</b> 2D bounding boxes from the four corners (±2·n_σ·σ_b)² of the Kabsch (ε1, ε2) plane
 * ({@code BBoxCalculator2D}, {@code sigma_b_multiplier} 2), z range [0, 1); foreground where the nearest pixel
 * corner has ε1² + ε2² ≤ (n_σ·σ_b)² ({@code MaskCalculator2D}), the rest background; invalid where masked or outside
 * the trusted range. As DIALS's stills (shoebox) processor, neighbouring reflections' foregrounds are not removed from
 * a background (the rotation integrator's image volume does that); the robust glm background absorbs them.</li>
 * <li><b>Background and summation.</b> {@code background.algorithm} glm (robust Poisson GLM, constant), simple
 * (constant, or {@code linear2d}) or null; I = Σ_fg(C − B), var = |I| + |ΣB|·(1 + n_fg/n_bg) times the gain,
 * background-subtracted centroid → {@code xyzobs.*}.</li>
 * <li><b>Columns.</b> {@code intensity.sum.value/variance}, {@code background.mean}, {@code background.sum.value/variance},
 * {@code partiality} = 1 (DIALS 3.12 {@code PartialityCalculator2D}; {@code delpsical.rad} carries the Ewald
 * offset), {@code lp} = 1/P (polarisation only, DIALS {@code stills_lp_correction}), {@code qe}, {@code d},
 * {@code bbox}, {@code xyzcal.*}, {@code xyzobs.*}, {@code num_pixels.*}, {@code imageset_id}, {@code partial_id}; flags
 * predicted, integrated_sum,
 * reference_spot (the prediction matches an indexed strong spot), overloaded, bad-pixel flags.</li>
 * <li><b>Output filter</b> as DIALS {@code _finalize_stills}: integrated by summation, no bad foreground pixel,
 * variance &gt; 0 and background variance &gt; 0.</li>
 * </ol>
 *
 * <p>Frames: DIALS laboratory frame; bbox {@code int6} (x0, x1, y0, y1, z0, z1) in panel pixels; z is 0 (the one
 * image of the experiment). Experiments are integrated in parallel ({@code mp.nproc}); output order is by experiment,
 * then prediction order, independent of {@code nproc}. Not implemented: profile fitting, the ellipsoid model of
 * {@code dials.ssx_integrate}, masking of overlapping neighbours (also absent from DIALS's stills processor).
 *
 * @since 0.1
 */
public final class StillsIntegrator {
	private StillsIntegrator() {}

	/** Fewer indexed reflections than this: no σ_b estimate, the experiment is rejected (unless profile.sigma_b is given). */
	public static final int MIN_REFERENCE_SPOTS = 10;
	/** Fewer indexed reflections than this: no Nave mosaicity estimate, DIALS's fixed Δψ cut is used. */
	public static final int MIN_MOSAICITY_SPOTS = 20;
	/** DIALS's fixed stills prediction cut |Δψ| &lt; 0.0015 rad ({@code StillsDeltaPsiReflectionPredictor}). */
	public static final double DEFAULT_DELTA_PSI = 0.0015;
	/** {@code integration.profile.sigma_b_multiplier}. */
	public static final double SIGMA_B_MULTIPLIER = 2.0;

	/** {@code background.sum.value} (counts). */
	public static final ColumnKey<double[]> BACKGROUND_SUM_VALUE = ColumnKey.ofDouble("background.sum.value");
	/** {@code background.sum.variance} (counts²). */
	public static final ColumnKey<double[]> BACKGROUND_SUM_VARIANCE = ColumnKey.ofDouble("background.sum.variance");
	/** {@code num_pixels.foreground}. */
	public static final ColumnKey<int[]> NUM_PIXELS_FOREGROUND = ColumnKey.ofInt("num_pixels.foreground");
	/** {@code num_pixels.background_used}. */
	public static final ColumnKey<int[]> NUM_PIXELS_BACKGROUND_USED = ColumnKey.ofInt("num_pixels.background_used");
	/** {@code num_pixels.background}: valid background pixels (before the background model's selection). */
	public static final ColumnKey<int[]> NUM_PIXELS_BACKGROUND = ColumnKey.ofInt("num_pixels.background");
	/** {@code partial_id}: the row number in the integrated table. */
	public static final ColumnKey<long[]> PARTIAL_ID = ColumnKey.ofSizeT("partial_id");
	/** {@code num_pixels.valid}. */
	public static final ColumnKey<int[]> NUM_PIXELS_VALID = ColumnKey.ofInt("num_pixels.valid");

	/** Crystal keys of the Nave model (dxtbx {@code MosaicCrystalSauter2014}). */
	public static final String ML_HALF_MOSAICITY_DEG = "ML_half_mosaicity_deg", ML_DOMAIN_SIZE_ANG = "ML_domain_size_ang";

	/**
	 * @param experiments stills experiments (no scan or a zero-width scan), each with a crystal and a one-image imageset
	 * @param reference   indexed strong reflections with shoeboxes (as {@code refined.refl}); may be null only if
	 *                    {@code profile.sigma_b} is given (then the crystal's Nave model or the fixed Δψ cut is used)
	 * @param params      parameters ({@code prediction.d_min}, {@code profile.n_sigma}, {@code profile.sigma_b},
	 *                    {@code background.*}, {@code mp.nproc}); {@code profile.sigma_m} and {@code profile.fitting}
	 *                    are ignored for stills
	 * @param formats     image format registry
	 * @param progress    one unit per experiment
	 * @param log         DIALS-style log lines
	 * @return integrated experiments and reflections
	 * @throws BraggInputException if an experiment is not a still or has no crystal, an image cannot be read, no
	 *                             reference is given without profile.sigma_b, or no experiment could be integrated
	 */
	public static StillsIntegrationResult integrate(ExperimentList experiments, ReflectionTable reference, IntegrationParameters params, FormatRegistry formats,
			Progress progress, Consumer<String> log) throws BraggInputException {
		int ne = experiments.size();
		for (int ie = 0; ie < ne; ie++) {
			Experiment e = experiments.get(ie);
			if (!e.isStill()) throw new BraggInputException("experiment " + ie + ": expected a still (no scan or a zero-width scan), found a rotation scan");
			if (e.crystal() == null) throw new BraggInputException("experiment " + ie + ": no crystal model (expected indexed/refined experiments)");
			if (e.imageSet() == null) throw new BraggInputException("experiment " + ie + ": no imageset (expected the image of the still)");
		}
		if (reference == null && params.profile().sigmaB().isEmpty())
			throw new BraggInputException("bragg integrate needs indexed strong reflections (.refl) to estimate sigma_b for stills, or profile.sigma_b=");
		if (params.profile().sigmaM().isPresent()) log.accept("profile.sigma_m is ignored for stills: sigma_m is 0, as in DIALS's gaussian_rs stills model");
		ReflectionTable ref = reference == null ? null : prepareReference(experiments, reference, log);
		List<List<Integer>> refRows = new ArrayList<>();
		for (int ie = 0; ie < ne; ie++) refRows.add(new ArrayList<>());
		if (ref != null) {
			int[] id = ref.get(Columns.ID);
			for (int i = 0; i < ref.size(); i++) refRows.get(id[i]).add(i);
		}
		int nproc = Math.max(1, Math.min(params.nproc(), ne));
		ExecutorService pool = Executors.newFixedThreadPool(nproc, r -> {
			Thread t = new Thread(r, "bragg-integrate-stills");
			t.setDaemon(true);
			return t;
		});
		progress.begin("Integrating stills", ne);
		List<Future<One>> futures = new ArrayList<>();
		try {
			for (int ie = 0; ie < ne; ie++) {
				final int fie = ie;
				futures.add(pool.submit(() -> {
					if (progress.isCancelled()) throw new BraggInputException("integration cancelled at experiment " + fie);
					return integrateOne(experiments.get(fie), fie, ref, refRows.get(fie), params, formats);
				}));
			}
			List<One> ones = new ArrayList<>();
			for (Future<One> f : futures) {
				ones.add(f.get());
				progress.worked(1); // reported from the calling thread, in experiment order
			}
			return assemble(ones, log);
		} catch (InterruptedException x) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("integration interrupted", x);
		} catch (ExecutionException x) {
			if (x.getCause() instanceof BraggInputException b) throw b;
			if (x.getCause() instanceof RuntimeException r) throw r;
			throw new IllegalStateException(x.getCause());
		} finally {
			pool.shutdownNow();
		}
	}

	/** Indexed, not bad-for-refinement rows with hkl ≠ 0 and a valid id, re-predicted at the current models. */
	private static ReflectionTable prepareReference(ExperimentList el, ReflectionTable reference, Consumer<String> log) throws BraggInputException {
		for (ColumnKey<?> k : List.of(Columns.MILLER_INDEX, Columns.ID, Columns.FLAGS, Columns.PANEL))
			if (!reference.has(k)) throw new BraggInputException("reference reflections: column " + k.name() + " missing (expected indexed reflections, e.g. refined.refl)");
		int n = reference.size();
		int[] hkl = reference.get(Columns.MILLER_INDEX), id = reference.get(Columns.ID);
		long[] flags = reference.get(Columns.FLAGS);
		List<Integer> keep = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (!ReflectionFlag.INDEXED.isSet(flags[i]) || (flags[i] & ReflectionFlag.BAD_FOR_REFINEMENT) != 0) continue;
			if (hkl[3 * i] == 0 && hkl[3 * i + 1] == 0 && hkl[3 * i + 2] == 0) continue;
			if (id[i] < 0) continue;
			if (id[i] >= el.size()) throw new BraggInputException("reference reflections: row " + i + " has id " + id[i] + " but there are " + el.size() + " experiments");
			keep.add(i);
		}
		log.accept(String.format(Locale.ROOT, "Processing reference reflections: read %d, using %d indexed reflections", n, keep.size()));
		ReflectionTable t = reference.select(keep.stream().mapToInt(Integer::intValue).toArray());
		return Predictor.predictObserved(el, t);
	}

	/** The result for one experiment. */
	private record One(int index, Experiment experiment, ReflectionTable table, StillsIntegrationResult.PerExperiment info) {}

	private static One integrateOne(Experiment e, int ie, ReflectionTable ref, List<Integer> rows, IntegrationParameters params, FormatRegistry formats)
			throws BraggInputException {
		var pp = params.profile();
		// Nave mosaicity model
		Crystal c = e.crystal();
		double half = Double.NaN, dom = Double.NaN;
		Map<String, Object> ex = c.extras();
		if (ex.get(ML_HALF_MOSAICITY_DEG) instanceof Number h && ex.get(ML_DOMAIN_SIZE_ANG) instanceof Number d && d.doubleValue() > 0) {
			half = h.doubleValue();
			dom = d.doubleValue();
		} else if (ref != null && ref.has(Columns.DELPSICAL_RAD) && rows.size() >= MIN_MOSAICITY_SPOTS) {
			long[] fl = ref.get(Columns.FLAGS);
			double[] dp = ref.get(Columns.DELPSICAL_RAD);
			int[] hkl = ref.get(Columns.MILLER_INDEX);
			List<double[]> v = new ArrayList<>();
			for (int i : rows) {
				if (!ReflectionFlag.PREDICTED.isSet(fl[i])) continue;
				v.add(new double[] { dSpacing(c, hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2]), dp[i] });
			}
			if (v.size() >= MIN_MOSAICITY_SPOTS) {
				StillsMosaicity.Model m = StillsMosaicity.estimate(v.stream().mapToDouble(a -> a[0]).toArray(), v.stream().mapToDouble(a -> a[1]).toArray(),
						c.volume());
				if (Double.isFinite(m.domainSizeAng()) && m.domainSizeAng() > 0 && Double.isFinite(m.halfMosaicityDeg())) {
					half = m.halfMosaicityDeg();
					dom = m.domainSizeAng();
					Map<String, Object> nx = new LinkedHashMap<>(ex);
					nx.put(ML_HALF_MOSAICITY_DEG, half);
					nx.put(ML_DOMAIN_SIZE_ANG, dom);
					c = c.withExtras(nx);
				}
			}
		}
		double dMin = params.prediction().dMin().orElse(Double.NaN);
		if (Double.isNaN(dMin)) dMin = Integrator.cornerResolution(e);
		ReflectionTable t = predict(e.withCrystal(c), dMin, half, dom);
		int nPred = t.size();
		// σ_b from the reference spots matched to predictions (DIALS match_with_reference, then the profile model)
		List<Integer> matched = ref != null ? matchReference(t, ref, rows) : List.of();
		double sigmaB;
		if (pp.sigmaB().isPresent()) sigmaB = Math.toRadians(pp.sigmaB().getAsDouble());
		else {
			sigmaB = estimateSigmaB(e, ref, matched);
			if (Double.isNaN(sigmaB))
				return new One(ie, e, null, new StillsIntegrationResult.PerExperiment(ie, -1, Double.NaN, half, dom, nPred, 0,
						"fewer than " + MIN_REFERENCE_SPOTS + " indexed strong spots with shoeboxes matched to predictions to estimate sigma_b"));
		}
		Map<String, Object> prof = new LinkedHashMap<>();
		prof.put("__id__", "gaussian_rs");
		prof.put("n_sigma", pp.nSigma());
		prof.put("sigma_b", Math.toDegrees(sigmaB));
		prof.put("sigma_m", 0.0);
		Experiment out = e.withCrystal(c).withProfile(prof);
		integrateImage(out, t, sigmaB, pp.nSigma(), params, formats);
		ReflectionTable kept = finalSelection(t);
		return new One(ie, out, kept, new StillsIntegrationResult.PerExperiment(ie, -1, Math.toDegrees(sigmaB), half, dom, nPred, kept.size(), null));
	}

	/** σ_b (rad) as DIALS ComputeEsdBeamDivergence over the rows with shoebox data, or NaN if too few. */
	static double estimateSigmaB(Experiment e, ReflectionTable ref, List<Integer> rows) {
		if (ref == null || !ref.has(Columns.SHOEBOX)) return Double.NaN;
		Shoebox[] sb = ref.get(Columns.SHOEBOX);
		double[] s1 = ref.get(Columns.S1);
		long[] fl = ref.get(Columns.FLAGS);
		double sum = 0;
		int n = 0;
		for (int i : rows) {
			Shoebox s = sb[i];
			if (s == null || !s.hasData() || s.mask() == null || !ReflectionFlag.PREDICTED.isSet(fl[i])) continue;
			double var = ProfileModel.beamDivergenceVariance(e.detector().panel(s.panel()), s, new Vec3(s1[3 * i], s1[3 * i + 1], s1[3 * i + 2]));
			if (!Double.isNaN(var)) {
				sum += var;
				n++;
			}
		}
		return n < MIN_REFERENCE_SPOTS ? Double.NaN : Math.sqrt(sum / n);
	}

	static double dSpacing(Crystal c, int h, int k, int l) {
		Vec3 q = c.a().times(new Vec3(h, k, l));
		return 1 / q.length();
	}

	/**
	 * Predicts every reflection of a still to dMin within the Nave Δψ acceptance (or |Δψ| &lt; 0.0015 rad when
	 * {@code halfMosaicityDeg} is NaN) that hits a panel.
	 *
	 * @return table with miller_index, id (0), panel, flags (predicted), s1, xyzcal.mm/px (z 0), d, delpsical.rad,
	 *         entering (false)
	 */
	static ReflectionTable predict(Experiment e, double dMin, double halfMosaicityDeg, double domainSizeAng) {
		Crystal c = e.crystal();
		Predictor pr = Predictor.asStill(e);
		SpaceGroup sg = SpaceGroup.fromHall(c.spaceGroupHall());
		double dStarMaxSq = 1 / (dMin * dMin);
		int hmax = (int) Math.floor(c.realSpaceA().length() / dMin) + 1, kmax = (int) Math.floor(c.realSpaceB().length() / dMin) + 1,
				lmax = (int) Math.floor(c.realSpaceC().length() / dMin) + 1;
		double[] a = c.a().toArray();
		Vec3 s0 = e.beam().s0();
		double s0x = s0.x(), s0y = s0.y(), s0z = s0.z(), s0len = s0.length();
		boolean nave = !Double.isNaN(halfMosaicityDeg);
		double halfRad = nave ? Math.toRadians(halfMosaicityDeg) / 2 : 0;
		List<Predictor.Prediction> hits = new ArrayList<>();
		List<Double> ds = new ArrayList<>();
		for (int h = -hmax; h <= hmax; h++)
			for (int k = -kmax; k <= kmax; k++)
				for (int l = -lmax; l <= lmax; l++) {
					if (h == 0 && k == 0 && l == 0) continue;
					double qx = a[0] * h + a[1] * k + a[2] * l, qy = a[3] * h + a[4] * k + a[5] * l, qz = a[6] * h + a[7] * k + a[8] * l;
					double qq = qx * qx + qy * qy + qz * qz;
					if (qq > dStarMaxSq) continue;
					double d = 1 / Math.sqrt(qq);
					double cut = nave ? d / domainSizeAng + halfRad : DEFAULT_DELTA_PSI;
					// cheap pre-filter: the angular offset from the sphere is at least | |s0+q| − |s0| | / |q|
					double sx = s0x + qx, sy = s0y + qy, sz = s0z + qz;
					double off = Math.abs(Math.sqrt(sx * sx + sy * sy + sz * sz) - s0len) * d;
					if (off > 2 * cut + 1e-3) continue;
					if (sg.isSysAbsent(h, k, l)) continue;
					Predictor.Prediction p = pr.predictStill(h, k, l, -1);
					if (p == null || p.panel() < 0 || !(Math.abs(p.deltaPsi()) < cut)) continue;
					hits.add(p);
					ds.add(d);
				}
		int n = hits.size();
		ReflectionTable t = new ReflectionTable(n);
		int[] hkl = t.create(Columns.MILLER_INDEX), id = t.create(Columns.ID);
		long[] panel = t.create(Columns.PANEL), flags = t.create(Columns.FLAGS);
		double[] s1 = t.create(Columns.S1), mm = t.create(Columns.XYZCAL_MM), px = t.create(Columns.XYZCAL_PX), dcol = t.create(Columns.D),
				dpsi = t.create(Columns.DELPSICAL_RAD);
		t.create(Columns.ENTERING);
		for (int i = 0; i < n; i++) {
			Predictor.Prediction p = hits.get(i);
			hkl[3 * i] = p.h();
			hkl[3 * i + 1] = p.k();
			hkl[3 * i + 2] = p.l();
			panel[i] = p.panel();
			flags[i] = ReflectionFlag.PREDICTED.mask();
			s1[3 * i] = p.s1().x();
			s1[3 * i + 1] = p.s1().y();
			s1[3 * i + 2] = p.s1().z();
			mm[3 * i] = p.xMm();
			mm[3 * i + 1] = p.yMm();
			px[3 * i] = p.xPx();
			px[3 * i + 1] = p.yPx();
			dcol[i] = ds.get(i);
			dpsi[i] = p.deltaPsi();
		}
		Arrays.fill(id, 0);
		return t;
	}

	/**
	 * Matches reference rows to predictions as DIALS {@code match_with_reference}: same hkl and panel; when several
	 * reference rows share one, the one nearest the prediction (px) wins. Sets {@code reference_spot} on the matched
	 * predictions closer than 2 px and copies strong, indexed and used_in_refinement from the reference row.
	 *
	 * @return the matched reference rows
	 */
	private static List<Integer> matchReference(ReflectionTable t, ReflectionTable ref, List<Integer> rows) {
		int[] hkl = t.get(Columns.MILLER_INDEX);
		long[] panel = t.get(Columns.PANEL), flags = t.get(Columns.FLAGS);
		double[] cal = t.get(Columns.XYZCAL_PX);
		Map<List<Long>, Integer> pred = new HashMap<>();
		for (int i = 0; i < t.size(); i++) pred.put(List.of((long) hkl[3 * i], (long) hkl[3 * i + 1], (long) hkl[3 * i + 2], panel[i]), i);
		int[] rh = ref.get(Columns.MILLER_INDEX);
		long[] rp = ref.get(Columns.PANEL);
		double[] rc = ref.get(Columns.XYZCAL_PX);
		Map<Integer, Integer> best = new LinkedHashMap<>();
		for (int j : rows) {
			Integer i = pred.get(List.of((long) rh[3 * j], (long) rh[3 * j + 1], (long) rh[3 * j + 2], rp[j]));
			if (i == null) continue;
			Integer b = best.get(i);
			if (b == null || dist2(cal, i, rc, j) < dist2(cal, i, rc, b)) best.put(i, j);
		}
		long[] rf = ref.get(Columns.FLAGS);
		long copy = ReflectionFlag.STRONG.mask() | ReflectionFlag.INDEXED.mask() | ReflectionFlag.USED_IN_REFINEMENT.mask();
		for (Map.Entry<Integer, Integer> m : best.entrySet()) {
			int i = m.getKey(), j = m.getValue();
			flags[i] |= rf[j] & copy;
			if (dist2(cal, i, rc, j) < 4) flags[i] |= ReflectionFlag.REFERENCE_SPOT.mask();
		}
		return new ArrayList<>(best.values());
	}

	private static double dist2(double[] a, int i, double[] b, int j) {
		double dx = a[3 * i] - b[3 * j], dy = a[3 * i + 1] - b[3 * j + 1];
		return dx * dx + dy * dy;
	}

	/** private marker for overloaded pixels (not a DIALS mask code) */
	private static final int OVERLOADED_BIT = 1 << 20;

	/** Reads the image of {@code e} and integrates every row of {@code t} (bbox, masks, background, summation, corrections). */
	private static void integrateImage(Experiment e, ReflectionTable t, double sigmaB, double nSigma, IntegrationParameters params, FormatRegistry formats)
			throws BraggInputException {
		int n = t.size();
		Beam beam = e.beam();
		double[] s0 = beam.s0().toArray();
		Vec3 s0v = beam.s0(), u0 = s0v.normalize(), pn = beam.polarizationNormal();
		double pf = beam.polarizationFraction();
		double[] s1 = t.get(Columns.S1), cal = t.get(Columns.XYZCAL_PX);
		long[] panel = t.get(Columns.PANEL), flags = t.get(Columns.FLAGS);
		int[] bbox = t.create(Columns.BBOX);
		double[] part = t.create(Columns.PARTIALITY), lp = t.create(Columns.LP), qe = t.create(Columns.QE);
		double db = nSigma * sigmaB, dbb = SIGMA_B_MULTIPLIER * db;
		double[] dummyAxis = { 1, 0, 0 };
		KabschFrame[] cs = new KabschFrame[n];
		long dont = ReflectionFlag.DONT_INTEGRATE.mask();
		for (int i = 0; i < n; i++) {
			Panel p = e.detector().panel((int) panel[i]);
			double[] s1i = { s1[3 * i], s1[3 * i + 1], s1[3 * i + 2] };
			cs[i] = new KabschFrame(dummyAxis, s0, s1i, 0);
			Vec3 u1 = Vec3.of(s1i).normalize();
			double nd = pn.dot(u1), sd = u1.dot(u0);
			lp[i] = 1.0 / ((1 - 2 * pf) * (1 - nd * nd) + pf * (1 + sd * sd));
			double cos = Math.abs(p.normal().dot(u1));
			qe[i] = p.mu() > 0 && p.thickness() > 0 && cos > 0 ? 1 - Math.exp(-p.mu() * p.thickness() / cos) : 1.0;
			part[i] = 1.0;
			double xlo = Double.POSITIVE_INFINITY, xhi = Double.NEGATIVE_INFINITY, ylo = xlo, yhi = xhi;
			boolean ok = true;
			for (int c = 0; c < 4; c++) {
				double[] sv = cs[i].toBeamVector((c & 1) == 0 ? -dbb : dbb, (c & 2) == 0 ? -dbb : dbb);
				double[] xy = p.rayIntersection(Vec3.of(sv));
				if (xy == null) {
					ok = false;
					break;
				}
				double[] pxy = p.millimetreToPixel(xy[0], xy[1]);
				xlo = Math.min(xlo, pxy[0]);
				xhi = Math.max(xhi, pxy[0]);
				ylo = Math.min(ylo, pxy[1]);
				yhi = Math.max(yhi, pxy[1]);
			}
			int x0 = (int) Math.floor(xlo), x1 = (int) Math.ceil(xhi), y0 = (int) Math.floor(ylo), y1 = (int) Math.ceil(yhi);
			int z0 = (int) Math.floor(cal[3 * i + 2]);
			bbox[6 * i] = x0;
			bbox[6 * i + 1] = x1;
			bbox[6 * i + 2] = y0;
			bbox[6 * i + 3] = y1;
			bbox[6 * i + 4] = z0;
			bbox[6 * i + 5] = z0 + 1;
			if (!ok || x1 <= 0 || y1 <= 0 || x0 >= p.nFast() || y0 >= p.nSlow() || x1 <= x0 || y1 <= y0) flags[i] |= dont;
		}
		PanelData[] img;
		boolean[][] staticMask;
		try (ImageSource src = ImageSource.of(e, formats)) {
			if (src.numImages() != 1)
				throw new BraggInputException("experiment " + e.identifier() + ": a still needs an imageset of one image, found " + src.numImages() + " images");
			img = src.read(0);
			staticMask = src.staticMask(0, e.detector());
		}
		// foreground footprints; as DIALS's stills (shoebox) processor, neighbours' foregrounds are not masked out of
		// a shoebox's background: the robust background models absorb them
		boolean[][] fg = new boolean[n][];
		for (int i = 0; i < n; i++) {
			if ((flags[i] & dont) != 0) continue;
			Panel p = e.detector().panel((int) panel[i]);
			int x0 = bbox[6 * i], y0 = bbox[6 * i + 2], nx = bbox[6 * i + 1] - x0, ny = bbox[6 * i + 3] - y0;
			fg[i] = RotationIntegrator.foreground(p, cs[i], x0, y0, nx, ny, db);
		}
		double[] iSum = t.create(Columns.INTENSITY_SUM_VALUE), vSum = t.create(Columns.INTENSITY_SUM_VARIANCE), bgMean = t.create(Columns.BACKGROUND_MEAN);
		double[] bgSum = t.create(BACKGROUND_SUM_VALUE), bgVar = t.create(BACKGROUND_SUM_VARIANCE);
		int[] nFg = t.create(NUM_PIXELS_FOREGROUND), nBg = t.create(NUM_PIXELS_BACKGROUND_USED), nValid = t.create(NUM_PIXELS_VALID),
				nBgAll = t.create(NUM_PIXELS_BACKGROUND);
		double[] obsPx = t.create(Columns.XYZOBS_PX_VALUE), obsPxVar = t.create(Columns.XYZOBS_PX_VARIANCE);
		double[] obsMm = t.create(Columns.XYZOBS_MM_VALUE), obsMmVar = t.create(Columns.XYZOBS_MM_VARIANCE);
		var bp = params.background();
		boolean nsigma = bp.simpleOutlier() == IntegrationParameters.OutlierAlgorithm.NSIGMA;
		boolean linear2d = bp.algorithm() == IntegrationParameters.BackgroundAlgorithm.SIMPLE && bp.simpleModel() == IntegrationParameters.SimpleModel.LINEAR2D;
		for (int i = 0; i < n; i++) {
			if (fg[i] == null) continue;
			int pi = (int) panel[i];
			Panel p = e.detector().panel(pi);
			int nf = p.nFast(), ns = p.nSlow();
			double[] tr = p.trustedRange();
			int x0 = bbox[6 * i], y0 = bbox[6 * i + 2], nx = bbox[6 * i + 1] - x0, ny = bbox[6 * i + 3] - y0;
			float[] data = new float[nx * ny];
			int[] mask = new int[nx * ny];
			boolean over = false, badBg = false, badFg = false;
			int valid = 0, bgPix = 0;
			for (int y = 0; y < ny; y++) {
				int yy = y0 + y;
				for (int x = 0; x < nx; x++) {
					int xx = x0 + x, k = y * nx + x;
					boolean isFg = fg[i][k];
					int m = isFg ? ShoeboxMask.FOREGROUND : ShoeboxMask.BACKGROUND;
					if (xx >= 0 && yy >= 0 && xx < nf && yy < ns) {
						int pix = yy * nf + xx;
						double v = img[pi].get(pix);
						data[k] = (float) v;
						if (staticMask[pi][pix] && v > tr[0] && v < tr[1]) m |= ShoeboxMask.VALID;
						else if (v >= tr[1]) m |= OVERLOADED_BIT;
					}
					if ((m & ShoeboxMask.VALID) != 0) valid++;
					if ((m & (ShoeboxMask.VALID | ShoeboxMask.BACKGROUND)) == (ShoeboxMask.VALID | ShoeboxMask.BACKGROUND)) bgPix++;
					if ((m & OVERLOADED_BIT) != 0 && isFg) over = true;
					if ((m & ShoeboxMask.VALID) == 0 && (m & ShoeboxMask.BACKGROUND) != 0) badBg = true;
					if ((m & ShoeboxMask.VALID) == 0 && isFg) badFg = true;
					mask[k] = m & ~OVERLOADED_BIT;
				}
			}
			long f = 0;
			if (over) f |= ReflectionFlag.OVERLOADED.mask();
			if (badBg) f |= ReflectionFlag.BACKGROUND_INCLUDES_BAD_PIXELS.mask();
			if (badFg) f |= ReflectionFlag.FOREGROUND_INCLUDES_BAD_PIXELS.mask();
			nValid[i] = valid;
			nBgAll[i] = bgPix;
			float[] plane = null;
			double mu = switch (bp.algorithm()) {
			case GLM -> Background.glm(data, mask);
			case SIMPLE -> linear2d ? Double.NaN : Background.simple(data, mask, nsigma);
			case NULL -> 0.0;
			};
			if (linear2d) {
				plane = Background.linear2d(data, mask, nx, ny, 1);
				if (plane != null) {
					double s = 0;
					for (float v : plane) s += v;
					mu = s / plane.length;
				}
			}
			if (bp.algorithm() == IntegrationParameters.BackgroundAlgorithm.NULL) for (int k = 0; k < mask.length; k++)
				if ((mask[k] & (ShoeboxMask.VALID | ShoeboxMask.BACKGROUND)) == (ShoeboxMask.VALID | ShoeboxMask.BACKGROUND)) mask[k] |= ShoeboxMask.BACKGROUND_USED;
			if (Double.isNaN(mu)) {
				flags[i] |= f | ReflectionFlag.FAILED_DURING_BACKGROUND_MODELLING.mask();
				continue;
			}
			double gain = p.gain() > 0 ? p.gain() : 1.0;
			Summation.Result r = plane != null ? Summation.integrate(data, mask, plane, nx, ny, 1, gain) : Summation.integrate(data, mask, nx, ny, 1, mu, gain);
			f |= r.success() ? ReflectionFlag.INTEGRATED_SUM.mask() : ReflectionFlag.FAILED_DURING_SUMMATION.mask();
			flags[i] |= f;
			bgMean[i] = mu;
			iSum[i] = r.intensity();
			vSum[i] = r.variance();
			bgSum[i] = r.backgroundSum();
			bgVar[i] = gain * Math.abs(r.backgroundSum()) * (1 + (r.nBackground() > 0 ? (double) r.nForeground() / r.nBackground() : 0));
			nFg[i] = r.nForeground();
			nBg[i] = r.nBackground();
			if (Double.isNaN(r.cx())) {
				// no positive signal: the centroid falls back to the prediction, as DIALS's centroid of an empty foreground
				Arrays.fill(obsPx, 3 * i, 3 * i + 3, 0);
				Arrays.fill(obsPxVar, 3 * i, 3 * i + 3, 0);
				continue;
			}
			obsPx[3 * i] = x0 + r.cx();
			obsPx[3 * i + 1] = y0 + r.cy();
			obsPx[3 * i + 2] = bbox[6 * i + 4] + r.cz();
			obsPxVar[3 * i] = r.vx();
			obsPxVar[3 * i + 1] = r.vy();
			obsPxVar[3 * i + 2] = r.vz();
			double[] xy = p.pixelToMillimetre(obsPx[3 * i], obsPx[3 * i + 1]);
			double[] ps = p.pixelSize();
			obsMm[3 * i] = xy[0];
			obsMm[3 * i + 1] = xy[1];
			obsMmVar[3 * i] = r.vx() * ps[0] * ps[0];
			obsMmVar[3 * i + 1] = r.vy() * ps[1] * ps[1];
		}
	}

	/** DIALS {@code _finalize_stills}: integrated_sum, no bad foreground pixel, variance &gt; 0, background variance &gt; 0. */
	private static ReflectionTable finalSelection(ReflectionTable t) {
		long[] flags = t.get(Columns.FLAGS);
		double[] v = t.get(Columns.INTENSITY_SUM_VARIANCE), bv = t.get(BACKGROUND_SUM_VARIANCE);
		List<Integer> keep = new ArrayList<>();
		for (int i = 0; i < t.size(); i++) {
			if (!ReflectionFlag.INTEGRATED_SUM.isSet(flags[i]) || ReflectionFlag.FOREGROUND_INCLUDES_BAD_PIXELS.isSet(flags[i])) continue;
			if (!(v[i] > 0) || !(bv[i] > 0)) continue;
			keep.add(i);
		}
		return t.select(keep.stream().mapToInt(Integer::intValue).toArray());
	}

	/** Concatenates the kept experiments' tables with renumbered ids; summary lines. */
	private static StillsIntegrationResult assemble(List<One> ones, Consumer<String> log) throws BraggInputException {
		List<Experiment> exps = new ArrayList<>();
		List<ReflectionTable> parts = new ArrayList<>();
		List<StillsIntegrationResult.PerExperiment> info = new ArrayList<>();
		List<String> summary = new ArrayList<>();
		summary.add(" expt  image          sigma_b  half_mosaicity  domain_size  predicted  integrated  <I/sigI>");
		int nPred = 0, nInt = 0;
		for (One o : ones) {
			var pe = o.info();
			if (o.table() == null || o.table().size() == 0) {
				String why = pe.rejection() != null ? pe.rejection() : "no reflection integrated";
				info.add(new StillsIntegrationResult.PerExperiment(pe.inputIndex(), -1, pe.sigmaBDeg(), pe.halfMosaicityDeg(), pe.domainSizeAng(), pe.nPredicted(), 0, why));
				summary.add(String.format(Locale.ROOT, " %4d  %-14s rejected: %s", o.index(), imageName(o.experiment()), why));
				continue;
			}
			int out = exps.size();
			exps.add(o.experiment());
			ReflectionTable t = o.table();
			Arrays.fill(t.get(Columns.ID), out);
			t.experimentIdentifiers().clear();
			t.experimentIdentifiers().put(out, o.experiment().identifier());
			parts.add(t);
			double[] I = t.get(Columns.INTENSITY_SUM_VALUE), V = t.get(Columns.INTENSITY_SUM_VARIANCE);
			double s = 0;
			for (int i = 0; i < t.size(); i++) s += I[i] / Math.sqrt(V[i]);
			nPred += pe.nPredicted();
			nInt += t.size();
			info.add(new StillsIntegrationResult.PerExperiment(pe.inputIndex(), out, pe.sigmaBDeg(), pe.halfMosaicityDeg(), pe.domainSizeAng(), pe.nPredicted(), t.size(), null));
			summary.add(String.format(Locale.ROOT, " %4d  %-14s %8.4f  %14s  %11s  %9d  %10d  %8.2f", o.index(), imageName(o.experiment()), pe.sigmaBDeg(),
					Double.isNaN(pe.halfMosaicityDeg()) ? "-" : String.format(Locale.ROOT, "%.4f", pe.halfMosaicityDeg()),
					Double.isNaN(pe.domainSizeAng()) ? "-" : String.format(Locale.ROOT, "%.0f", pe.domainSizeAng()), pe.nPredicted(), t.size(), s / t.size()));
		}
		summary.add(String.format(Locale.ROOT, " Overall: %d of %d experiments integrated, %d reflections predicted, %d integrated", exps.size(), ones.size(), nPred, nInt));
		summary.forEach(log);
		if (exps.isEmpty()) throw new BraggInputException("no still could be integrated: " + info.get(0).rejection() + " (experiment 0)");
		ReflectionTable all = parts.size() == 1 ? parts.get(0) : ReflectionTable.concat(parts);
		// one imageset per still: imageset_id = id, as DIALS numbers the distinct imagesets of the experiments
		all.put(Columns.IMAGESET_ID, all.get(Columns.ID).clone());
		long[] pid = all.create(PARTIAL_ID);
		for (int i = 0; i < pid.length; i++) pid[i] = i;
		for (int i = 0; i < exps.size(); i++) all.experimentIdentifiers().put(i, exps.get(i).identifier());
		return new StillsIntegrationResult(new ExperimentList(exps), all, info, summary);
	}

	private static String imageName(Experiment e) {
		var p = e.imageSet().paths();
		return p == null || p.isEmpty() ? "-" : p.get(0).getFileName().toString();
	}
}
