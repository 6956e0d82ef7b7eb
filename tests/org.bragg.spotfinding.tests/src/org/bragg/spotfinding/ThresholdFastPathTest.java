package org.bragg.spotfinding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.format.PanelData;
import org.bragg.io.ExperimentListIO;
import org.bragg.model.Detector;
import org.bragg.model.ExperimentList;
import org.bragg.model.Panel;
import org.bragg.model.Progress;
import org.junit.jupiter.api.Test;

/**
 * The fast path of {@link ThresholdDebug} (only the strong-pixel mask, as the image viewer's threshold
 * preview computes it) against the full path (every intermediate map) and against {@code find_spots}
 * on the same image, mask and parameters, on real data: a Pilatus 6M thaumatin still (DIALS 3.12 finds
 * 29 868 strong pixels on it) and a TimePix electron-diffraction frame (4 panels).
 */
class ThresholdFastPathTest {

	private static final FormatRegistry FORMATS = SpotTestData.formats();

	/** Data the test needs; missing data is a failure, not a skip. */
	private static Path data(String relative) {
		Path p = SpotTestData.root().resolve(relative);
		assertTrue(Files.exists(p), "shared test data missing: " + p);
		return p;
	}

	/**
	 * Thresholds every panel of one image with the fast and the full path and checks that they agree.
	 *
	 * @return strong pixels over all panels
	 */
	private static long fastEqualsFull(Path image, Detector det, SpotFindingParameters.Threshold t) throws Exception {
		PanelData[] data;
		boolean[][] staticMask;
		try (ImageFile f = FORMATS.open(image)) {
			data = f.read(0);
			staticMask = f.staticMask(0);
		}
		assertEquals(det.size(), data.length);
		long total = 0;
		for (int k = 0; k < data.length; k++) {
			Panel p = det.panel(k);
			PanelData d = data[k];
			int nf = d.nFast(), ns = d.nSlow(), n = nf * ns;
			boolean[] mask = usable(d, staticMask == null ? null : staticMask[k], p);
			ThresholdDebug fast, full, global;
			if (d.isInteger() && (p.gain() <= 0 || Math.abs(p.gain() - 1) < 1e-7) && Math.abs(p.pedestal()) < 1e-7) {
				fast = ThresholdDebug.compute(d.ints(), mask, nf, ns, t, ThresholdDebug.Mode.THRESHOLD);
				global = ThresholdDebug.compute(d.ints(), mask, nf, ns, t, ThresholdDebug.Mode.GLOBAL);
				full = ThresholdDebug.compute(d.ints(), mask, nf, ns, t);
			} else {
				double g = p.gain() > 0 ? p.gain() : 1;
				double[] v = new double[n];
				for (int i = 0; i < n; i++) v[i] = (d.get(i) - p.pedestal()) / g;
				fast = ThresholdDebug.compute(v, mask, nf, ns, t, ThresholdDebug.Mode.THRESHOLD);
				global = ThresholdDebug.compute(v, mask, nf, ns, t, ThresholdDebug.Mode.GLOBAL);
				full = ThresholdDebug.compute(v, mask, nf, ns, t);
			}
			boolean[] strong = fast.mask(ThresholdDebug.Mode.THRESHOLD);
			assertArrayEquals(full.mask(ThresholdDebug.Mode.THRESHOLD), strong, "panel " + k + ": fast path == full path");
			assertArrayEquals(full.mask(ThresholdDebug.Mode.GLOBAL), global.mask(ThresholdDebug.Mode.GLOBAL), "panel " + k + ": global map");
			assertEquals(full.globalThreshold(), fast.globalThreshold(), 0);
			long c = fast.count(ThresholdDebug.Mode.THRESHOLD);
			assertEquals(full.count(ThresholdDebug.Mode.THRESHOLD), c);
			// every strong pixel is usable, above the global threshold and in the σ_b and σ_s maps
			boolean[] sb = full.mask(ThresholdDebug.Mode.SIGMA_B), ss = full.mask(ThresholdDebug.Mode.SIGMA_S), gl = full.mask(ThresholdDebug.Mode.GLOBAL);
			for (int i = 0; i < n; i++) if (strong[i]) assertTrue(mask[i] && gl[i] && ss[i] && (t.algorithm() != ThresholdAlgorithm.DISPERSION || sb[i]), "pixel " + i);
			// the fast path holds only its map
			assertTrue(fast.has(ThresholdDebug.Mode.THRESHOLD));
			assertFalse(fast.has(ThresholdDebug.Mode.MEAN));
			assertThrows(IllegalStateException.class, () -> fast.image(ThresholdDebug.Mode.MEAN));
			assertThrows(IllegalStateException.class, () -> fast.mask(ThresholdDebug.Mode.SIGMA_B));
			total += c;
		}
		return total;
	}

	/** find_spots' usable-pixel mask without optional filters: static mask, untrusted rectangles, trusted range (exclusive). */
	private static boolean[] usable(PanelData d, boolean[] staticMask, Panel p) {
		int nf = d.nFast(), n = nf * d.nSlow();
		double lo = p.trustedRange()[0], hi = p.trustedRange()[1];
		boolean[] m = new boolean[n];
		for (int i = 0; i < n; i++) {
			double v = d.get(i);
			m[i] = (staticMask == null || staticMask[i]) && lo < v && v < hi;
		}
		for (int[] r : p.mask()) for (int y = r[1]; y < r[3]; y++) for (int x = r[0]; x < r[2]; x++) m[y * nf + x] = false;
		return m;
	}

	@Test
	void pilatus6mThaumatinStillFastEqualsFullEqualsFindSpots() throws Exception {
		Path ds = data("real_thaumatin_grid_i24");
		ExperimentList all = ExperimentListIO.read(ds.resolve("dials_reference/stills_mode/imported.expt"));
		ExperimentList one = ExperimentList.of(all.get(2)); // image 3
		SpotFindingParameters params = SpotFindingParameters.defaults();
		Detector det = one.get(0).detector();
		assertEquals(2463 * 2527, det.panel(0).nFast() * det.panel(0).nSlow(), "a Pilatus 6M panel");
		long fast = fastEqualsFull(ds.resolve("images/thau_3_2_0003.cbf.bz2"), det, params.threshold());
		int findSpots = SpotFinder.run(one, params, FORMATS, Progress.NONE, null).imagesets().get(0).strongPixels()[0];
		assertEquals(findSpots, fast, "fast path == find_spots strong pixels");
		assertEquals(29868, fast, 300, "DIALS 3.12 finds 29 868 strong pixels on this image");
		// the plain dispersion algorithm too
		SpotFindingParameters disp = params.withAlgorithm(ThresholdAlgorithm.DISPERSION);
		long fastD = fastEqualsFull(ds.resolve("images/thau_3_2_0003.cbf.bz2"), det, disp.threshold());
		assertEquals(SpotFinder.run(one, disp, FORMATS, Progress.NONE, null).imagesets().get(0).strongPixels()[0], fastD);
		System.out.printf("thaumatin image 3: %d strong pixels (dispersion_extended), %d (dispersion)%n", fast, fastD);
		assertTrue(fastD > 10000, "dispersion finds the spots too: " + fastD);
	}

	@Test
	void timepixElectronFrameFastEqualsFullEqualsFindSpots() throws Exception {
		Path ds = data("sim_ed_1hpv_p61");
		ExperimentList el = ExperimentListIO.read(ds.resolve("dials_reference/imported.expt"));
		SpotFindingParameters p = SpotFindingParameters.defaults();
		p = p.withDispersion(p.threshold().dispersion().withGain(3)); // as the DIALS reference run
		Detector det = el.get(0).detector();
		assertEquals(4, det.size(), "the TimePix quad is 4 panels");
		SpotFindingResult r = SpotFinder.run(el, p, FORMATS, Progress.NONE, null);
		int[] numbers = r.imagesets().get(0).imageNumbers();
		int idx = Arrays.stream(numbers).boxed().toList().indexOf(60);
		assertTrue(idx >= 0, "image 60 processed");
		long fast = fastEqualsFull(ds.resolve("images/ed1hpv_0060.img.bz2"), det, p.threshold());
		assertEquals(r.imagesets().get(0).strongPixels()[idx], fast, "fast path == find_spots strong pixels on image 60");
		assertTrue(fast > 50, "spots on image 60: " + fast);
	}
}
