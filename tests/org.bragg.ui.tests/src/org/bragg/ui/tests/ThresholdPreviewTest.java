package org.bragg.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.io.ExperimentListIO;
import org.bragg.model.Detector;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.spotfinding.SpotFinder;
import org.bragg.spotfinding.SpotFindingParameters;
import org.bragg.spotfinding.SpotFindingResult;
import org.bragg.spotfinding.ThresholdDebug;
import org.bragg.ui.core.DecodedFrame;
import org.bragg.ui.imageviewer.internal.ThresholdPreview;
import org.junit.jupiter.api.Test;

/**
 * The viewer's threshold preview against {@code find_spots} on the same image and parameters: the
 * strong pixels of the preview are the strong pixels spot finding counts (DIALS 3.12 found 29 868 on
 * this image).
 */
class ThresholdPreviewTest {

	@Test
	void strongPixelsEqualFindSpots() throws Exception {
		Path ds = UiTestSupport.data("real_thaumatin_grid_i24");
		FormatRegistry reg = UiTestSupport.registry();
		Detector det;
		DecodedFrame frame;
		try (ImageFile f = reg.open(ds.resolve("images/thau_3_2_0003.cbf.bz2"))) {
			det = f.detector(0);
			frame = new DecodedFrame("thau_3_2_0003", f.read(0), f.staticMask(0), det);
		}
		SpotFindingParameters params = SpotFindingParameters.defaults();
		long t0 = System.nanoTime();
		ThresholdPreview preview = ThresholdPreview.compute(frame, det, params.threshold());
		double ms = (System.nanoTime() - t0) / 1e6;

		// find_spots on experiment 2 (image 3) of the DIALS stills import
		ExperimentList all = ExperimentListIO.read(ds.resolve("dials_reference/stills_mode/imported.expt"));
		ExperimentList one = ExperimentList.of(all.get(2));
		SpotFindingResult r = SpotFinder.run(one, params, reg, Progress.NONE, null);
		int strong = r.imagesets().get(0).strongPixels()[0];
		System.out.printf("threshold preview: %d strong pixels in %.0f ms (one 6M panel); find_spots: %d; DIALS 3.12: 29868%n",
				preview.strongPixels(), ms, strong);
		assertEquals(strong, preview.strongPixels());
		// every map of the preview has the panel's shape
		for (ThresholdDebug.Mode m : ThresholdPreview.MODES) assertEquals(det.panel(0).nFast() * det.panel(0).nSlow(), preview.frame(m).panel(0).size());
		assertTrue(preview.strongPixels() > 20000);
	}
}
