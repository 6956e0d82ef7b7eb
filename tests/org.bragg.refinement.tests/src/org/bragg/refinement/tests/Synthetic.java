package org.bragg.refinement.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bragg.model.Beam;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;
import org.bragg.refinement.Predictor;

/** Synthetic experiments and observations with known geometry. */
final class Synthetic {
	private Synthetic() {}

	static Panel panel(String name, Vec3 fast, Vec3 slow, Vec3 origin, int nf, int ns, double px, boolean parallax) {
		return new Panel(name, "SENSOR_PAD", fast, slow, origin, new int[] { 0, 0 }, new int[] { nf, ns }, new double[] { px, px },
				new double[] { -1, 1e6 }, parallax ? 0.45 : 0, "Si", parallax ? 3.9 : 0, "", List.of(), 1, 0,
				parallax ? PxMmStrategy.PARALLAX_CORRECTED : PxMmStrategy.SIMPLE);
	}

	/** A 1000×1000 0.172-mm panel at {@code dist} mm, beam near the centre, slightly tilted. */
	static Detector singlePanel(double dist, boolean parallax) {
		Vec3 fast = new Vec3(1, 0.002, 0.001).normalize();
		Vec3 slow = new Vec3(0.001, -1, 0.003).normalize();
		Vec3 origin = new Vec3(-86.3, 84.9, -dist);
		return Detector.single(panel("Panel", fast, slow, origin, 1000, 1000, 0.172, parallax));
	}

	/** Four 254×254 0.055-mm panels in a 2×2 arrangement with a root group (like the TimePix quad). */
	static Detector quad(double dist) {
		List<Panel> ps = new ArrayList<>();
		List<DetectorNode> kids = new ArrayList<>();
		Vec3 f = new Vec3(1, 0, 0), s = new Vec3(0, -1, 0);
		double w = 254 * 0.055 + 0.2;
		for (int i = 0; i < 4; i++) {
			double ox = -w + (i % 2) * w, oy = w - (i / 2) * w;
			ps.add(panel("Panel" + i, f, s, new Vec3(ox + 0.3, oy - 0.2, -dist), 254, 254, 0.055, false));
			kids.add(new DetectorNode.PanelRef(i));
		}
		DetectorNode.Group root = new DetectorNode.Group("", "", f, s, new Vec3(-w, w, -dist), kids);
		return new Detector(ps, root);
	}

	static Crystal crystal(double[] cell, String hall, long seed) {
		double[] b = UnitCell.of(cell).bMatrix();
		Random r = new Random(seed);
		Vec3 axis = new Vec3(r.nextGaussian(), r.nextGaussian(), r.nextGaussian()).normalize();
		Mat3 u = Mat3.rotation(axis, r.nextDouble() * Math.PI);
		return Crystal.fromA(u.times(Mat3.of(b)), hall);
	}

	static Experiment rotation(Detector det, Crystal c, double wavelength, int nImages, double oscDeg) {
		Beam beam = new Beam(new Vec3(0.001, 0.0005, 1), wavelength, 0, 0, new Vec3(0, 1, 0), 0.999, 0, 1, org.bragg.model.Probe.XRAY, List.of());
		Goniometer g = Goniometer.singleAxis(new Vec3(1, 0.001, -0.002));
		Scan scan = new Scan(1, nImages, 0, oscDeg, new double[nImages], new double[nImages], 0);
		return new Experiment("synthetic", beam, det, g, scan, c, null, Map.of(), Map.of());
	}

	static Experiment still(Detector det, Crystal c, double wavelength) {
		Beam beam = new Beam(new Vec3(0.001, 0.0005, 1), wavelength, 0, 0, new Vec3(0, 1, 0), 0.999, 0, 1, org.bragg.model.Probe.XRAY, List.of());
		return new Experiment("still", beam, det, null, null, c, null, Map.of(), Map.of());
	}

	/**
	 * Observations at the predicted positions of {@code truth} (all reflections to dMin), with Gaussian
	 * noise of {@code sigmaPx} px and {@code sigmaImages} images, and variances to match.
	 */
	static ReflectionTable observe(ExperimentList truth, double dMin, double sigmaPx, double sigmaImages, long seed) {
		ReflectionTable t = Predictor.predictAll(truth, dMin, 0);
		int n = t.size();
		Random r = new Random(seed);
		double[] mm = t.get(Columns.XYZCAL_MM), px = t.get(Columns.XYZCAL_PX);
		long[] panel = t.get(Columns.PANEL);
		int[] id = t.get(Columns.ID);
		double[] obsMm = new double[3 * n], obsPx = new double[3 * n], varMm = new double[3 * n], varPx = new double[3 * n];
		for (int i = 0; i < n; i++) {
			Experiment e = truth.get(id[i]);
			Panel p = e.detector().panel((int) panel[i]);
			double ps = p.pixelSize()[0];
			double dx = r.nextGaussian() * sigmaPx, dy = r.nextGaussian() * sigmaPx;
			double fx = px[3 * i] + dx, fy = px[3 * i + 1] + dy;
			double[] m = p.pixelToMillimetre(fx, fy);
			obsPx[3 * i] = fx;
			obsPx[3 * i + 1] = fy;
			obsMm[3 * i] = m[0];
			obsMm[3 * i + 1] = m[1];
			double sz = sigmaImages > 0 ? r.nextGaussian() * sigmaImages : 0;
			obsPx[3 * i + 2] = px[3 * i + 2] + sz;
			double osc = e.scan() == null ? 0 : Math.toRadians(e.scan().oscillationWidth());
			obsMm[3 * i + 2] = mm[3 * i + 2] + sz * osc;
			double vpx = Math.max(sigmaPx * sigmaPx, 1e-4);
			varPx[3 * i] = varPx[3 * i + 1] = vpx;
			varPx[3 * i + 2] = Math.max(sigmaImages * sigmaImages, 1e-4);
			varMm[3 * i] = varMm[3 * i + 1] = vpx * ps * ps;
			varMm[3 * i + 2] = e.scan() == null ? 0 : varPx[3 * i + 2] * osc * osc;
		}
		t.put(Columns.XYZOBS_MM_VALUE, obsMm);
		t.put(Columns.XYZOBS_PX_VALUE, obsPx);
		t.put(Columns.XYZOBS_MM_VARIANCE, varMm);
		t.put(Columns.XYZOBS_PX_VARIANCE, varPx);
		long[] fl = t.get(Columns.FLAGS);
		for (int i = 0; i < n; i++) fl[i] |= ReflectionFlag.INDEXED.mask() | ReflectionFlag.STRONG.mask();
		return t;
	}

	static SpaceGroup sg(String hall) { return SpaceGroup.fromHall(hall); }
}
