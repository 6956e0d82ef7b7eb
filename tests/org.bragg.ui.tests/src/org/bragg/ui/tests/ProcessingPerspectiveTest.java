package org.bragg.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.bragg.format.FormatRegistry;
import org.bragg.model.Progress;
import org.bragg.ui.core.ColourScheme;
import org.bragg.ui.core.ReflectionOverlay;
import org.bragg.ui.imageviewer.DataSession;
import org.bragg.ui.imageviewer.DataSet;
import org.bragg.ui.imageviewer.internal.ConsolePart;
import org.bragg.ui.imageviewer.internal.DataExplorerPart;
import org.bragg.ui.imageviewer.internal.DataLoader;
import org.bragg.ui.imageviewer.internal.ImageViewerPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three parts of the Processing perspective hosted in a plain shell (no workbench), on the DIALS
 * stills-mode {@code imported.expt} and {@code strong.refl} of the thaumatin grid scan: explorer tree,
 * image viewer with spots, frame stepping and the console log.
 */
class ProcessingPerspectiveTest {
	Display display;
	Shell shell;
	DataSession session;
	FormatRegistry registry;
	DataExplorerPart explorer;
	ImageViewerPart viewer;
	ConsolePart console;

	@BeforeEach
	void open() {
		display = UiTestSupport.display();
		registry = UiTestSupport.registry();
		session = new DataSession();
		shell = new Shell(display);
		shell.setText("Bragg — Processing (test host)");
		shell.setLayout(new FillLayout());
		shell.setSize(1270, 950);
		SashForm h = new SashForm(shell, SWT.HORIZONTAL);
		explorer = new DataExplorerPart(session, registry);
		explorer.createControls(h);
		SashForm v = new SashForm(h, SWT.VERTICAL);
		viewer = new ImageViewerPart(session, registry);
		viewer.createControls(v);
		console = new ConsolePart(session);
		console.createControls(v);
		v.setWeights(80, 20);
		h.setWeights(24, 76);
		shell.open();
		display.setCursorLocation(1260, 940); // park the pointer on the console so that no tooltip covers the screenshot
		UiTestSupport.pump(display);
	}

	@AfterEach
	void close() {
		viewer.dispose();
		explorer.dispose();
		console.dispose();
		shell.dispose();
	}

	static void waitFor(Display d, BooleanSupplier cond, long ms) {
		long end = System.currentTimeMillis() + ms;
		while (!cond.getAsBoolean() && System.currentTimeMillis() < end) {
			d.timerExec(20, () -> {});
			if (!d.readAndDispatch()) d.sleep();
		}
		UiTestSupport.pump(d);
	}

	@Test
	void stillsExperimentsWithStrongSpots() throws Exception {
		Path ref = UiTestSupport.data("real_thaumatin_grid_i24").resolve("dials_reference/stills_mode");
		List<DataSet> ds = new DataLoader(session, registry).open(List.of(ref.resolve("imported.expt"), ref.resolve("strong.refl")), Progress.NONE);
		assertEquals(1, ds.size(), "the .refl joins the .expt's data set (same experiment identifiers)");
		DataSet d = ds.get(0);
		assertEquals(19, d.experiments().size());
		assertEquals(13282, d.latestReflections().size());
		session.setActive(d, 2);
		waitFor(display, () -> viewer.currentFrame() == 2 && viewer.isFrameShown(), 60_000);
		assertEquals(19, viewer.frameCount());
		assertTrue(viewer.isFrameShown());
		assertNotNull(viewer.canvas().getFrame(), "image 3 decoded and shown");
		ReflectionOverlay spots = viewer.canvas().getReflections();
		assertEquals(1313, spots.observedCount(), "strong spots of image 3 (experiment id 2)");
		// centroid pixels carry the overlay in the real part as well
		org.eclipse.swt.graphics.ImageData img = viewer.canvas().snapshot();
		int hits = 0, inside = 0;
		for (int i = 0; i < spots.observedCount(); i++) {
			Point p = viewer.canvas().toScreen(spots.observedPanel(i), spots.observedX(i), spots.observedY(i));
			if (p.x < 0 || p.y < 0 || p.x >= img.width || p.y >= img.height) continue;
			inside++;
			if (UiTestSupport.rgbAt(img, p.x, p.y) == ColourScheme.GREYSCALE.spotColour()) hits++;
		}
		assertTrue(inside > 1000, inside + " centroids on screen");
		assertEquals(inside, hits);
		explorer.viewer().expandToLevel(2);
		UiTestSupport.pump(display);
		assertTrue(console.text().getText().contains("13282 reflections"), console.text().getText());
		Path png = screenshot("processing_perspective_thaumatin_0003.png");
		System.out.println("screenshot " + png);

		// threshold preview of image 3 in the viewer: the strong pixels of the spot-finding kernel (DIALS: 29868)
		viewer.setThresholdMode(org.bragg.ui.imageviewer.internal.ThresholdPreview.MODES.length);
		waitFor(display, () -> viewer.thresholdPreview() != null, 60_000);
		assertEquals(29868, viewer.thresholdPreview().strongPixels());
		viewer.canvas().setOverlaySettings(org.bragg.ui.core.OverlaySettings.defaults());
		viewer.canvas().setView(new org.bragg.ui.core.ViewTransform(2 / 0.172, 1100 * 0.172, 1500 * 0.172));
		UiTestSupport.pump(display);
		System.out.println("screenshot " + screenshot("processing_threshold_preview_0003.png"));

		viewer.setThresholdMode(0);
		viewer.canvas().fit();

		// stepping: next image shows experiment 3's spots (1284 in DIALS)
		int decodes = viewer.frameCache().decodeCount();
		viewer.showFrame(3);
		waitFor(display, () -> viewer.isFrameShown(), 60_000);
		assertEquals(1284, viewer.canvas().getReflections().observedCount());
		assertTrue(viewer.frameCache().decodeCount() <= decodes + 2, "image 4 was prefetched or decoded once");
	}

	private Path screenshot(String name) throws Exception {
		shell.layout(true, true);
		shell.redraw(0, 0, shell.getSize().x, shell.getSize().y, true);
		waitFor(display, () -> false, 300);
		shell.update();
		Point size = shell.getSize();
		Image snap = new Image(display, size.x, size.y);
		GC gc = new GC(display);
		gc.copyArea(snap, shell.getBounds().x, shell.getBounds().y);
		gc.dispose();
		Path p = UiTestSupport.savePng(snap.getImageData(), name);
		snap.dispose();
		return p;
	}
}
