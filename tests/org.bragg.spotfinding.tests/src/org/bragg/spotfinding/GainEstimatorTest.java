package org.bragg.spotfinding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bragg.format.FormatRegistry;
import org.bragg.format.PanelData;
import org.bragg.io.ExperimentListIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.ExperimentList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dials.estimate_gain: synthetic gains and DIALS 3.12's values on the shared data. */
class GainEstimatorTest {

	@Test
	void recoversTheGainOfSyntheticImages(@TempDir Path dir) throws Exception {
		int nf = 300, ns = 200;
		for (int gain : new int[] { 1, 4 }) {
			String name = "gain" + gain;
			SyntheticData.files(dir, name, 1, frame -> {
				Random r = new Random(77 + gain);
				int[] v = new int[nf * ns];
				for (int k = 0; k < v.length; k++) v[k] = gain * SyntheticData.poisson(r, 10);
				return new PanelData[] { PanelData.ofInts(nf, ns, v) };
			});
			ExperimentList el = SyntheticData.sweep(dir, name, 1, Detector.single(SyntheticData.panel("SENSOR_PAD", nf, ns, 1e6)));
			List<String> log = new ArrayList<>();
			GainEstimator.Estimate e = GainEstimator.estimate(el.get(0), SyntheticData.registry(), new int[] { 10, 10 }, 1, log::add);
			assertEquals(gain, e.gain(), 0.1 * gain, "gain " + gain);
			assertTrue(log.get(1).startsWith("Estimated gain: "));
			assertEquals(nf * ns, e.gainMap(el.get(0).detector().panel(0)).length);
		}
	}

	@Test
	void flatImageCannotBeEstimated(@TempDir Path dir) throws Exception {
		SyntheticData.files(dir, "flat", 1, frame -> new PanelData[] { PanelData.ofInts(50, 40, new int[2000]) });
		ExperimentList el = SyntheticData.sweep(dir, "flat", 1, Detector.single(SyntheticData.panel("SENSOR_PAD", 50, 40, 1e6)));
		BraggInputException ex = assertThrows(BraggInputException.class,
				() -> GainEstimator.estimate(el.get(0), SyntheticData.registry(), new int[] { 10, 10 }, 1, null));
		assertTrue(ex.getMessage().contains("Unable to robustly estimate the variation of pixel values."));
	}

	@Test
	void matchesDialsOnSharedData() throws Exception {
		FormatRegistry formats = SpotTestData.formats();
		// dials.estimate_gain (DIALS 3.12): ED 3.26, 1a8o 1.00; ED with kernel_size=5,5 max_images=3: 3.20, 3.22, 3.24
		ExperimentList ed = ExperimentListIO.read(SpotTestData.require("sim_ed_1hpv_p61/dials_reference/imported.expt"));
		assertEquals(3.26, GainEstimator.estimate(ed.get(0), formats, new int[] { 10, 10 }, 1, null).gain(), 0.005);
		GainEstimator.Estimate e3 = GainEstimator.estimate(ed.get(0), formats, new int[] { 5, 5 }, 3, null);
		assertEquals(3.20, e3.perImage()[0], 0.005);
		assertEquals(3.22, e3.perImage()[1], 0.005);
		assertEquals(3.24, e3.perImage()[2], 0.005);
		assertEquals(3.20, e3.gain(), 0.005, "the first image's gain is returned");
		ExperimentList xr = ExperimentListIO.read(SpotTestData.require("sim_xray_1a8o_p43212/dials_reference/imported.expt"));
		assertEquals(1.00, GainEstimator.estimate(xr.get(0), formats, new int[] { 10, 10 }, 1, null).gain(), 0.005);
	}
}
