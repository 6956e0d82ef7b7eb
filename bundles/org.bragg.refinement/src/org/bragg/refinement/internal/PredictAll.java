package org.bragg.refinement.internal;

import java.util.Arrays;
import java.util.List;

import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;

/**
 * Full prediction of an experiment to a resolution limit (see {@code Predictor.predictAll}).
 *
 * <p>Scans: every hkl inside the d_min sphere (systematic absences removed) is solved for its two
 * reflecting angles with the static (or mid-scan) model. For scan-varying models the crossing is then
 * located exactly as DIALS's {@code ScanVaryingRayPredictor}: on the image containing the static
 * estimate and its neighbours, the relp moves linearly from A₁·h to A₂·h (and s0 from s0a to s0b) and the
 * fraction α at which it meets the Ewald sphere is found from a quadratic.
 */
public final class PredictAll {
	private PredictAll() {}

	private static final class Sink {
		int n;
		int[] hkl = new int[3 * 1024];
		int[] panel = new int[1024];
		boolean[] enter = new boolean[1024];
		double[] s1 = new double[3 * 1024], mm = new double[3 * 1024], px = new double[3 * 1024], d = new double[1024], dpsi = new double[1024];

		void add(int h, int k, int l, int p, boolean e, double[] s, double x, double y, double phi, double xp, double yp, double z, double dd,
				double dp) {
			if (n == panel.length) {
				int m = 2 * n;
				hkl = Arrays.copyOf(hkl, 3 * m);
				panel = Arrays.copyOf(panel, m);
				enter = Arrays.copyOf(enter, m);
				s1 = Arrays.copyOf(s1, 3 * m);
				mm = Arrays.copyOf(mm, 3 * m);
				px = Arrays.copyOf(px, 3 * m);
				d = Arrays.copyOf(d, m);
				dpsi = Arrays.copyOf(dpsi, m);
			}
			hkl[3 * n] = h;
			hkl[3 * n + 1] = k;
			hkl[3 * n + 2] = l;
			panel[n] = p;
			enter[n] = e;
			s1[3 * n] = s[0];
			s1[3 * n + 1] = s[1];
			s1[3 * n + 2] = s[2];
			mm[3 * n] = x;
			mm[3 * n + 1] = y;
			mm[3 * n + 2] = phi;
			px[3 * n] = xp;
			px[3 * n + 1] = yp;
			px[3 * n + 2] = z;
			d[n] = dd;
			dpsi[n] = dp;
			n++;
		}
	}

	/** Predicts experiment {@code e} (index {@code id}) to {@code dMin}. */
	public static ReflectionTable predict(Experiment e, int id, double dMin, double paddingDeg, SpaceGroup sg) {
		Crystal c = e.crystal();
		Sink sink = new Sink();
		double dStarMaxSq = 1.0 / (dMin * dMin);
		double[] a = c.a().toArray();
		int hmax = (int) Math.floor(c.realSpaceA().length() / dMin) + 1;
		int kmax = (int) Math.floor(c.realSpaceB().length() / dMin) + 1;
		int lmax = (int) Math.floor(c.realSpaceC().length() / dMin) + 1;
		Detector det = e.detector();
		boolean still = e.isStill();
		double[] q = new double[3];
		if (still) {
			double[] s0 = e.beam().s0().toArray();
			double[] out = new double[4];
			for (int h = -hmax; h <= hmax; h++)
				for (int k = -kmax; k <= kmax; k++)
					for (int l = -lmax; l <= lmax; l++) {
						if (h == 0 && k == 0 && l == 0) continue;
						RayMath.mul(a, 0, h, k, l, q);
						double qq = q[0] * q[0] + q[1] * q[1] + q[2] * q[2];
						if (qq > dStarMaxSq || sg.isSysAbsent(h, k, l)) continue;
						if (!RayMath.predictStill(a, 0, s0, h, k, l, out) || Math.abs(out[3]) >= 0.0015) continue;
						emit(sink, det, h, k, l, false, out, 0, 0, 1 / Math.sqrt(qq), out[3]);
					}
		} else {
			predictScan(e, sink, a, dStarMaxSq, hmax, kmax, lmax, paddingDeg, sg);
		}
		ReflectionTable t = new ReflectionTable(sink.n);
		t.put(Columns.MILLER_INDEX, Arrays.copyOf(sink.hkl, 3 * sink.n));
		int[] ids = new int[sink.n];
		Arrays.fill(ids, id);
		t.put(Columns.ID, ids);
		long[] pl = new long[sink.n];
		for (int i = 0; i < sink.n; i++) pl[i] = sink.panel[i];
		t.put(Columns.PANEL, pl);
		t.put(Columns.ENTERING, Arrays.copyOf(sink.enter, sink.n));
		t.put(Columns.S1, Arrays.copyOf(sink.s1, 3 * sink.n));
		t.put(Columns.XYZCAL_MM, Arrays.copyOf(sink.mm, 3 * sink.n));
		t.put(Columns.XYZCAL_PX, Arrays.copyOf(sink.px, 3 * sink.n));
		t.put(Columns.D, Arrays.copyOf(sink.d, sink.n));
		long[] fl = new long[sink.n];
		Arrays.fill(fl, ReflectionFlag.PREDICTED.mask());
		t.put(Columns.FLAGS, fl);
		if (still) t.put(Columns.DELPSICAL_RAD, Arrays.copyOf(sink.dpsi, sink.n));
		if (!still && sink.n > 0) {
			double[] z = t.get(Columns.XYZCAL_PX);
			t = t.sortBy((x, y) -> Double.compare(z[3 * x + 2], z[3 * y + 2]));
		}
		return t;
	}

	private static void emit(Sink sink, Detector det, int h, int k, int l, boolean entering, double[] s1, double phi, double z, double d,
			double dpsi) {
		Vec3 s = new Vec3(s1[0], s1[1], s1[2]);
		Detector.Intersection hit = det.rayIntersection(s);
		if (hit == null) return;
		Panel p = det.panel(hit.panel());
		double[] px = p.millimetreToPixel(hit.xMm(), hit.yMm());
		sink.add(h, k, l, hit.panel(), entering, s1, hit.xMm(), hit.yMm(), phi, px[0], px[1], z, d, dpsi);
	}

	private static void predictScan(Experiment e, Sink sink, double[] aStatic, double dStarMaxSq, int hmax, int kmax, int lmax, double paddingDeg,
			SpaceGroup sg) {
		Scan scan = e.scan();
		Crystal c = e.crystal();
		int nim = scan.numImages();
		List<Mat3> aSp = c.aAtScanPoints().size() == nim + 1 ? c.aAtScanPoints() : List.of();
		List<Vec3> s0Sp = e.beam().s0AtScanPoints().size() == nim + 1 ? e.beam().s0AtScanPoints() : List.of();
		boolean sv = !aSp.isEmpty() || !s0Sp.isEmpty();
		double[] sMat = e.goniometer().settingRotation().toArray();
		double[] fMat = e.goniometer().fixedRotation().toArray();
		double[] axis = e.goniometer().rotationAxis().toArray();
		double[] s0 = e.beam().s0().toArray();
		double[] aMid = aSp.isEmpty() ? aStatic : aSp.get(nim / 2).toArray();
		double[] s0Mid = s0Sp.isEmpty() ? s0 : s0Sp.get(nim / 2).toArray();
		RayMath.Rotation rot = new RayMath.Rotation(s0Mid, sMat, fMat, axis);
		double phi0 = Math.toRadians(scan.oscillationStart()), dphi = Math.toRadians(scan.oscillationWidth());
		double pad = Math.toRadians(paddingDeg);
		double lo = phi0 - pad, hi = phi0 + nim * dphi + pad;
		if (dphi < 0) {
			double t = lo;
			lo = hi;
			hi = t;
		}
		int frameOffset = scan.firstImage() - 1;
		// per-frame setting matrices for scan-varying prediction: S·R(φ)·F·A at frame boundaries
		double[][] aLab = null;
		double[][] s0At = null;
		int zLo = 0, zHi = 0;
		if (sv) {
			zLo = (int) Math.floor(scan.arrayIndexFromAngle(scan.oscillationStart() - paddingDeg) + 0.5) - frameOffset;
			zHi = (int) Math.floor(scan.arrayIndexFromAngle(scan.oscillationStart() + nim * scan.oscillationWidth() + paddingDeg) + 0.5) - frameOffset;
			aLab = new double[zHi - zLo + 1][];
			s0At = new double[zHi - zLo + 1][];
		}
		double[] p0 = new double[3], phis = new double[2], out = new double[4], t3 = new double[3];
		for (int h = -hmax; h <= hmax; h++)
			for (int k = -kmax; k <= kmax; k++)
				for (int l = -lmax; l <= lmax; l++) {
					if (h == 0 && k == 0 && l == 0) continue;
					RayMath.mul(aMid, 0, h, k, l, t3);
					double qq = t3[0] * t3[0] + t3[1] * t3[1] + t3[2] * t3[2];
					if (qq > dStarMaxSq * 1.0001 || sg.isSysAbsent(h, k, l)) continue;
					if (!sv && qq > dStarMaxSq) continue;
					RayMath.mul(fMat, 0, t3[0], t3[1], t3[2], p0);
					if (!rot.angles(p0[0], p0[1], p0[2], phis)) continue;
					for (int r = 0; r < 2; r++) {
						double base = RayMath.mod2pi(phis[r]);
						boolean entering = rot.ray(p0[0], p0[1], p0[2], base, out);
						// all full-turn equivalents inside [lo, hi]
						double first = base + Math.ceil((lo - base) / RayMath.TWO_PI) * RayMath.TWO_PI;
						for (double phi = first; phi <= hi; phi += RayMath.TWO_PI) {
							if (!sv) {
								if (qq > dStarMaxSq) continue;
								double z = scan.arrayIndexFromAngle(Math.toDegrees(phi));
								emit(sink, e.detector(), h, k, l, entering, out, phi, z, 1 / Math.sqrt(qq), 0);
							} else {
								double zEst = (phi - phi0) / dphi; // relative frame coordinate
								svCrossing(e, sink, h, k, l, entering, zEst, aSp, s0Sp, aStatic, s0, sMat, fMat, axis, aLab, s0At, zLo, zHi, phi0, dphi,
										frameOffset, dStarMaxSq);
							}
						}
					}
				}
	}

	private static void svCrossing(Experiment e, Sink sink, int h, int k, int l, boolean entering, double zEst, List<Mat3> aSp, List<Vec3> s0Sp,
			double[] aStatic, double[] s0Static, double[] sMat, double[] fMat, double[] axis, double[][] aLab, double[][] s0At, int zLo, int zHi,
			double phi0, double dphi, int frameOffset, double dStarMaxSq) {
		int fc = (int) Math.floor(zEst);
		double bestZ = Double.NaN;
		double[] best = null;
		for (int f = fc - 1; f <= fc + 1; f++) {
			if (f < zLo || f >= zHi) continue;
			double[] a1 = labA(f, aLab, zLo, aSp, aStatic, sMat, fMat, axis, phi0, dphi);
			double[] a2 = labA(f + 1, aLab, zLo, aSp, aStatic, sMat, fMat, axis, phi0, dphi);
			// DIALS uses A[i], A[i+1] of the image i containing the frame (clamped), i.e. both ends from image f
			double[] s0a = s0At(f, s0At, zLo, s0Sp, s0Static, false);
			double[] s0b = s0At(f, s0At, zLo, s0Sp, s0Static, true);
			double[] r1 = new double[3], r2 = new double[3];
			RayMath.mul(a1, 0, h, k, l, r1);
			RayMath.mul(a2, 0, h, k, l, r2);
			double r1sq = r1[0] * r1[0] + r1[1] * r1[1] + r1[2] * r1[2];
			if (r1sq > dStarMaxSq) continue;
			double[] res = svRay(r1, r2, s0a, s0b);
			if (res == null) continue;
			boolean startsOutside = res[4] > 0;
			if (startsOutside != entering) continue;
			double z = f + res[3];
			if (best == null || Math.abs(z - zEst) < Math.abs(bestZ - zEst)) {
				best = res;
				bestZ = z;
			}
		}
		if (best == null) return;
		double phi = phi0 + bestZ * dphi;
		double[] s1 = { best[0], best[1], best[2] };
		double d = 1 / Math.sqrt(sq(Mat3.of(aStatic).times(new Vec3(h, k, l))));
		emit(sink, e.detector(), h, k, l, entering, s1, phi, bestZ + frameOffset, d, 0);
	}

	private static double sq(Vec3 v) { return v.lengthSq(); }

	/** S·R(φ_f)·F·A_f with A at scan point f clamped to the model's range. */
	private static double[] labA(int f, double[][] cache, int zLo, List<Mat3> aSp, double[] aStatic, double[] sMat, double[] fMat, double[] axis,
			double phi0, double dphi) {
		int idx = f - zLo;
		if (cache[idx] != null) return cache[idx];
		double[] a;
		if (aSp.isEmpty()) a = aStatic;
		else a = aSp.get(Math.max(0, Math.min(aSp.size() - 1, f))).toArray();
		double l = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
		double[] r = RayMath.rotation(axis[0] / l, axis[1] / l, axis[2] / l, phi0 + f * dphi);
		double[] m = RayMath.mul(sMat, RayMath.mul(r, RayMath.mul(fMat, a)));
		cache[idx] = m;
		return m;
	}

	private static double[] s0At(int f, double[][] cache, int zLo, List<Vec3> s0Sp, double[] s0Static, boolean end) {
		if (s0Sp.isEmpty()) return s0Static;
		int i = Math.max(0, Math.min(s0Sp.size() - 2, f));
		return s0Sp.get(end ? i + 1 : i).toArray();
	}

	/**
	 * DIALS {@code ScanVaryingRayPredictor} with s0 varying from s0a to s0b.
	 *
	 * @return {s1x, s1y, s1z, α, startsOutside ? 1 : −1}, or null if no crossing
	 */
	static double[] svRay(double[] r1, double[] r2, double[] s0a, double[] s0b) {
		double[] dr = { r2[0] - r1[0], r2[1] - r1[1], r2[2] - r1[2] };
		double[] s0pr1 = { s0a[0] + r1[0], s0a[1] + r1[1], s0a[2] + r1[2] };
		double[] s0pr2 = { s0b[0] + r2[0], s0b[1] + r2[1], s0b[2] + r2[2] };
		double la = len(s0a), lb = len(s0b);
		boolean startsOutside = len(s0pr1) - la >= 0, endsOutside = len(s0pr2) - lb >= 0;
		if (startsOutside == endsOutside) return null;
		double drsq = dot(dr, dr);
		double alpha1 = root01(drsq, 2 * dot(s0pr1, dr), dot(r1, r1) + 2 * dot(s0a, r1));
		if (Double.isNaN(alpha1)) return null;
		double alpha;
		double[] s0i;
		if (s0a == s0b || (s0a[0] == s0b[0] && s0a[1] == s0b[1] && s0a[2] == s0b[2])) {
			alpha = alpha1;
			s0i = s0a;
		} else {
			double alpha2 = root01(drsq, -2 * dot(s0pr2, dr), dot(r2, r2) + 2 * dot(s0b, r2));
			if (Double.isNaN(alpha2)) return null;
			alpha = alpha1 / (alpha1 + alpha2);
			double wn = 0.5 * (la + lb);
			double[] u = new double[3];
			for (int j = 0; j < 3; j++) u[j] = alpha * (s0b[j] / lb - s0a[j] / la) + s0a[j] / la;
			s0i = new double[] { wn * u[0], wn * u[1], wn * u[2] };
		}
		return new double[] { r1[0] + alpha * dr[0] + s0i[0], r1[1] + alpha * dr[1] + s0i[1], r1[2] + alpha * dr[2] + s0i[2], alpha,
				startsOutside ? 1 : -1 };
	}

	/** The root of a x² + b x + c in [0, 1] (first of the two in DIALS's order), or NaN. */
	private static double root01(double a, double b, double c) {
		double r0, r1;
		if (a == 0) {
			if (b == 0) return Double.NaN;
			r0 = r1 = -c / b;
		} else {
			double disc = b * b - 4 * a * c;
			if (disc < 0) return Double.NaN;
			double sq = Math.sqrt(disc);
			r0 = (-b + sq) / (2 * a);
			r1 = (-b - sq) / (2 * a);
		}
		if (0 <= r0 && r0 <= 1) return r0;
		if (0 <= r1 && r1 <= 1) return r1;
		return Double.NaN;
	}

	private static double len(double[] v) { return Math.sqrt(dot(v, v)); }

	private static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

}
