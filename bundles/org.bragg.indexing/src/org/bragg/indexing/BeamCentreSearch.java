package org.bragg.indexing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.bragg.indexing.internal.DirectionalFft;
import org.bragg.indexing.internal.DpsSearch;
import org.bragg.indexing.internal.MaxCellEstimator;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Progress;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;

/**
 * Searches for a better beam centre from strong spots, as {@code dials.search_beam_position}'s
 * default method (Sauter, Grosse-Kunstleve &amp; Adams 2004, J. Appl. Cryst. 37, 399–409).
 *
 * <p>For each imageset, up to {@code max_reflections} spots are mapped to reciprocal space (fixed
 * rotation ignored) and a DPS hemisphere search ({@link DpsSearch}) finds up to 20 strong lattice
 * periodicities. A trial shift t of the detector origin perpendicular to the beam (basis
 * r₁ = ((s0 × x̂) × s0)/|…|, r₂ = (r₁ × s0)/|…|) changes every rlp; its score is Σ cos(φ_k + 2π·k·k_b/m)
 * over the solutions, the phase of the FFT peak of each periodicity corrected to the channel k_b of
 * the origin, which is 1 when the lattice planes pass through the origin of reciprocal space. A
 * grid of shifts (pixel size × {@code wide_search_binning} steps within ±{@code mm_search_scope})
 * picks the smallest shift scoring above 90 % of the best, then a Nelder–Mead simplex (steps of
 * 0.2 mm) maximises the score. The detector (all panels and hierarchy groups) is translated by the
 * optimum; the shift of the beam centre is reported in mm and px.
 *
 * <p>Unlike DIALS, the DPS solutions are found with the same reciprocal-space mapping used for the
 * scores (rotation by −φ about the axis), and the simplex start is seeded by {@code seed}.
 *
 * @since 0.1
 */
public final class BeamCentreSearch {
	private BeamCentreSearch() {}

	/**
	 * @param experiments the optimised experiments (detectors translated)
	 * @param oldCentreMm beam centre {x, y} mm on {@code panel} before
	 * @param newCentreMm beam centre {x, y} mm after
	 * @param oldCentrePx, newCentrePx the same in px
	 * @param shiftMm old − new, mm (as DIALS prints it)
	 * @param log lines written
	 */
	public record Result(ExperimentList experiments, int panel, double[] oldCentreMm, double[] newCentreMm, double[] oldCentrePx, double[] newCentrePx,
			double[] shiftMm, double[] shiftPx, List<String> log) {}

	/**
	 * Runs the search.
	 *
	 * @param strong strong spots ({@code xyzobs.px.value}, {@code panel}, {@code id}/{@code imageset_id})
	 * @throws BraggInputException if the beam misses the detector or no lattice periodicities are found
	 */
	public static Result search(ExperimentList experiments, ReflectionTable strong, SearchBeamPositionParameters p, Progress progress,
			Consumer<String> log) throws BraggInputException {
		List<String> lines = new ArrayList<>();
		Consumer<String> out = s -> {
			lines.add(s);
			log.accept(s);
		};
		if (experiments.isEmpty()) throw new BraggInputException("no experiments given to search_beam_position");
		ExperimentList current = experiments;
		Experiment first = experiments.get(0);
		Detector.Intersection start = first.detector().rayIntersection(first.beam().s0());
		if (start == null) throw new BraggInputException("search_beam_position: the input beam does not intersect the detector");
		for (int cycle = 0; cycle < p.nMacroCycles(); cycle++) {
			if (p.nMacroCycles() > 1) out.accept("Starting macro cycle " + (cycle + 1));
			current = oneCycle(current, strong, p, progress, out);
			out.accept("");
		}
		Detector oldD = first.detector(), newD = current.get(0).detector();
		Detector.Intersection o = oldD.rayIntersection(first.beam().s0());
		Detector.Intersection n = newD.rayIntersection(first.beam().s0());
		if (n == null) n = new Detector.Intersection(o.panel(), Double.NaN, Double.NaN);
		double[] oPx = oldD.panel(o.panel()).millimetreToPixel(o.xMm(), o.yMm());
		double[] nPx = newD.panel(n.panel()).millimetreToPixel(n.xMm(), n.yMm());
		double[] shift = { o.xMm() - n.xMm(), o.yMm() - n.yMm() };
		double[] shiftPx = { oPx[0] - nPx[0], oPx[1] - nPx[1] };
		out.accept(String.format(Locale.ROOT, "Old beam centre: %.2f, %.2f mm (%.1f, %.1f px)", o.xMm(), o.yMm(), oPx[0], oPx[1]));
		out.accept(String.format(Locale.ROOT, "New beam centre: %.2f, %.2f mm (%.1f, %.1f px)", n.xMm(), n.yMm(), nPx[0], nPx[1]));
		out.accept(String.format(Locale.ROOT, "Shift: %.2f, %.2f mm (%.1f, %.1f px)", shift[0], shift[1], shiftPx[0], shiftPx[1]));
		return new Result(current, n.panel(), new double[] { o.xMm(), o.yMm() }, new double[] { n.xMm(), n.yMm() }, oPx, nPx, shift, shiftPx, lines);
	}

	/** What one imageset contributes to the score. */
	private record Data(Experiment experiment, double[] lab, double[] phi, Mat3 sInv, Vec3 axis, List<Vec3> solutions, double amax) {}

	private static ExperimentList oneCycle(ExperimentList experiments, ReflectionTable strong, SearchBeamPositionParameters p, Progress progress,
			Consumer<String> log) throws BraggInputException {
		int[] group = strong.has(Columns.IMAGESET_ID) ? strong.get(Columns.IMAGESET_ID) : strong.has(Columns.ID) ? strong.get(Columns.ID) : new int[strong.size()];
		Random random = new Random(p.seed());
		List<ReflectionTable> tables = new ArrayList<>();
		List<Double> maxCells = new ArrayList<>();
		for (int s = 0; s < experiments.size(); s++) {
			boolean[] sel = new boolean[strong.size()];
			double[] px = strong.get(Columns.XYZOBS_PX_VALUE);
			for (int i = 0; i < sel.length; i++) {
				sel[i] = group[i] == s;
				if (sel[i] && !p.imageRange().isEmpty()) {
					boolean in = false;
					for (int[] r : p.imageRange()) if ((r[0] == 0 && r[1] == 0) || (px[3 * i + 2] >= r[0] && px[3 * i + 2] < r[1])) in = true;
					sel[i] = in;
				}
			}
			ReflectionTable t = strong.select(sel);
			t.put(Columns.IMAGESET_ID, new int[t.size()]);
			ExperimentList one = ExperimentList.of(experiments.get(s));
			ReciprocalSpaceMapping.centroidPxToMm(one, t);
			ReciprocalSpaceMapping.mapCentroidsToReciprocalSpace(one, t);
			ReciprocalSpaceMapping.calculateEnteringFlags(one, t);
			if (p.dMin().isPresent()) {
				double[] rlp = t.get(Columns.RLP);
				boolean[] k = new boolean[t.size()];
				for (int i = 0; i < k.length; i++) k[i] = 1 / Math.sqrt(rlp[3 * i] * rlp[3 * i] + rlp[3 * i + 1] * rlp[3 * i + 1] + rlp[3 * i + 2] * rlp[3 * i + 2]) > p.dMin().getAsDouble();
				t = t.select(k);
			}
			if (p.maxCell().isEmpty()) {
				MaxCellEstimator.Settings ms = new MaxCellEstimator.Settings(true, true, 0, 1.3, 45, Double.NaN, false, 5, 0.25);
				maxCells.add(MaxCellEstimator.estimate(t, ms).maxCell());
			}
			if (t.size() > p.maxReflections()) {
				log.accept("Selecting subset of " + p.maxReflections() + " reflections for analysis");
				int[] perm = new int[t.size()];
				for (int i = 0; i < perm.length; i++) perm[i] = i;
				for (int i = perm.length - 1; i > 0; i--) {
					int j = random.nextInt(i + 1);
					int tmp = perm[i];
					perm[i] = perm[j];
					perm[j] = tmp;
				}
				t = t.select(Arrays.copyOf(perm, p.maxReflections()));
			}
			tables.add(t);
		}
		double maxCell;
		if (p.maxCell().isPresent()) maxCell = p.maxCell().getAsDouble();
		else {
			double[] m = maxCells.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			maxCell = m.length % 2 == 1 ? m[m.length / 2] : (m[m.length / 2 - 1] + m[m.length / 2]) / 2;
		}
		List<Data> data = new ArrayList<>();
		for (int s = 0; s < experiments.size(); s++) {
			Experiment e = experiments.get(s);
			ReflectionTable t = tables.get(s);
			int n = t.size();
			double[] mm = t.get(Columns.XYZOBS_MM_VALUE);
			long[] panel = t.get(Columns.PANEL);
			double[] lab = new double[3 * n], phi = new double[n];
			for (int i = 0; i < n; i++) {
				Vec3 v = e.detector().panel((int) panel[i]).labCoord(mm[3 * i], mm[3 * i + 1]);
				lab[3 * i] = v.x();
				lab[3 * i + 1] = v.y();
				lab[3 * i + 2] = v.z();
				phi[i] = mm[3 * i + 2];
			}
			Goniometer g = e.goniometer();
			Mat3 sInv = g == null ? Mat3.IDENTITY : g.settingRotation().transpose();
			Vec3 axis = g == null ? new Vec3(1, 0, 0) : g.rotationAxis();
			Data d0 = new Data(e, lab, phi, sInv, axis, List.of(), maxCell);
			double[] rlp = rlps(d0, Vec3.ZERO);
			log.accept("Running DPS using " + n + " reflections");
			List<DpsSearch.Direction> sol = DpsSearch.search(rlp, maxCell, Double.NaN, p.threads());
			log.accept(String.format(Locale.ROOT, "Found %d solution%s with max unit cell %.2f Angstroms.", sol.size(), sol.size() == 1 ? "" : "s", maxCell));
			if (sol.size() < 3) continue;
			List<Vec3> dirs = new ArrayList<>();
			for (DpsSearch.Direction d : sol) dirs.add(d.dvec());
			data.add(new Data(e, lab, phi, sInv, axis, dirs, maxCell));
		}
		if (data.isEmpty()) throw new IndexingFailedException("search_beam_position: no lattice periodicities (DPS solutions) found in "
				+ strong.size() + " spots with max_cell " + String.format(Locale.ROOT, "%.1f", maxCell) + " Å; try a known max_cell= or d_min=");
		Vec3 best = optimise(experiments.get(0), data, p, progress);
		List<Experiment> outE = new ArrayList<>();
		for (Experiment e : experiments) outE.add(e.withDetector(translate(e.detector(), best)));
		return new ExperimentList(outE);
	}

	/** rlps of the data for the detector origin moved by {@code offset} (F taken as identity). */
	private static double[] rlps(Data d, Vec3 offset) {
		int n = d.phi().length;
		double[] out = new double[3 * n];
		Vec3 s0 = d.experiment().beam().s0();
		double inv = 1 / d.experiment().beam().wavelength();
		boolean rot = d.experiment().goniometer() != null;
		Vec3 e = d.axis();
		double[] si = d.sInv().toArray();
		for (int i = 0; i < n; i++) {
			double x = d.lab()[3 * i] + offset.x(), y = d.lab()[3 * i + 1] + offset.y(), z = d.lab()[3 * i + 2] + offset.z();
			double l = Math.sqrt(x * x + y * y + z * z);
			double rx = x / l * inv - s0.x(), ry = y / l * inv - s0.y(), rz = z / l * inv - s0.z();
			if (rot) {
				double ax = si[0] * rx + si[1] * ry + si[2] * rz, ay = si[3] * rx + si[4] * ry + si[5] * rz, az = si[6] * rx + si[7] * ry + si[8] * rz;
				// rotate by −φ about e (Rodrigues)
				double c = Math.cos(-d.phi()[i]), s = Math.sin(-d.phi()[i]);
				double dot = e.x() * ax + e.y() * ay + e.z() * az;
				double cx = e.y() * az - e.z() * ay, cy = e.z() * ax - e.x() * az, cz = e.x() * ay - e.y() * ax;
				rx = ax * c + cx * s + e.x() * dot * (1 - c);
				ry = ay * c + cy * s + e.y() * dot * (1 - c);
				rz = az * c + cz * s + e.z() * dot * (1 - c);
			}
			out[3 * i] = rx;
			out[3 * i + 1] = ry;
			out[3 * i + 2] = rz;
		}
		return out;
	}

	/** The score of an origin offset summed over imagesets (DIALS {@code _sum_score_detail}). */
	private static double score(List<Data> data, Vec3 offset, DirectionalFft[] ffts) {
		double sum = 0;
		for (int k = 0; k < data.size(); k++) {
			Data d = data.get(k);
			double[] rlp = rlps(d, offset);
			int n = rlp.length / 3;
			int nh = Math.min(d.solutions().size(), 20);
			DirectionalFft fft = ffts[k];
			for (int t = 0; t < nh; t++) {
				fft.transform(rlp, d.solutions().get(t), 11);
				if (fft.kval() > n / 4.0) {
					double kbeam = -fft.pMin() / fft.deltaP() + 0.5;
					int kmax = fft.kmax();
					double tk = fft.phase(kmax);
					sum += Math.cos(tk + 2 * Math.PI * kmax * kbeam / (2 * fft.nComplex() - 1));
				}
			}
		}
		return sum;
	}

	private static Vec3 optimise(Experiment ref, List<Data> data, SearchBeamPositionParameters p, Progress progress) {
		Vec3 s0 = ref.beam().s0();
		Vec3 r0 = s0.cross(new Vec3(1, 0, 0)).normalize();
		Vec3 r1 = r0.cross(s0).normalize();
		Vec3 r2 = r1.cross(s0).normalize();
		Vec3 wide = Vec3.ZERO;
		if (p.mmSearchScope() > 0) {
			double step = ref.detector().panel(0).pixelSize()[0] * p.wideSearchBinning();
			int grid = Math.max(1, (int) (p.mmSearchScope() / step));
			int w = 2 * grid + 1;
			double[] scores = new double[w * w];
			progress.begin("beam centre grid search", w);
			int threads = Math.max(1, Math.min(p.threads(), w));
			ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
				Thread th = new Thread(r, "bragg-sbp");
				th.setDaemon(true);
				return th;
			});
			try {
				List<Future<?>> fs = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					int tt = t;
					fs.add(pool.submit(() -> {
						DirectionalFft[] ffts = newFfts(data);
						for (int yi = tt; yi < w; yi += threads) {
							for (int xi = 0; xi < w; xi++) {
								Vec3 off = r1.times((xi - grid) * step).plus(r2.times((yi - grid) * step));
								scores[yi * w + xi] = score(data, off, ffts);
							}
							progress.worked(1);
						}
					}));
				}
				for (Future<?> f : fs) f.get();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", e);
			} catch (java.util.concurrent.ExecutionException e) {
				throw new IllegalStateException("beam centre search failed: " + e.getCause(), e.getCause());
			} finally {
				pool.shutdownNow();
			}
			double max = Arrays.stream(scores).max().orElse(0);
			if (Arrays.stream(scores).allMatch(v -> v == 0)) throw new IllegalStateException("search_beam_position: no valid scores");
			double bestNorm = Double.POSITIVE_INFINITY;
			for (int i = 0; i < scores.length; i++) {
				if (!(scores[i] > 0.9 * max)) continue;
				Vec3 off = r1.times((i % w - grid) * step).plus(r2.times((i / w - grid) * step));
				if (off.length() < bestNorm) {
					bestNorm = off.length();
					wide = off;
				}
			}
		}
		// Nelder–Mead on the two in-plane coordinates (units of 0.2 mm)
		Random random = new Random(p.seed());
		DirectionalFft[] ffts = newFfts(data);
		Vec3 base = wide;
		java.util.function.ToDoubleFunction<double[]> f = x -> -score(data, base.plus(r1.times(0.2 * x[0])).plus(r2.times(0.2 * x[1])), ffts);
		double[][] simplex = { { random.nextDouble(), random.nextDouble() }, { random.nextDouble(), random.nextDouble() },
				{ random.nextDouble(), random.nextDouble() } };
		double[] x = nelderMead(f, simplex, 1e-7, 400);
		return base.plus(r1.times(0.2 * x[0])).plus(r2.times(0.2 * x[1]));
	}

	private static DirectionalFft[] newFfts(List<Data> data) {
		DirectionalFft[] f = new DirectionalFft[data.size()];
		for (int i = 0; i < f.length; i++) f[i] = new DirectionalFft(5, data.get(i).amax());
		return f;
	}

	/** Nelder–Mead minimisation; stops when the function values of the simplex agree within {@code tol}. */
	static double[] nelderMead(java.util.function.ToDoubleFunction<double[]> f, double[][] simplex, double tol, int maxIter) {
		int n = simplex[0].length;
		double[][] s = new double[n + 1][];
		double[] fv = new double[n + 1];
		for (int i = 0; i <= n; i++) {
			s[i] = simplex[i].clone();
			fv[i] = f.applyAsDouble(s[i]);
		}
		for (int it = 0; it < maxIter; it++) {
			Integer[] o = new Integer[n + 1];
			for (int i = 0; i <= n; i++) o[i] = i;
			Arrays.sort(o, (a, b) -> Double.compare(fv[a], fv[b]));
			double[][] s2 = new double[n + 1][];
			double[] f2 = new double[n + 1];
			for (int i = 0; i <= n; i++) {
				s2[i] = s[o[i]];
				f2[i] = fv[o[i]];
			}
			s = s2;
			System.arraycopy(f2, 0, fv, 0, n + 1);
			if (Math.abs(fv[n] - fv[0]) <= tol * (Math.abs(fv[0]) + Math.abs(fv[n]) + 1e-12)) {
				double size = 0;
				for (int i = 1; i <= n; i++) for (int j = 0; j < n; j++) size = Math.max(size, Math.abs(s[i][j] - s[0][j]));
				if (size < 1e-3) break;
			}
			double[] c = new double[n];
			for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) c[j] += s[i][j] / n;
			double[] xr = new double[n];
			for (int j = 0; j < n; j++) xr[j] = c[j] + (c[j] - s[n][j]);
			double fr = f.applyAsDouble(xr);
			if (fr < fv[0]) {
				double[] xe = new double[n];
				for (int j = 0; j < n; j++) xe[j] = c[j] + 2 * (c[j] - s[n][j]);
				double fe = f.applyAsDouble(xe);
				if (fe < fr) {
					s[n] = xe;
					fv[n] = fe;
				} else {
					s[n] = xr;
					fv[n] = fr;
				}
			} else if (fr < fv[n - 1]) {
				s[n] = xr;
				fv[n] = fr;
			} else {
				boolean outside = fr < fv[n];
				double[] xc = new double[n];
				for (int j = 0; j < n; j++) xc[j] = outside ? c[j] + 0.5 * (xr[j] - c[j]) : c[j] + 0.5 * (s[n][j] - c[j]);
				double fc = f.applyAsDouble(xc);
				if (fc < (outside ? fr : fv[n])) {
					s[n] = xc;
					fv[n] = fc;
				} else {
					for (int i = 1; i <= n; i++) {
						for (int j = 0; j < n; j++) s[i][j] = s[0][j] + 0.5 * (s[i][j] - s[0][j]);
						fv[i] = f.applyAsDouble(s[i]);
					}
				}
			}
		}
		int best = 0;
		for (int i = 1; i <= n; i++) if (fv[i] < fv[best]) best = i;
		return s[best];
	}

	/** @return the detector translated rigidly by {@code offset} (mm, lab frame): panels and hierarchy groups */
	public static Detector translate(Detector d, Vec3 offset) {
		List<Panel> ps = new ArrayList<>();
		for (Panel p : d.panels()) ps.add(p.withFrame(p.fastAxis(), p.slowAxis(), p.origin().plus(offset)));
		Detector out = new Detector(ps, null);
		if (d.hasExplicitHierarchy()) out = out.withHierarchy(translate(d.hierarchy(), offset));
		return out;
	}

	private static DetectorNode.Group translate(DetectorNode.Group g, Vec3 offset) {
		List<DetectorNode> kids = new ArrayList<>();
		for (DetectorNode n : g.children()) kids.add(n instanceof DetectorNode.Group c ? translate(c, offset) : n);
		return new DetectorNode.Group(g.name(), g.type(), g.fastAxis(), g.slowAxis(), g.origin().plus(offset), kids);
	}
}
