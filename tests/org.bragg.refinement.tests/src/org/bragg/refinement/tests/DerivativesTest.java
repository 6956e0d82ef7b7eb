package org.bragg.refinement.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.params.Phil;
import org.bragg.refinement.RefinementParameters;
import org.bragg.refinement.internal.Configure;
import org.bragg.refinement.internal.PredictionModel;
import org.junit.jupiter.api.Test;

/** Analytic derivatives of X, Y, φ (ΔΨ) against central finite differences, for every parameterisation. */
class DerivativesTest {

	private static RefinementParameters params(String... args) throws Exception {
		return Phil.parse(List.of(args), RefinementParameters.class).params();
	}

	/** Checks every column of the Jacobian; returns the worst relative error. */
	private static double check(ExperimentList el, ReflectionTable obs, RefinementParameters p, boolean sv, boolean stills, long seed) throws Exception {
		Configure.Built b = Configure.build(el, p.parameterisation(), sv, stills, null);
		PredictionModel m = b.model;
		double[] x = m.getParams();
		Random r = new Random(seed);
		List<String> names = m.names();
		for (int k = 0; k < x.length; k++) {
			// move away from the initial point so that cross terms matter
			String nm = names.get(k);
			double s = nm.contains("Dist") || nm.contains("Shift") ? 0.3 : nm.contains("g_param") ? Math.abs(x[k]) * 2e-3 : nm.contains("nu") ? 1e-3 * x[k] : 2.0;
			x[k] += s * r.nextGaussian();
		}
		m.setParams(x);
		if (!stills) obs = awayFromSpindle(el, obs);
		PredictionModel.Obs o = PredictionModel.obs(obs, null);
		PredictionModel.Pred a = m.predict(o, true, true);
		int n = o.n, np = x.length;
		double worst = 0;
		for (int k = 0; k < np; k++) {
			String nm = names.get(k);
			double h = nm.contains("g_param") ? 1e-4 : nm.contains("nu") ? 1e-7 : 1e-4;
			double[] xp = x.clone(), xm = x.clone();
			xp[k] += h;
			xm[k] -= h;
			m.setParams(xp);
			PredictionModel.Pred fp = m.predict(o, false, true);
			m.setParams(xm);
			PredictionModel.Pred fm = m.predict(o, false, true);
			m.setParams(x);
			double[][] an = { a.dX, a.dY, a.dZ };
			double[][] pl = { fp.xc, fp.yc, fp.zc }, mi = { fm.xc, fm.yc, fm.zc };
			for (int c = 0; c < 3; c++) {
				double scale = 0;
				for (int i = 0; i < n; i++) if (a.ok[i]) scale = Math.max(scale, Math.abs(an[c][i * np + k]));
				double err = 0;
				for (int i = 0; i < n; i++) {
					if (!a.ok[i] || !fp.ok[i] || !fm.ok[i]) continue;
					double fd = (pl[c][i] - mi[c][i]) / (2 * h);
					err = Math.max(err, Math.abs(fd - an[c][i * np + k]));
				}
				double rel = scale == 0 ? err : err / scale;
				if (scale < 1e-12 && err < 1e-9) rel = 0;
				assertTrue(rel < 2e-4, "parameter " + nm + " component " + "XYZ".charAt(c) + ": max |analytic − FD| = " + err + " (scale " + scale + ")");
				worst = Math.max(worst, rel);
			}
		}
		return worst;
	}

	/** Drops reflections close to the spindle (as refinement does): there φ is ill-determined and very non-linear. */
	static ReflectionTable awayFromSpindle(ExperimentList el, ReflectionTable t) {
		double[] s1 = t.get(org.bragg.model.reflection.Columns.S1);
		org.bragg.model.Experiment e = el.get(0);
		org.bragg.model.Vec3 axis = e.goniometer().settingRotation().times(e.goniometer().rotationAxis());
		org.bragg.model.Vec3 s0 = e.beam().s0();
		boolean[] keep = new boolean[t.size()];
		for (int i = 0; i < keep.length; i++) {
			org.bragg.model.Vec3 v = new org.bragg.model.Vec3(s1[3 * i], s1[3 * i + 1], s1[3 * i + 2]);
			keep[i] = Math.abs(v.cross(s0).dot(axis)) > 0.02 * s0.lengthSq();
		}
		return t.select(keep);
	}

	@Test
	void staticRotationAllParameterisations() throws Exception {
		Crystal c = Synthetic.crystal(new double[] { 41.9, 52.3, 63.1, 90, 101.5, 90 }, " P 2y", 3);
		ExperimentList el = ExperimentList.of(Synthetic.rotation(Synthetic.singlePanel(150, true), c, 0.9795, 60, 0.5));
		ReflectionTable obs = Synthetic.observe(el, 2.5, 0, 0, 1);
		RefinementParameters p = params("beam.fix=None", "goniometer.fix=None");
		double w = check(el, obs, p, false, false, 11);
		System.out.println("static rotation: worst relative derivative error " + w + " over " + obs.size() + " reflections");
	}

	@Test
	void scanVaryingRotation() throws Exception {
		Crystal c = Synthetic.crystal(new double[] { 60, 60, 90, 90, 90, 120 }, " P 6", 5);
		ExperimentList el = ExperimentList.of(Synthetic.rotation(Synthetic.singlePanel(180, false), c, 1.0, 100, 1.0));
		ReflectionTable obs = Synthetic.observe(el, 3.0, 0, 0, 2);
		RefinementParameters p = params("beam.force_static=False", "beam.fix=wavelength", "beam.smoother.absolute_num_intervals=4", "orientation.smoother.absolute_num_intervals=4", "unit_cell.smoother.absolute_num_intervals=3");
		double w = check(el, obs, p, true, false, 12);
		System.out.println("scan-varying rotation: worst relative derivative error " + w);
	}

	@Test
	void multiPanelHierarchy() throws Exception {
		Crystal c = Synthetic.crystal(new double[] { 63.4, 63.4, 83.8, 90, 90, 120 }, " P 6", 7);
		Detector quad = Synthetic.quad(1600);
		ExperimentList el = ExperimentList.of(Synthetic.rotation(quad, c, 0.0251, 60, 0.3));
		ReflectionTable obs = Synthetic.observe(el, 2.5, 0, 0, 3);
		check(el, obs, params("detector.panels=hierarchical", "hierarchy_level=1"), false, false, 13);
		check(el, obs, params(), false, false, 14);
	}

	@Test
	void stills() throws Exception {
		Crystal c = Synthetic.crystal(new double[] { 57.8, 57.8, 150, 90, 90, 90 }, " P 4nw 2abw", 9);
		ExperimentList el = ExperimentList.of(Synthetic.still(Synthetic.singlePanel(200, false), c, 0.97));
		ReflectionTable obs = Synthetic.observe(el, 2.0, 0, 0, 4);
		assertTrue(obs.size() > 50, "stills prediction gave " + obs.size());
		double w = check(el, obs, params("beam.fix=None"), false, true, 15);
		System.out.println("stills: worst relative derivative error " + w + " over " + obs.size() + " reflections");
	}
}
