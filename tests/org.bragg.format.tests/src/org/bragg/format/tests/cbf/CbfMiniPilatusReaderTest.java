package org.bragg.format.tests.cbf;

import static org.bragg.format.tests.cbf.ExptReference.close;
import static org.bragg.format.tests.cbf.ExptReference.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.CbfMiniPilatusReader;
import org.bragg.format.tests.GenericFormatReaderChecks;
import org.bragg.format.tests.TestData;
import org.bragg.model.Detector;
import org.bragg.model.Panel;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code FormatCBFMiniPilatus} on the simulated PILATUS 1M sweep {@code sim_xray_1a8o_p43212}
 * (bz2 miniCBF, 981 × 1043 px): models equal DIALS 3.12's {@code imported.expt}.
 */
class CbfMiniPilatusReaderTest extends GenericFormatReaderChecks {
	static final String DIR = "sim_xray_1a8o_p43212/";

	static Path image(int n) { return TestData.file(DIR + String.format("images/lyso1a8o_%04d.cbf.bz2", n)); }

	@Override protected List<FormatReader> knownReaders() { return CbfReaders.all(); }
	@Override protected FormatReader reader() { return new CbfMiniPilatusReader(); }
	@Override protected List<Path> sampleFiles() { return List.of(image(1), image(2), image(30)); }
	@Override protected Path foreignFile() { return TestData.file("sim_ed_1hpv_p61/images/ed1hpv_0001.img.bz2"); }

	@Test
	void modelsMatchDialsImport() throws Exception {
		ExptReference ref = new ExptReference(TestData.file(DIR + "dials_reference/imported.expt"));
		JsonNode pref = ref.detector(0).get("panels").get(0);
		ExptReference.Frame frame = ExptReference.globalPanelFrames(ref.detector(0))[0];
		for (int n : new int[] { 1, 2, 30, 60 }) {
			try (ImageFile f = reader().open(image(n))) {
				String what = "image " + n;
				assertEquals("FormatCBFMiniPilatus", f.formatName());
				ModelChecks.beam(ref.beam(0), f.beam(0), what);
				Detector d = f.detector(0);
				assertEquals(1, d.size(), "panel count");
				Panel p = d.panel(0);
				ModelChecks.panelProperties(pref, p, what);
				close(frame.fast(), p.fastAxis(), ModelChecks.REL, what + " fast_axis");
				close(frame.slow(), p.slowAxis(), ModelChecks.REL, what + " slow_axis");
				close(frame.origin(), p.origin(), ModelChecks.REL, what + " origin");
				// derived geometry: distance 150 mm and beam centre (479.20, 529.20) px of the header
				close(150.0, p.distance(), ModelChecks.REL, what + " distance");
				double[] bcMm = p.beamCentreMm(f.beam(0).s0());
				close(479.20 * 0.172, bcMm[0], ModelChecks.REL, what + " beam centre x (mm)");
				close(529.20 * 0.172, bcMm[1], ModelChecks.REL, what + " beam centre y (mm)");
				ModelChecks.goniometer(ref.goniometer(0), f.goniometer(0), what);
				ModelChecks.scanImage(ref.scan(0), f.scan(0), n, what);
				assertEquals(false, f.isStill(0), "a 0.5° rotation image is not a still");
				// the reference's ParallaxCorrected mu equals dxtbx's Si table at 0.9795 Å
				close(vec(ref.beam(0).get("direction")), f.beam(0).direction(), ModelChecks.REL, "beam direction");
			}
		}
	}
}
