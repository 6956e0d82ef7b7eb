package org.bragg.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Merging statistics of DIALS's scaled 1a8o observations against dials.merge's output for the same data
 * (DIALS 3.12; numbers recorded from merge.out of the run that made the fixture).
 */
class MergingStatisticsTest {
	// dials.merge: d_max d_min #obs #uniq mult %comp <I> <I/sI> r_mrg r_meas r_pim r_anom cc1/2 (20 shells + overall)
	static final double[][] DIALS = {
			{ 30.53, 3.96, 1491, 625, 2.39, 73.19, 2575.4, 113.8, 0.013, 0.015, 0.009, 0.018, 1.000 },
			{ 3.96, 3.14, 1630, 641, 2.54, 83.57, 1822.0, 108.4, 0.014, 0.017, 0.009, 0.022, 0.999 },
			{ 3.14, 2.75, 1496, 646, 2.32, 86.25, 806.0, 88.9, 0.016, 0.020, 0.012, 0.024, 0.999 },
			{ 2.75, 2.50, 1403, 655, 2.14, 88.51, 473.1, 72.7, 0.019, 0.024, 0.015, 0.031, 0.999 },
			{ 2.50, 2.32, 1542, 640, 2.41, 87.79, 331.5, 63.6, 0.023, 0.028, 0.017, 0.033, 0.999 },
			{ 2.32, 2.18, 1554, 656, 2.37, 88.89, 230.1, 52.7, 0.027, 0.034, 0.020, 0.042, 0.998 },
			{ 2.18, 2.07, 1597, 661, 2.42, 90.67, 154.9, 44.6, 0.033, 0.042, 0.025, 0.051, 0.997 },
			{ 2.07, 1.98, 1583, 649, 2.44, 91.54, 106.9, 36.5, 0.041, 0.051, 0.030, 0.063, 0.996 },
			{ 1.98, 1.90, 1596, 666, 2.40, 92.50, 69.0, 27.7, 0.049, 0.062, 0.036, 0.074, 0.995 },
			{ 1.90, 1.84, 1507, 658, 2.29, 90.88, 53.5, 23.0, 0.058, 0.074, 0.044, 0.087, 0.992 },
			{ 1.84, 1.78, 1169, 628, 1.86, 87.71, 38.4, 16.6, 0.072, 0.095, 0.061, 0.131, 0.985 },
			{ 1.78, 1.73, 872, 572, 1.52, 79.67, 29.6, 12.9, 0.067, 0.094, 0.066, 0.128, 0.985 },
			{ 1.73, 1.68, 676, 501, 1.35, 70.96, 25.5, 11.0, 0.076, 0.107, 0.076, 0.151, 0.977 },
			{ 1.68, 1.64, 567, 446, 1.27, 62.55, 18.1, 8.2, 0.106, 0.150, 0.106, 0.213, 0.967 },
			{ 1.64, 1.61, 420, 351, 1.20, 50.65, 15.3, 7.1, 0.087, 0.124, 0.087, 0.176, 0.982 },
			{ 1.61, 1.57, 355, 306, 1.16, 42.98, 12.6, 6.2, 0.121, 0.171, 0.121, 0.242, 0.948 },
			{ 1.57, 1.54, 262, 242, 1.08, 33.61, 9.8, 4.8, 0.211, 0.298, 0.211, 0.433, 0.726 },
			{ 1.54, 1.51, 163, 157, 1.04, 22.72, 6.8, 3.4, 0.144, 0.204, 0.144, 0.290, 0.962 },
			{ 1.51, 1.48, 102, 101, 1.01, 14.25, 2.7, 1.4, 0.579, 0.819, 0.579, 1.273, 0.000 },
			{ 1.48, 1.46, 37, 37, 1.00, 5.18, -0.5, -0.3, 0.000, 0.000, 0.000, 0.000, 0.000 } };

	@Test
	void overallMatchesDialsMerge() throws Exception {
		MergingStatistics s = MergingStatistics.compute(Fixtures.dialsScaled());
		MergingStatistics.Shell o = s.overall();
		System.out.println(s.formatShellTable());
		System.out.println(s.formatSummary());
		assertEquals(20022, o.nObs());
		assertEquals(9838, o.nUnique());
		assertEquals(67.58, 100 * o.completeness(), 0.05);
		assertEquals(2.04, o.multiplicity(), 0.005);
		assertEquals(437.0, o.meanI(), 0.5);
		assertEquals(44.8, o.meanIOverSigma(), 0.1);
		assertEquals(0.017, o.rMerge(), 0.0006);
		assertEquals(0.021, o.rMeas(), 0.0006);
		assertEquals(0.012, o.rPim(), 0.0006);
		assertEquals(0.015, o.rMergePM(), 0.0006);
		assertEquals(0.020, o.rMeasPM(), 0.0006);
		assertEquals(0.013, o.rPimPM(), 0.0006);
		assertEquals(0.027, o.rAnom(), 0.0006);
		assertEquals(40.1, 100 * o.anomCompleteness(), 0.1);
		assertEquals(1.4, o.anomMultiplicity(), 0.05);
		assertTrue(o.ccHalf() >= 0.999, "CC½ " + o.ccHalf());
		assertTrue(o.ccHalfSigmaTau() >= 0.999, "CC½ σ-τ " + o.ccHalfSigmaTau());
		assertTrue(o.ccStar() >= 0.9995);
		assertEquals(1.46, o.dMin(), 0.005);
		assertEquals(30.52, o.dMax(), 0.01);
	}

	@Test
	void shellsMatchDialsMerge() throws Exception {
		MergingStatistics s = MergingStatistics.compute(Fixtures.dialsScaled());
		assertEquals(20, s.shells().size());
		for (int i = 0; i < 20; i++) {
			MergingStatistics.Shell x = s.shells().get(i);
			double[] d = DIALS[i];
			String at = "shell " + i + " (" + d[0] + "-" + d[1] + " Å)";
			assertEquals(d[1], x.dMin(), 0.006, at + " d_min");
			assertEquals(d[2], x.nObs(), 0.02 * d[2] + 3, at + " #obs");
			assertEquals(d[3], x.nUnique(), 0.02 * d[3] + 3, at + " #uniq");
			assertEquals(d[5], 100 * x.completeness(), 0.6, at + " completeness");
			assertEquals(d[4], x.multiplicity(), 0.03, at + " multiplicity");
			assertEquals(d[7], x.meanIOverSigma(), 0.01 * d[7] + 0.15, at + " I/sigma");
			assertEquals(d[8], x.rMerge(), 0.003, at + " Rmerge");
			assertEquals(d[10], x.rPim(), 0.003, at + " Rpim");
			assertEquals(d[12], x.ccHalf(), d[12] > 0.99 ? 0.003 : 0.05, at + " CC½");
		}
	}

	/** CC between merged IMEAN and the simulation's true intensities (DIALS: 0.9997). */
	@Test
	void mergedIntensitiesCorrelateWithTruth() throws Exception {
		Observations obs = Fixtures.dialsScaled();
		MergedData m = Merger.merge(obs);
		Map<Long, Double> truth = Fixtures.truth(obs.spaceGroup);
		List<double[]> xy = new ArrayList<>();
		for (int i = 0; i < m.size(); i++) {
			Double t = truth.get(Fixtures.key(m.hkl()[3 * i], m.hkl()[3 * i + 1], m.hkl()[3 * i + 2]));
			if (t != null) xy.add(new double[] { m.iMean()[i], t });
		}
		double cc = MergingStatistics.pearson(xy);
		System.out.printf("CC(IMEAN, truth) = %.5f over %d reflections%n", cc, xy.size());
		assertTrue(xy.size() > 9000, "matched " + xy.size());
		assertTrue(cc >= 0.999, "CC(IMEAN, truth) = " + cc);
	}

	/** Synthetic data with known CC½: equal true intensities per group make σ-τ and half-split agree with theory. */
	@Test
	void ccHalfOnSyntheticData() {
		java.util.Random r = new java.util.Random(5);
		int ng = 4000, per = 4;
		int[] hkl = new int[3 * ng * per];
		double[] in = new double[ng * per], v = new double[ng * per];
		var sg = org.bragg.model.symmetry.SpaceGroup.p1();
		var cell = org.bragg.model.symmetry.UnitCell.of(100, 100, 100, 90, 90, 90);
		int n = 0;
		for (int g = 0; g < ng; g++) {
			int h = 1 + g % 20, k = (g / 20) % 20, l = g / 400;
			double t = 100 * r.nextGaussian() + 1000;
			for (int j = 0; j < per; j++, n++) {
				hkl[3 * n] = h; hkl[3 * n + 1] = k; hkl[3 * n + 2] = l;
				in[n] = t + 100 * r.nextGaussian();
				v[n] = 100 * 100;
			}
		}
		MergingStatistics s = MergingStatistics.compute(new Observations(sg, cell, hkl, in, v, null), 1, 1L);
		// half of 4 observations: error var of a half mean = 100²/2 → CC½ = 1/(1 + 0.5) = 2/3
		assertEquals(2.0 / 3, s.overall().ccHalfSigmaTau(), 0.03);
		assertEquals(2.0 / 3, s.overall().ccHalf(), 0.03);
		assertEquals(4.0, s.overall().multiplicity(), 1e-12);
	}

	@Test
	void resolutionEstimateFromCcHalf() throws Exception {
		Observations obs = Fixtures.dialsScaled();
		ResolutionEstimate.Fit f = ResolutionEstimate.ccHalf(MergingStatistics.compute(obs, 100, 0L), 0.3);
		System.out.printf("CC½ tanh fit: s0=%.4f r=%.4f d_min=%.3f%n", f.s0(), f.r(), f.dMin());
		// CC½ stays high to ~1.55 Å and collapses only in the last, nearly empty shells
		assertTrue(f.dMin() >= 1.46 && f.dMin() <= 1.62, "d_min " + f.dMin());
	}

	@Test
	void studentT() {
		assertEquals(0.975, StudentT.cdf(2.228, 10), 1e-4);
		assertEquals(2.7638, StudentT.quantile(0.99, 10), 1e-3);
	}
}
