package org.bragg.spotfinding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.format.FormatRegistry;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.junit.jupiter.api.Test;

/**
 * Spot finding on the shared real and simulated data, compared with DIALS 3.12's results in
 * {@code dials_reference/} (counts, centroid matches and the printed histogram).
 */
class DialsReferenceTest {
	static final FormatRegistry FORMATS = SpotTestData.formats();

	static SpotFindingResult run(String expt, SpotFindingParameters p) throws Exception {
		ExperimentList el = ExperimentListIO.read(SpotTestData.require(expt));
		return SpotFinder.run(el, p, FORMATS, Progress.NONE, null);
	}

	/** @return the fraction of reference spots with a Bragg spot (same id and panel) within 0.5 px and 0.5 frame */
	static double matchedFraction(ReflectionTable bragg, ReflectionTable dials) {
		double[] a = bragg.get(Columns.XYZOBS_PX_VALUE), b = dials.get(Columns.XYZOBS_PX_VALUE);
		int[] ia = bragg.get(Columns.ID), ib = dials.get(Columns.ID);
		long[] pa = bragg.get(Columns.PANEL), pb = dials.get(Columns.PANEL);
		// bucket Bragg spots by (id, panel, 4-px cell)
		java.util.Map<String, List<Integer>> grid = new java.util.HashMap<>();
		for (int i = 0; i < bragg.size(); i++)
			grid.computeIfAbsent(ia[i] + ":" + pa[i] + ":" + (int) (a[3 * i] / 4) + ":" + (int) (a[3 * i + 1] / 4), k -> new ArrayList<>()).add(i);
		int matched = 0;
		for (int j = 0; j < dials.size(); j++) {
			boolean ok = false;
			int cx = (int) (b[3 * j] / 4), cy = (int) (b[3 * j + 1] / 4);
			for (int dx = -1; dx <= 1 && !ok; dx++)
				for (int dy = -1; dy <= 1 && !ok; dy++)
					for (int i : grid.getOrDefault(ib[j] + ":" + pb[j] + ":" + (cx + dx) + ":" + (cy + dy), List.of()))
						if (Math.abs(a[3 * i] - b[3 * j]) <= 0.5 && Math.abs(a[3 * i + 1] - b[3 * j + 1]) <= 0.5 && Math.abs(a[3 * i + 2] - b[3 * j + 2]) <= 0.5)
							ok = true;
			if (ok) matched++;
		}
		return matched / (double) dials.size();
	}

	/** The "Histogram of per-image spot count for imageset N:" block of a DIALS log. */
	static String dialsHistogram(Path log, int imageset) throws Exception {
		List<String> lines = Files.readAllLines(log);
		int start = lines.indexOf("Histogram of per-image spot count for imageset " + imageset + ":");
		assertTrue(start >= 0, "histogram in " + log);
		StringBuilder sb = new StringBuilder();
		for (int i = start + 1; i < lines.size() && !lines.get(i).isEmpty(); i++) sb.append(i > start + 1 ? "\n" : "").append(lines.get(i));
		return sb.toString();
	}

	@Test
	void simulatedXraySweep1a8o() throws Exception {
		SpotFindingResult r = run("sim_xray_1a8o_p43212/dials_reference/imported.expt", SpotFindingParameters.defaults());
		ReflectionTable dials = ReflectionTableIO.read(SpotTestData.require("sim_xray_1a8o_p43212/dials_reference/strong.refl"));
		assertEquals(16516, dials.size());
		assertEquals(16516, r.numSpots(), 165, "DIALS 3.12 finds 16 516 spots");
		double f = matchedFraction(r.reflections(), dials);
		assertTrue(f >= 0.98, "matched " + f);
		assertEquals(dialsHistogram(SpotTestData.require("sim_xray_1a8o_p43212/dials_reference/log_find_spots.txt"), 0),
				r.imagesets().get(0).histogram());
		assertTrue(r.log().contains("Extracted 17748 spots\nRemoved 1231 spots with size < 3 pixels"), "DIALS's intermediate counts");
		// dials.find_spots per_image_statistics=True prints this table (DIALS 3.12, same data)
		String expected;
		try (java.io.InputStream in = DialsReferenceTest.class.getResourceAsStream("reference/per_image_statistics_1a8o.txt")) {
			expected = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
		}
		ExperimentList el = ExperimentListIO.read(SpotTestData.require("sim_xray_1a8o_p43212/dials_reference/imported.expt"));
		assertEquals(expected, SpotFinder.perImageStatistics(el, 0, r.reflections()));
	}

	/** Other algorithms and pixel masks on images 1-10 of the 1a8o sweep: count and three centroids from DIALS 3.12. */
	@Test
	void otherAlgorithmsAndMasksMatchDials() throws Exception {
		SpotFindingParameters base = SpotFindingParameters.defaults().withScanRange(List.of(new int[] { 1, 10 }));
		SpotFindingParameters ice = base.withFilter(base.filter().withIceRings(SpotFindingParameters.IceRings.defaults().withFilter(true))
				.withResolution(java.util.OptionalDouble.of(2.0), java.util.OptionalDouble.of(20.0)));
		Object[][] cases = {
				{ "threshold.algorithm=radial_profile", base.withAlgorithm(ThresholdAlgorithm.RADIAL_PROFILE), 2728,
						new double[][] { { 307.723881, 4.11194, 0.5 }, { 894.343393, 316.534258, 5.322186 }, { 580.072727, 1039.6, 9.5 } } },
				{ "threshold.algorithm=dispersion", base.withAlgorithm(ThresholdAlgorithm.DISPERSION), 3003,
						new double[][] { { 307.723881, 4.11194, 0.5 }, { 235.376042, 386.869792, 5.28125 }, { 580.085106, 1039.787234, 9.5 } } },
				{ "ice_rings.filter=True d_min=2 d_max=20", ice, 1830,
						new double[][] { { 466.448718, 85.858974, 0.5 }, { 423.787781, 290.553175, 5.171856 }, { 568.233542, 976.390282, 9.5 } } } };
		for (Object[] c : cases) {
			ReflectionTable t = run("sim_xray_1a8o_p43212/dials_reference/imported.expt", (SpotFindingParameters) c[1]).reflections();
			int n = (Integer) c[2];
			assertEquals(n, t.size(), (String) c[0]);
			double[] xyz = t.get(Columns.XYZOBS_PX_VALUE);
			int[] rows = { 0, n / 2, n - 1 };
			double[][] expected = (double[][]) c[3];
			for (int k = 0; k < 3; k++)
				for (int a = 0; a < 3; a++) assertEquals(expected[k][a], xyz[3 * rows[k] + a], 1e-5, c[0] + " row " + rows[k]);
		}
	}

	@Test
	void realThaumatinStills() throws Exception {
		SpotFindingResult r = run("real_thaumatin_grid_i24/dials_reference/stills_mode/imported.expt", SpotFindingParameters.defaults());
		int[] dialsPerImage = { 290, 1143, 1313, 1284, 1201, 1157, 1123, 1104, 1000, 975, 853, 804, 627, 354, 51, 0, 1, 1, 1 };
		assertEquals(19, r.imagesets().size());
		int total = 0;
		for (int i = 0; i < 19; i++) {
			int n = r.imagesets().get(i).spotsPerImage()[0];
			total += n;
			assertTrue(Math.abs(n - dialsPerImage[i]) <= Math.max(1, 0.01 * dialsPerImage[i]), "image " + (i + 1) + ": " + n + " vs DIALS " + dialsPerImage[i]);
		}
		assertEquals(13282, total, 133);
		ReflectionTable dials = ReflectionTableIO.read(SpotTestData.require("real_thaumatin_grid_i24/dials_reference/stills_mode/strong.refl"));
		assertTrue(matchedFraction(r.reflections(), dials) >= 0.98);
		assertEquals(19, r.reflections().experimentIdentifiers().size());
	}

	@Test
	void realThermolysinCspad() throws Exception {
		SpotFindingParameters p = SpotFindingParameters.defaults();
		p = p.withDispersion(p.threshold().dispersion().withGain(25).withGlobalThreshold(100)).withFilter(p.filter().withMinSpotSize(2));
		SpotFindingResult r = run("real_thermolysin_cspad/dials_reference/imported.expt", p);
		int[] dials = { 176, 107, 115, 76 };
		for (int i = 0; i < 4; i++) {
			int n = r.imagesets().get(i).spotsPerImage()[0];
			assertTrue(Math.abs(n - dials[i]) <= 2, "image " + (i + 1) + ": " + n + " vs DIALS " + dials[i]);
		}
		ExperimentList el = ExperimentListIO.read(SpotTestData.require("real_thermolysin_cspad/dials_reference/imported.expt"));
		assertEquals(String.join("\n", "+---------+----------+-----------------+-------------------+",
				"|   image |   #spots |   #spots_no_ice |   total_intensity |", "|---------+----------+-----------------+-------------------|",
				"|       1 |      176 |             157 |            437384 |", "+---------+----------+-----------------+-------------------+"),
				SpotFinder.perImageStatistics(el, 0, r.reflections()), "DIALS 3.12 per_image_statistics for the first still");
		// the DIALS defaults stop with too many strong pixels (gain 1 is wrong for CSPAD ADUs)
		TooManyStrongPixelsException e = org.junit.jupiter.api.Assertions.assertThrows(TooManyStrongPixelsException.class,
				() -> run("real_thermolysin_cspad/dials_reference/imported.expt", SpotFindingParameters.defaults()));
		assertTrue(e.getMessage().contains("is greater than the maximum allowed (574240)"), e.getMessage());
	}

	@Test
	void simulatedElectronSweep1hpvWithGain3() throws Exception {
		SpotFindingParameters p = SpotFindingParameters.defaults();
		SpotFindingResult r = run("sim_ed_1hpv_p61/dials_reference/imported.expt", p.withDispersion(p.threshold().dispersion().withGain(3)));
		assertEquals(6705, r.numSpots(), 67, "DIALS 3.12 finds 6 705 spots");
		assertEquals(dialsHistogram(SpotTestData.require("sim_ed_1hpv_p61/dials_reference/log_find_spots.txt"), 0), r.imagesets().get(0).histogram());
	}
}
