package org.bragg.format.tests.cbf;

import static org.bragg.format.tests.cbf.ExptReference.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.CbfMiniPilatusDls6MSn119Reader;
import org.bragg.format.tests.GenericFormatReaderChecks;
import org.bragg.format.tests.TestData;
import org.bragg.model.Panel;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code FormatCBFMiniPilatusDLS6MSN119} on the real PILATUS3 6M grid scan of Diamond I24
 * ({@code real_thaumatin_grid_i24}, bz2 miniCBF, 2463 × 2527 px, zero-width frames): models equal
 * DIALS 3.12's {@code imported.expt} (sequence mode: one scan per image), including the 15 module-gap
 * rectangles and the vertical rotation axis of this beamline.
 */
class CbfThaumatinDlsReaderTest extends GenericFormatReaderChecks {
	static final String DIR = "real_thaumatin_grid_i24/";

	static Path image(int n) { return TestData.file(DIR + String.format("images/thau_3_2_%04d.cbf.bz2", n)); }

	@Override protected List<FormatReader> knownReaders() { return CbfReaders.all(); }
	@Override protected FormatReader reader() { return new CbfMiniPilatusDls6MSn119Reader(); }
	@Override protected List<Path> sampleFiles() { return List.of(image(1), image(3), image(19)); }
	@Override protected Path foreignFile() { return TestData.file("sim_ed_1hpv_p61/images/ed1hpv_0001.img.bz2"); }
	@Override protected int imagesToRead() { return 1; }

	@Test
	void modelsMatchDialsImport() throws Exception {
		ExptReference ref = new ExptReference(TestData.file(DIR + "dials_reference/sequence_mode/imported.expt"));
		JsonNode pref = ref.detector(0).get("panels").get(0);
		ExptReference.Frame frame = ExptReference.globalPanelFrames(ref.detector(0))[0];
		for (int n : new int[] { 1, 3, 10, 19 }) {
			try (ImageFile f = reader().open(image(n))) {
				String what = "image " + n;
				ModelChecks.beam(ref.beam(0), f.beam(0), what);
				assertEquals(1, f.detector(0).size());
				Panel p = f.detector(0).panel(0);
				ModelChecks.panelProperties(pref, p, what);
				assertEquals(15, p.mask().size(), "PILATUS 6M: 4 column gaps and 11 row gaps");
				close(frame.fast(), p.fastAxis(), ModelChecks.REL, what + " fast_axis");
				close(frame.slow(), p.slowAxis(), ModelChecks.REL, what + " slow_axis");
				close(frame.origin(), p.origin(), ModelChecks.REL, what + " origin");
				close(351.0, p.distance(), ModelChecks.REL, what + " distance");
				ModelChecks.goniometer(ref.goniometer(0), f.goniometer(0), what);
				// sequence mode: scan k covers image k+1
				JsonNode scanRef = ref.scan(n - 1);
				ModelChecks.scanImage(scanRef, f.scan(0), n, what);
				assertTrue(f.isStill(0), "zero oscillation width");
			}
		}
	}
}
