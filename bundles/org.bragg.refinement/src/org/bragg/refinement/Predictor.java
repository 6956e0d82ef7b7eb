package org.bragg.refinement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.refinement.internal.RayMath;

/**
 * Predicts where reflections are observed: (X, Y, φ) for rotation scans by solving the Ewald condition
 * for the rotation angle, and (X, Y, ΔΨ) for stills, as DIALS's {@code ScanStaticRayPredictor},
 * {@code ScanVaryingRayPredictor} and {@code StillsRayPredictor} do (Waterman et al. 2016, Acta Cryst.
 * D72, 558–575, §2).
 *
 * <p>Frame: DIALS laboratory frame. A relp at scan angle φ is r = S·R(e, φ)·F·A·h with A = U·B (Å⁻¹), e the
 * datum rotation axis, F and S the fixed and setting rotations; s1 = s0 + r. X and Y are mm in the
 * frame of the panel hit (the ray is intersected with the panel plane), converted to px through the
 * panel's px↔mm strategy (with parallax correction where the panel has it). φ is in radians in [0, 2π)
 * unless matched to an observation; z in px columns is the array frame coordinate. ΔΨ (radians) is the
 * rotation about q × ŝ0 that brings a still's relp onto the Ewald sphere.
 *
 * <p>Scan-varying models (crystal {@code A_at_scan_points}, beam {@code s0_at_scan_points}) are used when
 * present: {@link #predictObserved} interpolates A and s0 linearly at the observed frame, and
 * {@link #predictAll} follows the relp along the linear path between the A matrices at the start and
 * end of each image, as DIALS does.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Predictor {

	/**
	 * One predicted reflection.
	 *
	 * @param s1 diffracted beam vector (Å⁻¹, lab frame)
	 * @param panel index of the panel hit, or −1 if the ray misses the detector
	 * @param xMm x in mm in the panel frame
	 * @param yMm y in mm in the panel frame
	 * @param phi rotation angle in radians (0 for stills)
	 * @param xPx x in px
	 * @param yPx y in px
	 * @param zPx array frame coordinate at φ (0 for stills)
	 * @param deltaPsi ΔΨ in radians for stills (0 for scans)
	 */
	public record Prediction(int h, int k, int l, boolean entering, Vec3 s1, int panel, double xMm, double yMm, double phi, double xPx,
			double yPx, double zPx, double deltaPsi) {
	}

	private final Experiment experiment;
	private final boolean still;
	private final double[] a;
	private final double[] s0;
	private final RayMath.Rotation rotation;

	private Predictor(Experiment e, boolean forceStill) {
		if (e.crystal() == null) throw new IllegalArgumentException("experiment " + e.identifier() + " has no crystal model to predict with");
		this.experiment = e;
		this.still = forceStill || e.isStill();
		this.a = e.crystal().a().toArray();
		this.s0 = e.beam().s0().toArray();
		this.rotation = still ? null
				: new RayMath.Rotation(s0, e.goniometer().settingRotation().toArray(), e.goniometer().fixedRotation().toArray(),
						e.goniometer().rotationAxis().toArray());
	}

	/** A predictor for the static models of {@code e} (stills if it has no goniometer or scan). */
	public static Predictor of(Experiment e) { return new Predictor(e, false); }

	/** A stills predictor even for a rotation experiment (DIALS {@code treat_single_image_as_still}). */
	public static Predictor asStill(Experiment e) { return new Predictor(e, true); }

	/** @return true if this predicts stills (X, Y, ΔΨ) */
	public boolean isStill() { return still; }

	/**
	 * Both rotation-scan predictions of hkl (any angle in [0, 2π), not restricted to the scan).
	 *
	 * @return 0, 1 or 2 predictions; rays that miss every panel get panel −1 and NaN coordinates
	 * @throws IllegalStateException for a stills predictor
	 */
	public List<Prediction> predictRotation(int h, int k, int l) {
		if (still) throw new IllegalStateException("predictRotation on a stills experiment");
		List<Prediction> out = new ArrayList<>(2);
		for (boolean entering : new boolean[] { true, false }) {
			Prediction p = predictRotation(h, k, l, entering, -1);
			if (p != null) out.add(p);
		}
		return out;
	}

	/**
	 * The rotation-scan prediction of hkl with the given entering flag.
	 *
	 * @param panel the panel to intersect (as DIALS does for observed reflections), or −1 for the first
	 *        panel hit
	 * @return the prediction, or null if hkl never reaches the Ewald sphere with that entering flag
	 */
	public Prediction predictRotation(int h, int k, int l, boolean entering, int panel) {
		if (still) throw new IllegalStateException("predictRotation on a stills experiment");
		double[] out = new double[4];
		if (!rotation.predict(a, 0, h, k, l, entering, out)) return null;
		Vec3 s1 = new Vec3(out[0], out[1], out[2]);
		double z = experiment.scan() == null ? 0 : experiment.scan().arrayIndexFromAngle(Math.toDegrees(out[3]));
		return intersect(h, k, l, entering, s1, panel, out[3], z, 0);
	}

	/**
	 * The stills prediction of hkl.
	 *
	 * @param panel the panel to intersect, or −1 for the first panel hit
	 * @return the prediction, or null for h = 0 or beyond the resolution limit 2/λ
	 */
	public Prediction predictStill(int h, int k, int l, int panel) {
		double[] out = new double[4];
		if (!RayMath.predictStill(a, 0, s0, h, k, l, out)) return null;
		return intersect(h, k, l, false, new Vec3(out[0], out[1], out[2]), panel, 0, 0, out[3]);
	}

	private Prediction intersect(int h, int k, int l, boolean entering, Vec3 s1, int panel, double phi, double z, double dpsi) {
		Detector d = experiment.detector();
		double[] mm = null;
		int p = panel;
		if (panel >= 0) {
			mm = d.panel(panel).rayIntersection(s1);
		} else {
			Detector.Intersection hit = d.rayIntersection(s1);
			if (hit != null) {
				p = hit.panel();
				mm = new double[] { hit.xMm(), hit.yMm() };
			}
		}
		if (mm == null) return new Prediction(h, k, l, entering, s1, -1, Double.NaN, Double.NaN, phi, Double.NaN, Double.NaN, z, dpsi);
		double[] px = d.panel(p).millimetreToPixel(mm[0], mm[1]);
		return new Prediction(h, k, l, entering, s1, p, mm[0], mm[1], phi, px[0], px[1], z, dpsi);
	}

	/**
	 * Predicts observed, indexed reflections at the current models, as DIALS's
	 * {@code ExperimentsPredictor}: for each row with a Miller index, the ray with the row's
	 * {@code entering} flag is intersected with the row's {@code panel}; φ is then moved by whole turns to
	 * lie within π of the observed φ. Rows with (0,0,0), with id −1 (unindexed) or that cannot be predicted
	 * get zeros and lose the {@code predicted} flag.
	 *
	 * <p>Needs columns {@code miller_index}, {@code id}, {@code panel}; for scans {@code entering} (computed
	 * from {@code s1} or from the first prediction if absent) and preferably {@code xyzobs.mm.value}.
	 *
	 * @return a new table: all input columns plus updated {@code s1}, {@code xyzcal.mm}, {@code xyzcal.px},
	 *         {@code entering}, {@code delpsical.rad} (stills) and the {@code predicted} flag
	 * @throws IllegalArgumentException if a required column is missing or an id has no experiment
	 */
	public static ReflectionTable predictObserved(ExperimentList experiments, ReflectionTable reflections) {
		int n = reflections.size();
		int[] all = new int[n];
		for (int i = 0; i < n; i++) all[i] = i;
		ReflectionTable t = reflections.select(all);
		int[] hkl = t.get(Columns.MILLER_INDEX);
		int[] id = t.get(Columns.ID);
		long[] panel = t.has(Columns.PANEL) ? t.get(Columns.PANEL) : new long[n];
		long[] flags = t.getOrCreate(Columns.FLAGS);
		double[] s1col = t.getOrCreate(Columns.S1);
		double[] mm = t.getOrCreate(Columns.XYZCAL_MM);
		double[] px = t.getOrCreate(Columns.XYZCAL_PX);
		double[] obs = t.has(Columns.XYZOBS_MM_VALUE) ? t.get(Columns.XYZOBS_MM_VALUE) : null;
		double[] obsPx = t.has(Columns.XYZOBS_PX_VALUE) ? t.get(Columns.XYZOBS_PX_VALUE) : null;
		boolean anyStill = false;
		for (Experiment e : experiments) anyStill |= e.isStill();
		boolean[] entering = t.has(Columns.ENTERING) ? t.get(Columns.ENTERING) : null;
		if (entering == null && !anyStill) {
			entering = t.create(Columns.ENTERING);
			// derive from the observed s1 if present, else from the observed φ
			for (int i = 0; i < n; i++) entering[i] = id[i] >= 0 && enteringFromObservation(experiments.get(id[i]), s1col, obs, i);
		}
		double[] dpsi = anyStill ? t.getOrCreate(Columns.DELPSICAL_RAD) : null;
		Predictor[] preds = new Predictor[experiments.size()];
		double[] out = new double[4];
		long pred = ReflectionFlag.PREDICTED.mask();
		for (int i = 0; i < n; i++) {
			int ie = id[i];
			if (ie < 0) {
				flags[i] &= ~pred; // unindexed (DIALS id −1)
				continue;
			}
			if (ie >= experiments.size()) throw new IllegalArgumentException("reflection " + i + " has id " + ie + " but there are " + experiments.size() + " experiments");
			Experiment e = experiments.get(ie);
			if (preds[ie] == null) preds[ie] = Predictor.of(e);
			Predictor p = preds[ie];
			int h = hkl[3 * i], k = hkl[3 * i + 1], l = hkl[3 * i + 2];
			flags[i] &= ~pred;
			Arrays.fill(mm, 3 * i, 3 * i + 3, 0);
			Arrays.fill(px, 3 * i, 3 * i + 3, 0);
			if (h == 0 && k == 0 && l == 0) continue;
			Panel pan = e.detector().panel((int) panel[i]);
			double[] xy;
			double phi = 0, z = 0;
			if (p.still) {
				if (!RayMath.predictStill(p.a, 0, p.s0, h, k, l, out)) continue;
				dpsi[i] = out[3];
			} else {
				double[] aMat = p.a;
				RayMath.Rotation rot = p.rotation;
				Crystal c = e.crystal();
				Scan scan = e.scan();
				boolean svA = c.isScanVarying() && c.aAtScanPoints().size() == scan.numImages() + 1;
				boolean svS0 = e.beam().s0AtScanPoints().size() == scan.numImages() + 1;
				if ((svA || svS0) && obsPx != null) {
					double zo = obsPx[3 * i + 2] - (scan.firstImage() - 1);
					if (svA) aMat = interpolate(c.aAtScanPoints(), zo);
					if (svS0) rot = new RayMath.Rotation(interpolateVec(e.beam().s0AtScanPoints(), zo), e.goniometer().settingRotation().toArray(),
							e.goniometer().fixedRotation().toArray(), e.goniometer().rotationAxis().toArray());
				}
				if (!rot.predict(aMat, 0, h, k, l, entering[i], out)) continue;
				phi = out[3];
				if (obs != null) {
					double po = obs[3 * i + 2];
					double resid = RayMath.mod2pi(phi - RayMath.mod2pi(po) + Math.PI) - Math.PI;
					phi = po + resid;
				}
				z = scan.arrayIndexFromAngle(Math.toDegrees(phi));
			}
			xy = pan.rayIntersection(new Vec3(out[0], out[1], out[2]));
			s1col[3 * i] = out[0];
			s1col[3 * i + 1] = out[1];
			s1col[3 * i + 2] = out[2];
			mm[3 * i + 2] = phi;
			px[3 * i + 2] = z;
			if (xy == null) continue;
			double[] pp = pan.millimetreToPixel(xy[0], xy[1]);
			mm[3 * i] = xy[0];
			mm[3 * i + 1] = xy[1];
			px[3 * i] = pp[0];
			px[3 * i + 1] = pp[1];
			flags[i] |= pred;
		}
		return t;
	}

	private static boolean enteringFromObservation(Experiment e, double[] s1col, double[] obs, int i) {
		if (e.isStill()) return false;
		Vec3 s0 = e.beam().s0();
		Vec3 axis = e.goniometer().settingRotation().times(e.goniometer().rotationAxis());
		Vec3 plane = s0.cross(axis).normalize();
		Vec3 s1 = new Vec3(s1col[3 * i], s1col[3 * i + 1], s1col[3 * i + 2]);
		return s1.dot(plane) < 0;
	}

	/** A at fractional scan-point position z (0 = start of the first image), linear between scan points. */
	static double[] interpolate(List<Mat3> mats, double z) {
		int n = mats.size();
		if (z <= 0) return mats.get(0).toArray();
		if (z >= n - 1) return mats.get(n - 1).toArray();
		int i = (int) Math.floor(z);
		double f = z - i;
		double[] a = mats.get(i).toArray(), b = mats.get(i + 1).toArray();
		for (int j = 0; j < 9; j++) a[j] += f * (b[j] - a[j]);
		return a;
	}

	static double[] interpolateVec(List<Vec3> v, double z) {
		int n = v.size();
		if (z <= 0) return v.get(0).toArray();
		if (z >= n - 1) return v.get(n - 1).toArray();
		int i = (int) Math.floor(z);
		double f = z - i;
		double[] a = v.get(i).toArray(), b = v.get(i + 1).toArray();
		for (int j = 0; j < 3; j++) a[j] += f * (b[j] - a[j]);
		return a;
	}

	/**
	 * Predicts every reflection of every experiment to {@code dMin}, as DIALS's {@code ReflectionPredictor}
	 * (dials.predict / integrate): for scans, all reflections whose φ lies within the scan range extended by
	 * {@code paddingDeg} on both sides (one entry per full-turn equivalent), with scan-varying A and s0 when
	 * the models have one per image + 1; for stills, reflections with |ΔΨ| &lt; 0.0015 rad. Systematic
	 * absences of the crystal's space group are skipped. Rays that miss every panel are dropped.
	 *
	 * @param dMin resolution limit in Å (&gt; λ/2)
	 * @param paddingDeg extra scan range in degrees on each side (DIALS {@code prediction.padding}, 1.0 in
	 *        integration, 0 in dials.predict)
	 * @return a new table with {@code miller_index}, {@code id}, {@code panel}, {@code entering}, {@code s1},
	 *         {@code xyzcal.mm}, {@code xyzcal.px}, {@code d}, {@code flags} = predicted (and
	 *         {@code delpsical.rad} for stills), ordered by experiment then frame
	 * @throws IllegalArgumentException if dMin is not above λ/2 or an experiment has no crystal
	 */
	public static ReflectionTable predictAll(ExperimentList experiments, double dMin, double paddingDeg) {
		List<ReflectionTable> parts = new ArrayList<>();
		for (int ie = 0; ie < experiments.size(); ie++) {
			Experiment e = experiments.get(ie);
			if (dMin < 0.5 * e.beam().wavelength())
				throw new IllegalArgumentException("Prediction at d_min of " + dMin + " is not possible with wavelength " + e.beam().wavelength());
			ReflectionTable t = org.bragg.refinement.internal.PredictAll.predict(e, ie, dMin, paddingDeg,
					SpaceGroup.fromHall(e.crystal().spaceGroupHall()));
			t.experimentIdentifiers().put(ie, e.identifier());
			parts.add(t);
		}
		if (parts.size() == 1) return parts.get(0);
		return ReflectionTable.concat(parts);
	}
}
