package org.bragg.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.bragg.format.FormatRegistry;
import org.bragg.integration.IntegrationParameters;
import org.bragg.integration.IntegrationResult;
import org.bragg.integration.Integrator;
import org.bragg.integration.ProfileModel;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.refinement.internal.SimpleIndexer;
import org.junit.jupiter.api.Test;

/**
 * Integration of sim_xray_1a8o_p43212 from DIALS's refined.expt and strong.refl indexed by rounding; compared with
 * DIALS 3.12 (sigma m 0.100321°, 20 875 summation-integrated) and the true intensities.
 */
class Xray1a8oIntegrationTest {
	static final String DS = "sim_xray_1a8o_p43212/";
	private static ExperimentList experiments;
	private static ReflectionTable reference;
	private static IntegrationResult glm;

	static synchronized void load() throws Exception {
		if (experiments != null) return;
		experiments = ExperimentListIO.read(TestData.require(DS + "dials_reference/refined.expt"));
		reference = ReflectionTableIO.read(TestData.require(DS + "dials_reference/strong.refl"));
		int n = SimpleIndexer.assign(experiments, reference, 0.3);
		assertTrue(n > 0.95 * reference.size(), "indexed " + n + " of " + reference.size());
	}

	static synchronized IntegrationResult glm() throws Exception {
		load();
		if (glm == null) {
			List<String> log = new ArrayList<>();
			long t0 = System.nanoTime();
			glm = Integrator.integrate(experiments, reference, IntegrationParameters.defaults(), FormatRegistry.fromServiceLoader(), Progress.NONE, log::add);
			System.out.println(String.join("\n", log));
			System.out.printf("1a8o glm integration %.1f s%n", (System.nanoTime() - t0) / 1e9);
		}
		return glm;
	}

	@Test
	void sigmaMWithinTenPercentOfTruth() throws Exception {
		load();
		ProfileModel pm = ProfileModel.estimate(experiments, 0, reference, 3);
		System.out.printf("1a8o sigma b %.6f deg (DIALS 0.055581), sigma m %.6f deg (truth 0.10, DIALS 0.100321)%n", pm.sigmaBDeg(), pm.sigmaMDeg());
		assertEquals(0.10, pm.sigmaMDeg(), 0.010);
		assertEquals(0.055581, pm.sigmaBDeg(), 0.1 * 0.055581);
	}

	@Test
	void summationCountMatchesDialsAndIntensitiesCorrelateWithTruth() throws Exception {
		IntegrationResult r = glm();
		ReflectionTable t = r.reflections();
		int nSum = 0;
		for (long f : t.get(Columns.FLAGS)) if (ReflectionFlag.INTEGRATED_SUM.isSet(f)) nSum++;
		System.out.printf("1a8o: predicted %d (DIALS 23485), integrated by summation %d (DIALS 20875)%n", r.nPredicted(), nSum);
		assertEquals(20875, nSum, 0.03 * 20875);
		double cc = truthCc(t);
		System.out.printf("1a8o: CC(I.sum*lp/qe, I_true) full reflections = %.4f%n", cc);
		assertTrue(cc >= 0.99, "CC " + cc);
	}

	@Test
	void profileFittedCountMatchesDialsAndIntensitiesCorrelateWithTruth() throws Exception {
		IntegrationResult r = glm();
		ReflectionTable t = r.reflections();
		long[] flags = t.get(Columns.FLAGS);
		double[] corr = t.get(Columns.PROFILE_CORRELATION);
		int nPrf = 0, nRef = 0;
		double sumCorr = 0;
		for (int i = 0; i < flags.length; i++) {
			if (ReflectionFlag.INTEGRATED_PRF.isSet(flags[i])) {
				nPrf++;
				sumCorr += corr[i];
			}
			if (ReflectionFlag.USED_IN_MODELLING.isSet(flags[i])) nRef++;
		}
		// DIALS 3.12 on the same data: mean profile.correlation 0.899 (dev/check_integrate_with_dials.sh)
		System.out.printf("1a8o: mean profile.correlation %.4f (DIALS 0.899)%n", sumCorr / nPrf);
		assertEquals(0.899, sumCorr / nPrf, 0.02);
		double ccPrf = truthCc(t, Columns.INTENSITY_PRF_VALUE, ReflectionFlag.INTEGRATED_PRF);
		double ccSum = truthCc(t, Columns.INTENSITY_SUM_VALUE, ReflectionFlag.INTEGRATED_PRF);
		System.out.printf("1a8o: profile fitted %d (DIALS 20033), references %d; CC(I.prf*lp/qe, I_true) full = %.5f, summation on the same reflections %.5f%n", nPrf, nRef,
				ccPrf, ccSum);
		// weak reflections (true intensity below 2000, most of the data): where profile fitting should win
		double weakPrf = truthCc(t, Columns.INTENSITY_PRF_VALUE, ReflectionFlag.INTEGRATED_PRF, 2000, 3000);
		double weakSum = truthCc(t, Columns.INTENSITY_SUM_VALUE, ReflectionFlag.INTEGRATED_PRF, 2000, 3000);
		System.out.printf("1a8o: weak (I_true < 2000) CC prf %.5f, summation %.5f%n", weakPrf, weakSum);
		assertEquals(20033, nPrf, 0.03 * 20033);
		// the overall CC is limited by a few very strong reflections whose sum and prf agree but deviate from the truth
		assertTrue(ccPrf >= 0.998, "CC prf " + ccPrf);
		assertTrue(ccPrf >= ccSum - 2e-4, "CC prf " + ccPrf + " below summation " + ccSum);
		assertTrue(weakPrf > weakSum, "weak CC prf " + weakPrf + " not above summation " + weakSum);
	}

	/** CC of LP/QE-corrected summation intensities of full reflections with the truth (P43212 ASU). */
	static double truthCc(ReflectionTable t) throws Exception { return truthCc(t, Columns.INTENSITY_SUM_VALUE, ReflectionFlag.INTEGRATED_SUM); }

	/** CC of LP/QE-corrected intensities {@code col} of full reflections flagged {@code flag} with the truth (P43212 ASU). */
	static double truthCc(ReflectionTable t, org.bragg.model.reflection.ColumnKey<double[]> col, ReflectionFlag flag) throws Exception {
		return truthCc(t, col, flag, Double.POSITIVE_INFINITY, 10000);
	}

	/** As above, restricted to true intensities below {@code maxTruth}; at least {@code minMatched} must match. */
	static double truthCc(ReflectionTable t, org.bragg.model.reflection.ColumnKey<double[]> col, ReflectionFlag flag, double maxTruth, int minMatched) throws Exception {
		Map<Long, Double> truth = new HashMap<>();
		try (BufferedReader br = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(TestData.require(DS + "images/truth_intensities.csv.gz")))))) {
			br.readLine();
			for (String line; (line = br.readLine()) != null;) {
				String[] f = line.split(",");
				truth.put(key(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2])), Double.parseDouble(f[4]));
			}
		}
		SpaceGroup sg = SpaceGroup.fromSymbol("P 43 21 2");
		int[] hkl = t.get(Columns.MILLER_INDEX);
		double[] I = t.get(col), lp = t.get(Columns.LP), qe = t.get(Columns.QE), part = t.get(Columns.PARTIALITY);
		long[] flags = t.get(Columns.FLAGS);
		double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
		int m = 0;
		int[] asu = new int[3];
		for (int i = 0; i < t.size(); i++) {
			if (!flag.isSet(flags[i]) || part[i] < 0.997300203937) continue;
			sg.toAsu(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2], asu, 0);
			Double it = truth.get(key(asu[0], asu[1], asu[2]));
			if (it == null || it >= maxTruth) continue;
			double x = I[i] * lp[i] / qe[i], y = it;
			sx += x;
			sy += y;
			sxx += x * x;
			syy += y * y;
			sxy += x * y;
			m++;
		}
		assertTrue(m > minMatched, "matched " + m);
		return (m * sxy - sx * sy) / Math.sqrt((m * sxx - sx * sx) * (m * syy - sy * sy));
	}

	private static long key(int h, int k, int l) { return ((h + 512L) << 20) | ((k + 512L) << 10) | (l + 512L); }

	/** keeps the reflection file readable back (atomic write + read) */
	@Test
	void writesReadableOutput(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		IntegrationResult r = glm();
		ReflectionTableIO.write(r.reflections(), dir.resolve("integrated.refl"));
		ExperimentListIO.write(r.experiments(), dir.resolve("integrated.expt"));
		ReflectionTable back = ReflectionTableIO.read(dir.resolve("integrated.refl"));
		assertEquals(r.reflections().size(), back.size());
		ExperimentList el = ExperimentListIO.read(dir.resolve("integrated.expt"));
		assertEquals("gaussian_rs", el.get(0).profile().get("__id__"));
	}
}
