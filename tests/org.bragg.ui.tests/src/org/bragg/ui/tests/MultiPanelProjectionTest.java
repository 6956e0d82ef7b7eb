package org.bragg.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.Beam;
import org.bragg.model.Detector;
import org.bragg.model.Panel;
import org.bragg.model.Vec3;
import org.bragg.ui.core.ColourScheme;
import org.bragg.ui.core.DecodedFrame;
import org.bragg.ui.core.DetectorProjection;
import org.bragg.ui.core.DisplaySettings;
import org.bragg.ui.core.ImageCanvas;
import org.bragg.ui.core.PixelInfo;
import org.bragg.ui.core.ReflectionOverlay;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-panel detectors drawn in projection: the 64-ASIC CSPAD of the LCLS thermolysin stills (with the
 * DIALS strong spots of the first still) and the 4-chip TimePix quad of the simulated ED sweep.
 */
class MultiPanelProjectionTest {
	Display display;
	Shell shell;
	ImageCanvas canvas;

	@BeforeEach
	void shell() {
		display = UiTestSupport.display();
		shell = new Shell(display);
		shell.setLayout(new FillLayout());
		shell.setSize(900, 900);
		canvas = new ImageCanvas(shell, 0);
		shell.open();
		UiTestSupport.pump(display);
	}

	@AfterEach
	void close() { shell.dispose(); }

	@Test
	void cspadSixtyFourPanels() throws Exception {
		Path ds = UiTestSupport.data("real_thermolysin_cspad");
		FormatRegistry reg = UiTestSupport.registry();
		Detector det;
		Beam beam;
		DecodedFrame frame;
		try (ImageFile f = reg.open(ds.resolve("images/idx-20130301060858401.cbf"))) {
			det = f.detector(0);
			beam = f.beam(0);
			frame = new DecodedFrame("idx-20130301060858401.cbf", f.read(0), f.staticMask(0), det);
		}
		assertEquals(64, det.size());
		DetectorProjection proj = DetectorProjection.of(det);
		// every panel's centre maps back to that panel, and a lab point on a panel projects where the panel is drawn
		for (int k = 0; k < det.size(); k++) {
			Panel p = det.panel(k);
			double[] uv = proj.toPlane(k, p.nFast() / 2.0, p.nSlow() / 2.0);
			assertEquals(k, proj.panelAt(uv[0], uv[1]), "panel " + k);
			Vec3 lab = p.labCoord(p.nFast() / 2.0 * p.pixelSize()[0], p.nSlow() / 2.0 * p.pixelSize()[1]);
			double[] ray = proj.projectRay(lab);
			assertNotNull(ray);
			assertEquals(uv[0], ray[0], 0.05, "panel " + k + " u (mm)");
			assertEquals(uv[1], ray[1], 0.05, "panel " + k + " v (mm)");
		}
		ReflectionOverlay spots = ReflectionOverlay.forImage(ReflectionTableIO.read(ds.resolve("dials_reference/strong.refl")), 0, null, 0);
		assertEquals(176, spots.observedCount(), "DIALS: 176 spots on the first still (gain=25 global_threshold=100 min_spot_size=2)");
		canvas.setImage(frame, det, beam);
		canvas.setReflections(spots);
		canvas.setDisplaySettings(DisplaySettings.defaults().withScheme(ColourScheme.INVERTED));
		canvas.fit();
		ImageData img = canvas.snapshot();
		UiTestSupport.savePng(img, "cspad_thermolysin_401_fit.png");
		int hits = 0, readOuts = 0;
		for (int i = 0; i < spots.observedCount(); i++) {
			Point s = canvas.toScreen(spots.observedPanel(i), spots.observedX(i), spots.observedY(i));
			if (UiTestSupport.rgbAt(img, s.x, s.y) == ColourScheme.INVERTED.spotColour()) hits++;
			// the read-out under the centroid names the spot's panel (the screen pixel's centre may fall just
			// off an ASIC for spots on its edge)
			PixelInfo info = canvas.pixelInfoAt(s.x, s.y);
			if (info == null) continue;
			assertEquals(spots.observedPanel(i), info.panel(), "spot " + i);
			readOuts++;
		}
		assertEquals(spots.observedCount(), hits);
		assertTrue(readOuts > 0.9 * spots.observedCount(), readOuts + " read-outs");
		// zoom on the beam centre region
		double[] bc = proj.projectRay(beam.s0());
		canvas.setView(new org.bragg.ui.core.ViewTransform(6, bc[0] - 450 / 6.0, bc[1] - 450 / 6.0));
		UiTestSupport.savePng(canvas.snapshot(), "cspad_thermolysin_401_centre.png");
	}

	@Test
	void timepixQuad() throws Exception {
		Path ds = UiTestSupport.data("sim_ed_1hpv_p61");
		FormatRegistry reg = UiTestSupport.registry();
		Detector det;
		Beam beam;
		DecodedFrame frame;
		try (ImageFile f = reg.open(ds.resolve("images/ed1hpv_0001.img.bz2"))) {
			det = f.detector(0);
			beam = f.beam(0);
			frame = new DecodedFrame("ed1hpv_0001.img.bz2", f.read(0), f.staticMask(0), det);
		}
		assertEquals(4, det.size());
		canvas.setImage(frame, det, beam);
		canvas.setDisplaySettings(DisplaySettings.defaults().withScheme(ColourScheme.HEAT));
		canvas.fit();
		ImageData img = canvas.snapshot();
		UiTestSupport.savePng(img, "timepix_quad_ed1hpv_0001_fit.png");
		// the four chips are distinct, non-overlapping quadrants
		DetectorProjection proj = canvas.getProjection();
		for (int k = 0; k < 4; k++) {
			Panel p = det.panel(k);
			Point c = canvas.toScreen(k, p.nFast() / 2.0, p.nSlow() / 2.0);
			PixelInfo info = canvas.pixelInfoAt(c.x, c.y);
			assertEquals(k, info.panel());
			assertTrue(Math.abs(info.x() - p.nFast() / 2.0) < 2 && Math.abs(info.y() - p.nSlow() / 2.0) < 2, info.describe());
		}
		double[] b = proj.bounds();
		System.out.printf("TimePix quad on the plane: %.2f × %.2f mm%n", b[2] - b[0], b[3] - b[1]);
	}
}
