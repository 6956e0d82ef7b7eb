package org.bragg.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.Beam;
import org.bragg.model.Detector;
import org.bragg.model.Panel;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.ui.core.ColourScheme;
import org.bragg.ui.core.DecodedFrame;
import org.bragg.ui.core.DisplaySettings;
import org.bragg.ui.core.ImageCanvas;
import org.bragg.ui.core.OverlaySettings;
import org.bragg.ui.core.PixelInfo;
import org.bragg.ui.core.ReflectionOverlay;
import org.bragg.ui.core.ViewTransform;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders the real Pilatus3 6M still {@code thau_3_2_0003.cbf.bz2} (DLS I24 thaumatin grid scan) with the
 * DIALS 3.12 strong spots of that frame ({@code stills_mode/strong.refl}, experiment id 2: 1313 spots)
 * and checks the overlay pixels at the spots' centroids.
 */
class ImageCanvasThaumatinTest {
	static Detector detector;
	static Beam beam;
	static DecodedFrame frame;
	static ReflectionOverlay spots;
	static Display display;
	static Shell shell;
	static ImageCanvas canvas;

	@BeforeAll
	static void load() throws Exception {
		Path ds = UiTestSupport.data("real_thaumatin_grid_i24");
		FormatRegistry reg = UiTestSupport.registry();
		try (ImageFile f = reg.open(ds.resolve("images/thau_3_2_0003.cbf.bz2"))) {
			detector = f.detector(0);
			beam = f.beam(0);
			frame = new DecodedFrame("thau_3_2_0003.cbf.bz2", f.read(0), f.staticMask(0), detector);
		}
		ReflectionTable strong = ReflectionTableIO.read(ds.resolve("dials_reference/stills_mode/strong.refl"));
		spots = ReflectionOverlay.forImage(strong, 2, null, 0);
		display = UiTestSupport.display();
		shell = new Shell(display);
		shell.setLayout(new FillLayout());
		shell.setSize(1000, 1000);
		canvas = new ImageCanvas(shell, 0);
		shell.layout(true, true);
		shell.open();
		UiTestSupport.pump(display);
		canvas.setImage(frame, detector, beam);
		canvas.setReflections(spots);
	}

	@AfterAll
	static void close() {
		if (shell != null) shell.dispose();
	}

	@Test
	void selectsTheStrongSpotsOfFrame3() {
		// DIALS 3.12 stills find_spots: 1313 spots on the third image
		assertEquals(1313, spots.observedCount());
		assertTrue(spots.hasBoundingBoxes());
	}

	@Test
	void fittedViewShowsCentroidCrossesAtEverySpot() throws Exception {
		canvas.setDisplaySettings(DisplaySettings.defaults());
		canvas.setOverlaySettings(OverlaySettings.defaults());
		canvas.fit();
		ImageData img = canvas.snapshot();
		Path png = UiTestSupport.savePng(img, "thaumatin_0003_fit_greyscale.png");
		int spotColour = ColourScheme.GREYSCALE.spotColour();
		int inside = 0, hits = 0;
		for (int i = 0; i < spots.observedCount(); i++) {
			Point p = canvas.toScreen(spots.observedPanel(i), spots.observedX(i), spots.observedY(i));
			if (p.x < 0 || p.y < 0 || p.x >= img.width || p.y >= img.height) continue;
			inside++;
			if (UiTestSupport.rgbAt(img, p.x, p.y) == spotColour) hits++;
		}
		System.out.println("fitted view: " + inside + " centroids on screen, " + hits + " overlay pixels found; " + png);
		assertEquals(spots.observedCount(), inside, "the fitted view shows the whole detector");
		assertEquals(inside, hits, "every centroid pixel carries the spot overlay colour");
		// a pixel of the image away from every spot keeps a palette colour (the overlay does not flood the view)
		Point corner = canvas.toScreen(0, 30, 30);
		assertNotEquals(spotColour, UiTestSupport.rgbAt(img, corner.x, corner.y));
	}

	@Test
	void zoomedViewShowsBoundingBoxAndCentroid() throws Exception {
		canvas.setDisplaySettings(DisplaySettings.defaults().withScheme(ColourScheme.HEAT));
		canvas.setOverlaySettings(OverlaySettings.defaults());
		// the brightest spot's neighbourhood at 400 %
		int best = 0;
		int[] bb = spots.observedBbox(0);
		for (int i = 0; i < spots.observedCount(); i++) {
			int[] b = spots.observedBbox(i);
			if ((b[1] - b[0]) * (b[3] - b[2]) > (bb[1] - bb[0]) * (bb[3] - bb[2])) {
				best = i;
				bb = b;
			}
		}
		double px = detector.panel(0).pixelSize()[0];
		double zoom = 4 / px;
		int w = canvas.getClientArea().width, h = canvas.getClientArea().height;
		double u = spots.observedX(best) * px, v = spots.observedY(best) * px;
		canvas.setView(new ViewTransform(zoom, u - w / (2 * zoom), v - h / (2 * zoom)));
		assertEquals(4.0, canvas.getZoom(), 1e-9);
		ImageData img = canvas.snapshot();
		UiTestSupport.savePng(img, "thaumatin_0003_zoom400_heat.png");
		int spotColour = ColourScheme.HEAT.spotColour();
		Point c = canvas.toScreen(0, spots.observedX(best), spots.observedY(best));
		assertEquals(spotColour, UiTestSupport.rgbAt(img, c.x, c.y), "centroid cross");
		// the box edge: the top-left corner pixel of the bbox and the middle of its top edge
		Point tl = canvas.toScreen(0, bb[0], bb[2]);
		Point tr = canvas.toScreen(0, bb[1], bb[2]);
		assertEquals(spotColour, UiTestSupport.rgbAt(img, tl.x, tl.y), "bbox corner");
		assertEquals(spotColour, UiTestSupport.rgbAt(img, (tl.x + tr.x) / 2, tl.y), "bbox top edge");
		// inside the box but off the cross: the image (heat palette), not the overlay
		Point in = new Point((tl.x + c.x) / 2, (tl.y + c.y) / 2);
		if (Math.abs(in.x - c.x) > 5 && Math.abs(in.y - c.y) > 5) assertNotEquals(spotColour, UiTestSupport.rgbAt(img, in.x, in.y));
		// the peak pixel at 400 % is a 4 × 4 block of one palette colour
		canvas.fit();
	}

	@Test
	void pixelReadOutGivesValueResolutionAndTwoTheta() {
		canvas.fit();
		Panel p = detector.panel(0);
		int fx = 1800, fy = 1900;
		Point s = canvas.toScreen(0, fx + 0.5, fy + 0.5);
		PixelInfo info = canvas.pixelInfoAt(s.x, s.y);
		assertNotNull(info);
		assertEquals(0, info.panel());
		int xi = (int) Math.floor(info.x()), yi = (int) Math.floor(info.y());
		assertEquals(frame.value(0, xi, yi), info.value());
		assertEquals(p.resolutionAtPixel(beam.s0(), info.x(), info.y()), info.resolution(), 1e-9);
		assertEquals(Math.toDegrees(p.twoThetaAtPixel(beam.s0(), info.x(), info.y())), info.twoTheta(), 1e-9);
		// thaumatin at 351 mm, λ 0.9686 Å: that pixel lies near 3.3 Å
		assertTrue(info.resolution() > 2.5 && info.resolution() < 4.5, info.describe());
		assertTrue(Math.abs(info.x() - fx - 0.5) < 3 && Math.abs(info.y() - fy - 0.5) < 3, info.describe());
		System.out.println("read-out: " + info.describe());
		// the beam centre: resolution becomes very large
		double[] bc = p.beamCentrePx(beam.s0());
		Point b = canvas.toScreen(0, bc[0], bc[1]);
		assertTrue(canvas.pixelInfoAt(b.x, b.y).resolution() > 50);
	}

	@Test
	void colourSchemesAndBrightnessRemapTheSameFrame() throws Exception {
		canvas.setOverlaySettings(OverlaySettings.none());
		canvas.fit();
		// 100 % zoom on a background region so that one screen pixel is one detector pixel
		canvas.zoomToActualPixels();
		Point probe = new Point(canvas.getClientArea().width / 2, canvas.getClientArea().height / 2 + 150);
		PixelInfo info = canvas.pixelInfoAt(probe.x, probe.y);
		int last = -1;
		for (ColourScheme cs : ColourScheme.values()) {
			canvas.setDisplaySettings(new DisplaySettings(cs, 100, 100, true));
			ImageData img = canvas.snapshot();
			int rgb = UiTestSupport.rgbAt(img, probe.x, probe.y);
			assertNotEquals(last, rgb, "scheme " + cs + " recolours pixel " + info.describe());
			last = rgb;
		}
		canvas.setDisplaySettings(DisplaySettings.defaults());
		int before = UiTestSupport.rgbAt(canvas.snapshot(), probe.x, probe.y);
		canvas.setDisplaySettings(DisplaySettings.defaults().withBrightness(1000));
		int after = UiTestSupport.rgbAt(canvas.snapshot(), probe.x, probe.y);
		if (info.value() > 0) assertTrue((after & 0xFF) < (before & 0xFF), "brighter display: darker grey for " + info.describe());
		assertTrue(canvas.getFrame() == frame, "the canvas keeps the decoded frame");
		canvas.setDisplaySettings(DisplaySettings.defaults());
		canvas.fit();
		for (ColourScheme cs : ColourScheme.values()) {
			canvas.setDisplaySettings(new DisplaySettings(cs, 100, 100, true));
			canvas.setOverlaySettings(OverlaySettings.defaults());
			UiTestSupport.savePng(canvas.snapshot(), "thaumatin_0003_fit_" + cs.name().toLowerCase() + ".png");
		}
		canvas.setDisplaySettings(DisplaySettings.defaults());
	}
}
