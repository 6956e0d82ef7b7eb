package org.bragg.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;
import org.bragg.scaling.internal.SphericalHarmonics;
import org.junit.jupiter.api.Test;

/** Absorption surface of the physical model: harmonics, recovery of a known modulation, and the stored model. */
class AbsorptionTest {

	@Test
	void realHarmonicsAreOrthonormalAndMatchClosedForms() {
		int lmax = 4, nt = SphericalHarmonics.numTerms(lmax);
		assertEquals(24, nt);
		double[][] gram = new double[nt][nt];
		int nTh = 200, nPh = 400;
		double[] y = new double[nt];
		for (int i = 0; i < nTh; i++) {
			double th = Math.PI * (i + 0.5) / nTh, dA = Math.sin(th) * (Math.PI / nTh) * (2 * Math.PI / nPh);
			for (int j = 0; j < nPh; j++) {
				SphericalHarmonics.evaluate(lmax, th, 2 * Math.PI * (j + 0.5) / nPh, 1, false, y, 0);
				for (int a = 0; a < nt; a++) for (int b = 0; b < nt; b++) gram[a][b] += y[a] * y[b] * dA;
			}
		}
		for (int a = 0; a < nt; a++) for (int b = 0; b < nt; b++) assertEquals(a == b ? 1 : 0, gram[a][b], 1e-3, "Gram[" + a + "][" + b + "]");
		// l = 1: order m = -1, 0, 1 -> sqrt(3/4pi) (sin th sin ph, cos th, sin th cos ph)
		double th = 0.7, ph = 1.3, c = Math.sqrt(3 / (4 * Math.PI));
		SphericalHarmonics.evaluate(lmax, th, ph, 1, false, y, 0);
		assertEquals(c * Math.sin(th) * Math.sin(ph), y[0], 1e-12);
		assertEquals(c * Math.cos(th), y[1], 1e-12);
		assertEquals(c * Math.sin(th) * Math.cos(ph), y[2], 1e-12);
		// l = 2, m = 0: sqrt(5/16pi)(3cos²θ − 1)
		assertEquals(Math.sqrt(5 / (16 * Math.PI)) * (3 * Math.cos(th) * Math.cos(th) - 1), y[5], 1e-12);
	}

	/** Reference values: DIALS 3.12 {@code dials.algorithms.scaling.plots._get_smooth_plotting_data_from_model} on the fixture. */
	@Test
	void evaluatesDialsModelAsDialsPlotsIt() throws Exception {
		PhysicalModel m = PhysicalModel.of(Fixtures.experiments().get(0));
		assertEquals(List.of("scale", "decay"), m.corrections());
		assertNull(m.absorptionParameters());
		double[] phi = { 0.0, 7.324415, 15.050167, 30.0 };
		double[] scale = { 1.0803353391028139, 1.0738886927232858, 1.0408454810868952, 0.9530573223590987 };
		double[] b = { 0.7977301526417112, 0.5138777234269672, -0.007250951388765715, -0.7153780082863247 };
		for (int i = 0; i < phi.length; i++) {
			assertEquals(scale[i], m.scaleAt(phi[i]), 1e-6, "scale at " + phi[i]);
			assertEquals(b[i], m.bAt(phi[i]), 1e-5, "B at " + phi[i]);
		}
		assertEquals(-3.75, m.scaleParameterPhi()[0], 1e-9);
		assertEquals(34.99999999999999, m.decayParameterPhi()[4], 1e-9);
		assertEquals(1.0, m.absorptionAt(0.3, 0.2), 0);
	}

	@Test
	void recoversAbsorptionModulationAndStoresTheModel() throws Exception {
		ExperimentList el = Fixtures.experiments();
		Experiment e = el.get(0);
		SpaceGroup sg = SpaceGroup.fromHall(e.crystal().spaceGroupHall());
		UnitCell cell = UnitCell.of(e.crystal().unitCellParameters());
		Random r = new Random(5);
		int nu = 3000, per = 4, n = nu * per;
		ReflectionTable t = new ReflectionTable(n);
		int[] hkl = t.create(Columns.MILLER_INDEX);
		double[] xyz = t.create(Columns.XYZOBS_PX_VALUE), s1 = t.create(Columns.S1), iv = t.create(Columns.INTENSITY_PRF_VALUE), vv = t.create(Columns.INTENSITY_PRF_VARIANCE);
		double[] lp = t.create(Columns.LP), qe = t.create(Columns.QE), part = t.create(Columns.PARTIALITY);
		long[] flags = t.create(Columns.FLAGS);
		t.create(Columns.ID);
		double[] aTrue = new double[n], s0c = new double[3], s1c = new double[3];
		Vec3 beam = e.beam().unitS0().negate(); // sample -> source
		int k = 0;
		java.util.Set<Long> seen = new java.util.HashSet<>();
		while (k < n) {
			int h = r.nextInt(30), kk = r.nextInt(30), l = 1 + r.nextInt(60);
			var asu = sg.toAsu(h, kk, l);
			double ds = cell.dStarSq(h, kk, l);
			if (ds > 0.4 || !seen.add(Fixtures.key(asu.h(), asu.k(), asu.l()))) continue;
			double it = 2000 * Math.exp(-10 * ds) * -Math.log(1 - r.nextDouble()) + 50;
			for (int j = 0; j < per; j++, k++) {
				int[] o = sg.fromAsu(asu.h(), asu.k(), asu.l(), 1 + r.nextInt(2 * sg.symOps().size()));
				System.arraycopy(o, 0, hkl, 3 * k, 3);
				double z = 60 * r.nextDouble(), phi = e.scan().angleFromArrayIndex(z);
				// a diffracted direction within 60° of the beam
				Vec3 dir = e.beam().unitS0().plus(new Vec3(r.nextGaussian(), r.nextGaussian(), r.nextGaussian()).times(0.5)).normalize();
				s1[3 * k] = dir.x(); s1[3 * k + 1] = dir.y(); s1[3 * k + 2] = dir.z();
				Mat3 rInv = e.goniometer().rotationAt(Math.toRadians(phi)).transpose();
				Vec3 a = rInv.times(beam), b = rInv.times(dir);
				s0c[0] = a.x(); s0c[1] = a.y(); s0c[2] = a.z();
				s1c[0] = b.x(); s1c[1] = b.y(); s1c[2] = b.z();
				// absorption-like modulation: 1 + ½(f(s0c) + f(s1c)), f a smooth l <= 2 surface with ±10% range
				aTrue[k] = 1 + 0.5 * (f(s0c) + f(s1c));
				double g = (1 + 0.1 * Math.sin(phi / 8)) * aTrue[k];
				aTrue[k] = g; // compare the whole inverse scale (the s0c half of A is a function of φ, shared with the scale term)
				double mean = g * it, var = mean + 20;
				iv[k] = mean + Math.sqrt(var) * r.nextGaussian();
				vv[k] = var;
				xyz[3 * k] = 100; xyz[3 * k + 1] = 100; xyz[3 * k + 2] = z;
				lp[k] = 1; qe[k] = 1; part[k] = 1;
				flags[k] = ReflectionFlag.INTEGRATED_PRF.mask() | ReflectionFlag.INTEGRATED_SUM.mask();
			}
		}
		ScalingParameters base = ScalingParameters.defaults();
		// 30° sweep: DIALS's auto rule leaves absorption off
		assertTrue(!base.absorptionFor(30) && base.absorptionFor(90));
		ScalingParameters on = new ScalingParameters(0, 0, 0.1, Optional.empty(), Optional.of(ScalingParameters.AbsorptionLevel.HIGH), 0, 0,
				ScalingParameters.IntensityChoice.COMBINE, false,
				java.util.OptionalDouble.empty(), 6.0, 2, true);
		List<String> log = new ArrayList<>();
		Scaler.Result withAbs = Scaler.scale(el, t, on, log::add);
		Scaler.Result without = Scaler.scale(el, t, base, log::add);
		double rmsWith = residual(withAbs, aTrue, cell, hkl), rmsWithout = residual(without, aTrue, cell, hkl);
		System.out.printf("rms of ln(g/g_true) with absorption %.4f, without %.4f%n", rmsWith, rmsWithout);
		assertTrue(rmsWith < 0.01, "absorption not recovered: rms " + rmsWith);
		assertTrue(rmsWith < 0.5 * rmsWithout, "absorption term does not help: " + rmsWith + " vs " + rmsWithout);

		// the stored model: DIALS layout, round trip, and evaluation consistent with the inverse scale factors
		Map<String, Object> sm = withAbs.experiments().get(0).scalingModel();
		assertEquals("physical", sm.get("__id__"));
		@SuppressWarnings("unchecked") Map<String, Object> cfg = (Map<String, Object>) sm.get("configuration_parameters");
		assertEquals(List.of("scale", "decay", "absorption"), cfg.get("corrections"));
		assertEquals(6, cfg.get("lmax"));
		assertEquals(5e3, (Double) cfg.get("abs_surface_weight"), 0);
		@SuppressWarnings("unchecked") Map<String, Object> abs = (Map<String, Object>) sm.get("absorption");
		assertEquals(48, abs.get("n_parameters"));
		assertNotNull(abs.get("est_standard_devs"));
		PhysicalModel pm = PhysicalModel.of(withAbs.experiments().get(0));
		assertEquals(48, pm.absorptionParameters().length);
		double[] isf = withAbs.reflections().get(Columns.INVERSE_SCALE_FACTOR);
		double maxDev = 0;
		for (int q = 0; q < n; q += 97) {
			double phi = e.scan().angleFromArrayIndex(xyz[3 * q + 2]);
			Mat3 rInv = e.goniometer().rotationAt(Math.toRadians(phi)).transpose();
			Vec3 a = rInv.times(beam), b = rInv.times(new Vec3(s1[3 * q], s1[3 * q + 1], s1[3 * q + 2]));
			double g = pm.inverseScale(phi, cell.dStarSq(hkl[3 * q], hkl[3 * q + 1], hkl[3 * q + 2]), a.toArray(), b.toArray());
			maxDev = Math.max(maxDev, Math.abs(g / isf[q] - 1));
		}
		// the API evaluates in DIALS's plot coordinate (no 0.999 factor, no data-minimum shift)
		assertTrue(maxDev < 0.01, "model evaluation vs inverse_scale_factor: " + maxDev);
		double[][] surf = pm.absorptionSurface(100, 50);
		assertEquals(100, surf.length);
		assertEquals(50, surf[0].length);
	}

	/** f(v) on unit vectors: 0.12·v_x + 0.08·(3v_z² − 1)/2. */
	private static double f(double[] v) { return 0.12 * v[0] + 0.08 * (3 * v[2] * v[2] - 1) / 2; }

	/** rms of ln(g/g_true) after removing the best overall c0 + c1·d*² (both absorbed by ⟨I_h⟩). */
	private static double residual(Scaler.Result res, double[] gTrue, UnitCell cell, int[] hkl) {
		double[] g = res.reflections().get(Columns.INVERSE_SCALE_FACTOR);
		int n = g.length;
		double s0 = 0, s1 = 0, s2 = 0, sy = 0, sxy = 0;
		double[] y = new double[n], x = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = cell.dStarSq(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2]);
			y[i] = Math.log(g[i] / gTrue[i]);
			s0++; s1 += x[i]; s2 += x[i] * x[i]; sy += y[i]; sxy += x[i] * y[i];
		}
		double c1 = (s0 * sxy - s1 * sy) / (s0 * s2 - s1 * s1), c0 = (sy - c1 * s1) / s0, rss = 0;
		for (int i = 0; i < n; i++) rss += Math.pow(y[i] - c0 - c1 * x[i], 2);
		return Math.sqrt(rss / n);
	}
}
