package org.bragg.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Anomalous slope, dF/F and dI/s(dI) as cctbx defines them (iotbx merging statistics with anomalous=True). */
class AnomalousStatisticsTest {

	@Test
	void normalQuantiles() {
		assertEquals(0, MergingStatistics.inverseNormal(0.5), 1e-12);
		assertEquals(1.2815515655446004, MergingStatistics.inverseNormal(0.9), 1e-8);
		assertEquals(-1.959963984540054, MergingStatistics.inverseNormal(0.025), 1e-8);
		assertEquals(-3.090232306167813, MergingStatistics.inverseNormal(0.001), 1e-8);
	}

	@Test
	void pureNoiseGivesUnitSlopeAndHalfNormalMean() {
		Random r = new Random(3);
		List<double[]> pairs = new ArrayList<>();
		for (int i = 0; i < 40000; i++) {
			double truth = 1000 * r.nextDouble(), sp = 5 + 20 * r.nextDouble(), sm = 5 + 20 * r.nextDouble();
			pairs.add(new double[] { truth + sp * r.nextGaussian(), sp, truth + sm * r.nextGaussian(), sm });
		}
		double[] a = MergingStatistics.anomalousSignal(pairs);
		assertEquals(1.0, a[0], 0.03, "slope");
		// E|ΔI| / E σ(ΔI) for Gaussian ΔI ~ N(0, σ²): √(2/π) when σ is constant; here σ varies, so compare with the sample value
		double num = 0, den = 0;
		for (double[] q : pairs) { double s = Math.sqrt(q[1] * q[1] + q[3] * q[3]); num += Math.sqrt(2 / Math.PI) * s; den += s; }
		assertEquals(num / den, a[2], 0.01, "dI/s(dI)");
		assertTrue(a[1] > 0 && a[1] < 0.05, "dF/F " + a[1]);
	}

	@Test
	void realAnomalousDifferencesSteepenTheSlope() {
		Random r = new Random(4);
		List<double[]> pairs = new ArrayList<>();
		for (int i = 0; i < 20000; i++) {
			double d = 30 * r.nextGaussian(); // true Bijvoet difference, σ(ΔI) = 10·√2
			pairs.add(new double[] { 500 + d / 2 + 10 * r.nextGaussian(), 10, 500 - d / 2 + 10 * r.nextGaussian(), 10 });
		}
		double[] a = MergingStatistics.anomalousSignal(pairs);
		// ΔI/σ ~ N(0, (30² + 2·10²)/(2·10²)) -> slope √5.5
		assertEquals(Math.sqrt(5.5), a[0], 0.08, "slope");
	}

	@Test
	void dfOverFOfExactPairs() {
		List<double[]> pairs = new ArrayList<>();
		for (int i = 0; i < 10; i++) pairs.add(new double[] { 1.21 * (i + 1), 0.1, 0.81 * (i + 1), 0.1 });
		pairs.add(new double[] { -5, 1, 3, 1 }); // a negative intensity: left out of dF/F
		double[] a = MergingStatistics.anomalousSignal(pairs);
		double sd = 0, ss = 0;
		for (int i = 0; i < 10; i++) { double fp = Math.sqrt(1.21 * (i + 1)), fm = Math.sqrt(0.81 * (i + 1)); sd += (fp - fm) * (fp - fm); ss += fp * fp + fm * fm; }
		assertEquals(Math.sqrt(2 * sd / ss), a[1], 1e-12);
		assertEquals(Math.sqrt(2 * 0.04 / 2.02), a[1], 1e-12);
	}

	@Test
	void shellsOfDialsScaledData() throws Exception {
		MergingStatistics s = MergingStatistics.compute(Fixtures.dialsScaled());
		MergingStatistics.Shell o = s.overall();
		// dials.merge on the same data (dials_reference/log_merge.txt): slope 1.703, dF/F 0.023, dI/s(dI) 1.428
		assertEquals(1.703, o.anomSlope(), 0.05);
		assertEquals(0.023, o.anomSignal(), 0.002);
		assertEquals(1.428, o.dIOverSigDI(), 0.03);
		String table = s.formatSummary();
		assertTrue(table.contains("Anomalous slope") && table.contains("dF/F") && table.contains("dI/s(dI)"), table);
	}

	@Test
	void anomalousScalingGroupsSeparateBijvoetHalves() throws Exception {
		Observations o = Fixtures.dialsScaled();
		Scaler.Groups plain = new Scaler.Groups(o, false), anom = new Scaler.Groups(o, true);
		assertEquals(o.numGroups(), plain.count());
		int expected = 0;
		for (int g = 0; g < o.numGroups(); g++) {
			boolean p = false, m = false;
			for (int k = o.groupStart[g]; k < o.groupStart[g + 1]; k++) { if (o.plus[k]) p = true; else m = true; }
			expected += (p ? 1 : 0) + (m ? 1 : 0);
		}
		assertEquals(expected, anom.count());
		assertTrue(anom.count() > plain.count());
		for (int g = 0; g < anom.count(); g++) {
			int first = anom.order[anom.start[g]];
			for (int q = anom.start[g]; q < anom.start[g + 1]; q++) {
				int k = anom.order[q];
				assertEquals(o.plus[first], o.plus[k]);
				assertEquals(g, anom.groupOf[k]);
			}
		}
	}
}
