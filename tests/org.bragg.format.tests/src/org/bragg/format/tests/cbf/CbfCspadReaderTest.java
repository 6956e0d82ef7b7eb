package org.bragg.format.tests.cbf;

import static org.bragg.format.tests.cbf.ExptReference.close;
import static org.bragg.format.tests.cbf.ExptReference.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.CbfCspadReader;
import org.bragg.format.tests.GenericFormatReaderChecks;
import org.bragg.format.tests.TestData;
import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Panel;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code FormatCBFCspad} on the four LCLS CSPAD thermolysin stills ({@code real_thermolysin_cspad},
 * full CBF with 64 ASIC panels in 4 packed arrays and a 104-axis hierarchy): beams and detector equal
 * DIALS 3.12's {@code imported.expt} (frames composed to the lab frame; axes and sizes to 1e-6
 * relative, origins to 1e-4 mm), and the hierarchy has the same groups, frames and order.
 */
class CbfCspadReaderTest extends GenericFormatReaderChecks {
	static final String DIR = "real_thermolysin_cspad/";
	static final String[] NAMES = { "idx-20130301060858401.cbf", "idx-20130301060858601.cbf", "idx-20130301060858701.cbf",
			"idx-20130301060858801.cbf" };

	static Path image(int k) { return TestData.file(DIR + "images/" + NAMES[k]); }

	@Override protected List<FormatReader> knownReaders() { return CbfReaders.all(); }
	@Override protected FormatReader reader() { return new CbfCspadReader(); }
	@Override protected List<Path> sampleFiles() { return List.of(image(0), image(1), image(2), image(3)); }
	@Override protected Path foreignFile() { return TestData.file("sim_xray_1a8o_p43212/images/lyso1a8o_0001.cbf.bz2"); }

	@Test
	void modelsMatchDialsImport() throws Exception {
		ExptReference ref = new ExptReference(TestData.file(DIR + "dials_reference/imported.expt"));
		assertEquals(4, ref.count("beam"));
		assertEquals(1, ref.count("detector"));
		JsonNode dref = ref.detector(0);
		ExptReference.Frame[] frames = ExptReference.globalPanelFrames(dref);
		for (int k = 0; k < 4; k++) {
			try (ImageFile f = reader().open(image(k))) {
				String what = NAMES[k];
				// the beam of experiment k (the files have different wavelengths)
				int beamIndex = ref.root.get("experiment").get(k).get("beam").asInt();
				ModelChecks.beam(ref.beam(beamIndex), f.beam(0), what);
				assertNull(f.goniometer(0), "a still has no goniometer");
				assertNull(f.scan(0), "a still has no scan");
				assertTrue(f.isStill(0));
				Detector d = f.detector(0);
				assertEquals(64, d.size(), "CSPAD panels");
				for (int i = 0; i < 64; i++) {
					Panel p = d.panel(i);
					String pw = what + " panel " + i;
					ModelChecks.panelProperties(dref.get("panels").get(i), p, pw);
					close(frames[i].fast(), p.fastAxis(), ModelChecks.REL, pw + " fast_axis");
					close(frames[i].slow(), p.slowAxis(), ModelChecks.REL, pw + " slow_axis");
					within(frames[i].origin(), p.origin(), 1e-4, pw + " origin");
				}
				checkHierarchy(dref, d);
			}
		}
	}

	private static void checkHierarchy(JsonNode dref, Detector d) {
		assertTrue(d.hasExplicitHierarchy(), "CSPAD detector has a hierarchy");
		Map<String, ExptReference.Group> groups = ExptReference.globalGroups(dref);
		List<DetectorNode.Group> ours = new ArrayList<>();
		collect(d.hierarchy(), ours);
		assertEquals(groups.size(), ours.size(), "number of groups (1 detector + 4 quadrants + 32 sensors)");
		assertEquals(37, ours.size());
		int i = 0;
		for (ExptReference.Group g : groups.values()) {
			DetectorNode.Group o = ours.get(i++);
			assertEquals(g.name(), o.name(), "group order");
			close(g.frame().fast(), o.fastAxis(), ModelChecks.REL, g.name() + " fast_axis");
			close(g.frame().slow(), o.slowAxis(), ModelChecks.REL, g.name() + " slow_axis");
			within(g.frame().origin(), o.origin(), 1e-4, g.name() + " origin");
			assertEquals(g.children().size(), o.children().size(), g.name() + " children");
			for (int c = 0; c < g.children().size(); c++) {
				Object rc = g.children().get(c);
				DetectorNode oc = o.children().get(c);
				if (rc instanceof Integer panel) assertEquals(new DetectorNode.PanelRef(panel), oc, g.name() + " child " + c);
				else assertEquals(rc, ((DetectorNode.Group) oc).name(), g.name() + " child " + c);
			}
		}
	}

	private static void collect(DetectorNode.Group g, List<DetectorNode.Group> out) {
		out.add(g);
		for (DetectorNode c : g.children()) if (c instanceof DetectorNode.Group cg) collect(cg, out);
	}
}
