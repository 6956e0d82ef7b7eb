package org.bragg.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;
import org.junit.jupiter.api.Test;

/** The scaler recovers a known scale(φ)·exp(B(φ)/2d²) and error model from synthetic observations on the 1a8o sweep. */
class ScalerTest {
	@Test
	void recoversScaleDecayAndErrorModel() throws Exception {
		ExperimentList el = Fixtures.experiments();
		SpaceGroup sg = SpaceGroup.fromHall(el.get(0).crystal().spaceGroupHall());
		UnitCell cell = UnitCell.of(el.get(0).crystal().unitCellParameters());
		Random r = new Random(11);
		int nu = 3000, per = 4, n = nu * per;
		ReflectionTable t = new ReflectionTable(n);
		int[] hkl = t.create(Columns.MILLER_INDEX);
		double[] xyz = t.create(Columns.XYZOBS_PX_VALUE), iv = t.create(Columns.INTENSITY_PRF_VALUE), vv = t.create(Columns.INTENSITY_PRF_VARIANCE);
		double[] lp = t.create(Columns.LP), qe = t.create(Columns.QE), part = t.create(Columns.PARTIALITY);
		long[] flags = t.create(Columns.FLAGS);
		t.create(Columns.ID);
		double[] gTrue = new double[n], iTrue = new double[n];
		double aTrue = 1.5;
		int k = 0;
		java.util.Set<Long> seen = new java.util.HashSet<>();
		while (k < n) {
			int h = r.nextInt(30), kk = r.nextInt(30), l = 1 + r.nextInt(60);
			var asu = sg.toAsu(h, kk, l);
			double ds = cell.dStarSq(h, kk, l);
			if (ds > 0.4 || !seen.add(Fixtures.key(asu.h(), asu.k(), asu.l()))) continue;
			double it = 2000 * Math.exp(-10 * ds) * -Math.log(1 - r.nextDouble()) + 1;
			for (int j = 0; j < per; j++, k++) {
				int isym = 1 + r.nextInt(2 * sg.symOps().size());
				int[] o = sg.fromAsu(asu.h(), asu.k(), asu.l(), isym);
				System.arraycopy(o, 0, hkl, 3 * k, 3);
				double z = 60 * r.nextDouble(), phi = el.get(0).scan().angleFromArrayIndex(z);
				double B = -3.0 * phi / 30.0;
				gTrue[k] = (1 + 0.15 * Math.sin(phi / 8)) * Math.exp(B * ds / 2);
				iTrue[k] = it;
				double mean = gTrue[k] * it, var = mean + 20;
				iv[k] = mean + aTrue * Math.sqrt(var) * r.nextGaussian();
				vv[k] = var;
				xyz[3 * k] = 100; xyz[3 * k + 1] = 100; xyz[3 * k + 2] = z;
				lp[k] = 1; qe[k] = 1; part[k] = 1;
				flags[k] = ReflectionFlag.INTEGRATED_PRF.mask() | ReflectionFlag.INTEGRATED_SUM.mask();
			}
		}
		List<String> log = new ArrayList<>();
		Scaler.Result res = Scaler.scale(el, t, ScalingParameters.defaults(), log::add);
		log.forEach(System.out::println);
		double[] g = res.reflections().get(Columns.INVERSE_SCALE_FACTOR);
		// g is determined up to an overall factor and an overall B (both absorbed by <I_h>): fit
		// ln(g/g_true) = c0 + c1·d*² and require the rest to be small
		double s0 = 0, s1 = 0, s2 = 0, sy = 0, sxy = 0;
		double[] y = new double[n], x = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = cell.dStarSq(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2]);
			y[i] = Math.log(g[i] / gTrue[i]);
			s0++; s1 += x[i]; s2 += x[i] * x[i]; sy += y[i]; sxy += x[i] * y[i];
		}
		double c1 = (s0 * sxy - s1 * sy) / (s0 * s2 - s1 * s1), c0 = (sy - c1 * s1) / s0, rss = 0;
		for (int i = 0; i < n; i++) rss += Math.pow(y[i] - c0 - c1 * x[i], 2);
		double rel = Math.sqrt(rss / n);
		System.out.printf("ln(g/g_true) = %.4f + %.4f d*², rms rest %.4f; error model a=%.3f b=%.4f; outliers %d%n", c0, c1, rel, res.errorA(), res.errorB(), res.nOutliers());
		assertTrue(rel < 0.01, "rms of ln(g/g_true) after removing overall scale and B: " + rel);
		// DIALS's normalised deviation carries √((n−1)/n), so the fitted a is a_true·(n−1)/n for n = 4
		assertEquals(aTrue * (per - 1) / per, res.errorA(), 0.05);
		assertTrue(res.errorB() < 0.01, "b " + res.errorB());
		assertTrue(res.nOutliers() < n / 200, "outliers " + res.nOutliers());
		// merged intensities against the truth
		MergedData m = Merger.merge(Observations.fromReflections(res.experiments(), res.reflections()));
		assertEquals(nu, m.size());
		assertTrue(res.experiments().get(0).scalingModel().containsKey("scale"));
	}
}
