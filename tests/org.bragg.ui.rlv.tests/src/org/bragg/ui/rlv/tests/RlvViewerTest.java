package org.bragg.ui.rlv.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bragg.indexing.Indexer;
import org.bragg.indexing.IndexingParameters;
import org.bragg.indexing.IndexingResult;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.Detector;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Progress;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.params.Phil;
import org.bragg.ui.rlv.RlvCamera;
import org.bragg.ui.rlv.RlvMapper;
import org.bragg.ui.rlv.RlvParameters;
import org.bragg.ui.rlv.RlvParameters.ColourBy;
import org.bragg.ui.rlv.RlvPoints;
import org.bragg.ui.rlv.RlvRenderer;
import org.bragg.ui.rlv.internal.RlvViewer;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The viewer under Xvfb on Bragg's indexing of the two simulated sweeps (DIALS 3.12 strong spots,
 * indexed here with {@link Indexer}): a known lattice point lands on the expected pixel, the Max Z,
 * d_min and lattice controls show what they should, and each view is saved under
 * {@code target/screenshots/}.
 */
class RlvViewerTest {
	private static Display display;
	private static Shell shell;
	private static RlvViewer viewer;
	private static ExperimentList xrayExpts, edExpts;
	private static ReflectionTable xrayRefl, edRefl;

	@BeforeAll
	static void setUp() throws Exception {
		display = Display.getDefault();
		shell = new Shell(display);
		shell.setLayout(new FillLayout());
		viewer = new RlvViewer(shell);
		shell.setSize(1050, 700);
		shell.open();
		IndexingResult x = Indexer.index(RlvTestData.experiments("sim_xray_1a8o_p43212/dials_reference/imported.expt"),
				RlvTestData.reflections("sim_xray_1a8o_p43212/dials_reference/strong.refl"), IndexingParameters.defaults(), Indexer.refinementDefaults(),
				Progress.NONE, s -> {});
		xrayExpts = x.experiments();
		xrayRefl = x.reflections();
		IndexingResult e = Indexer.index(RlvTestData.experiments("sim_ed_1hpv_p61/dials_reference/imported.expt"),
				ReflectionTableIO.read(RlvTestData.edStrongSpots()), IndexingParameters.defaults(), Indexer.refinementDefaults(), Progress.NONE, s -> {});
		edExpts = e.experiments();
		edRefl = e.reflections();
	}

	@AfterAll
	static void tearDown() {
		if (shell != null) shell.dispose();
	}

	private static void pump() {
		for (int i = 0; i < 100 && display.readAndDispatch(); i++) {
			// drain
		}
	}

	private static RlvParameters params(String... args) throws Exception {
		return Phil.parse(java.util.List.of(args), RlvParameters.class).params();
	}

	@Test
	void projectsAKnownLatticePointToTheExpectedPixel() throws Exception {
		int[] hkl = xrayRefl.get(Columns.MILLER_INDEX);
		RlvPoints all = RlvMapper.map(xrayExpts, xrayRefl, false);
		int row = -1;
		for (int i = 0; i < all.size() && row < 0; i++) if (all.indexed()[i] && all.inlier()[i] && all.d()[i] < 3 && all.d()[i] > 2.5) row = i;
		assertTrue(row >= 0, "an indexed inlier at 2.5–3 Å");
		Mat3 a = xrayExpts.get(0).crystal().a();
		double[] r = new double[3];
		a.times(hkl[3 * row], hkl[3 * row + 1], hkl[3 * row + 2], r, 0);

		viewer.setData(xrayExpts, xrayRefl.select(new int[] { row }),
				params("marker_size=3", "show_reciprocal_cell=False", "show_rotation_axis=False", "show_beam_vector=False"));
		pump();
		RlvCamera cam = viewer.canvas().camera();
		int w = viewer.canvas().getSize().x, h = viewer.canvas().getSize().y;
		cam.setViewport(w, h);
		cam.resetView();
		double zoom = 0.4 * Math.min(w, h) / Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
		cam.setZoom(zoom);
		cam.rotateAboutViewAxis(0, 1, 0, Math.toRadians(30));
		cam.rotateAboutViewAxis(1, 0, 0, Math.toRadians(-20));
		// by hand: q = Rx(−20°)·Ry(30°)·r, screen = centre + zoom·(qx, −qy)
		double c30 = Math.cos(Math.toRadians(30)), s30 = Math.sin(Math.toRadians(30));
		double c20 = Math.cos(Math.toRadians(-20)), s20 = Math.sin(Math.toRadians(-20));
		double ux = c30 * r[0] + s30 * r[2], uy = r[1], uz = -s30 * r[0] + c30 * r[2];
		double qx = ux, qy = c20 * uy - s20 * uz;
		double ex = w / 2.0 + zoom * qx, ey = h / 2.0 - zoom * qy;

		ImageData img = viewer.canvas().snapshot();
		RlvTestData.savePng(img, "rlv_1a8o_single_point.png");
		int bg = viewer.renderer().background();
		double sx = 0, sy = 0;
		int n = 0;
		for (int y = 24; y < img.height; y++) // below the caption line
			for (int x = 0; x < img.width; x++)
				if (RlvTestData.rgbAt(img, x, y) != bg) {
					sx += x + 0.5;
					sy += y + 0.5;
					n++;
				}
		assertEquals(9, n, "one 3×3 marker");
		assertEquals(RlvRenderer.PALETTE[1], RlvTestData.rgbAt(img, (int) Math.floor(ex), (int) Math.floor(ey)), "lattice 0 colour at the expected pixel");
		// the observed spot is within 1 px of its lattice point A·h
		assertEquals(ex, sx / n, 1.0, "x of hkl " + hkl[3 * row] + " " + hkl[3 * row + 1] + " " + hkl[3 * row + 2]);
		assertEquals(ey, sy / n, 1.0, "y");
		// hovering there names the spot
		assertEquals(0, viewer.hover((int) Math.floor(ex), (int) Math.floor(ey)));
		String label = viewer.describe(0);
		assertTrue(label.contains("hkl " + hkl[3 * row] + " " + hkl[3 * row + 1] + " " + hkl[3 * row + 2]), label);
		assertEquals(-1, viewer.hover((int) Math.floor(ex) + 40, (int) Math.floor(ey)), "nothing within 6 px");
	}

	@Test
	void xray1a8oViews() throws Exception {
		views("1a8o", xrayExpts, xrayRefl);
	}

	@Test
	void electronDiffraction1hpvViews() throws Exception {
		views("1hpv", edExpts, edRefl);
	}

	private void views(String name, ExperimentList expts, ReflectionTable refl) throws Exception {
		viewer.setData(expts, refl, RlvParameters.defaults());
		pump();
		RlvRenderer r = viewer.renderer();
		RlvPoints p = r.points();
		int n = p.size();
		assertEquals(refl.size(), r.visibleCount());
		int indexed = 0;
		for (boolean b : p.indexed()) if (b) indexed++;
		assertTrue(indexed > 0.85 * n, name + ": " + indexed + " of " + n + " indexed");
		shot(name + "_lattice", 1000);
		// hover over an indexed spot: the status line names it
		int k = 0;
		while (!p.indexed()[k]) k++;
		double[] at = viewer.canvas().camera().project(new double[] { p.xyz()[3 * k], p.xyz()[3 * k + 1], p.xyz()[3 * k + 2] });
		int hit = viewer.hover((int) at[0], (int) at[1]);
		assertTrue(hit >= 0 && p.indexed()[hit], "hovered " + hit);
		assertTrue(viewer.describe(hit).contains("hkl"), viewer.describe(hit));
		shot(name + "_hover", 1000);
		viewer.hover(-100, -100);

		// frame colouring, turned so that the rotation wedge is seen edge-on-ish
		r.setColourBy(ColourBy.FRAME);
		viewer.canvas().camera().rotateAboutViewAxis(1, 0, 0, Math.toRadians(60));
		viewer.canvas().camera().rotateAboutViewAxis(0, 1, 0, Math.toRadians(30));
		shot(name + "_frame", 1000);

		// inlier/outlier colouring
		r.setColourBy(ColourBy.INLIER);
		viewer.canvas().resetView();
		shot(name + "_inlier", 1000);

		// Max Z at the middle of the sweep shows exactly the spots with z below it
		double[] zr = p.frameRange();
		double mid = (zr[0] + zr[1]) / 2;
		viewer.setMaxZ(mid);
		int expect = 0;
		for (float z : p.frame()) if (z <= r.zMax()) expect++;
		assertEquals(expect, r.visibleCount());
		assertTrue(expect > 0.3 * n && expect < 0.7 * n, "half the sweep: " + expect + " of " + n);
		r.setColourBy(ColourBy.LATTICE);
		shot(name + "_maxz_half", 500);
		viewer.setMaxZ(zr[1]);

		// d_min = 4 Å: only spots inside the 1/4 Å⁻¹ sphere, drawn inside its projected circle
		r.setDMin(4);
		r.setShowCell(false);
		r.setShowRotationAxis(false);
		r.setShowBeam(false);
		int inside = 0;
		for (float d : p.d()) if (d >= 4) inside++;
		assertEquals(inside, r.visibleCount());
		ImageData img = shot(name + "_dmin4", 50);
		RlvCamera cam = viewer.canvas().camera();
		double[] o = cam.origin();
		double rad = cam.zoom() / 4 + 3;
		for (int y = 24; y < img.height; y++)
			for (int x = 0; x < img.width; x++)
				if (RlvTestData.rgbAt(img, x, y) != r.background()) assertTrue(Math.hypot(x + 0.5 - o[0], y + 0.5 - o[1]) <= rad, "pixel " + x + "," + y + " outside d_min");
		r.setDMin(0);
		r.setShowCell(true);
		r.setShowRotationAxis(true);
		r.setShowBeam(true);

		// lattice toggle: hiding lattice 0 leaves the unindexed spots
		r.setLatticeVisible(0, false);
		assertEquals(n - indexed, r.visibleCount());
		r.setLatticeVisible(0, true);

		// crystal frame, looking down c*: rows of the lattice line up
		viewer.setData(expts, refl, params("crystal_frame=True"));
		pump();
		viewer.lookAlongReciprocal(2);
		viewer.canvas().camera().zoomBy(3);
		shot(name + "_crystal_frame_along_cstar", 1000);

		// white background, whole window with the controls
		viewer.setData(expts, refl, params("black_background=False", "colour_by=indexed"));
		pump();
		shot(name + "_white", 1000);
		Image win = new Image(display, shell.getSize().x, shell.getSize().y);
		GC gc = new GC(win);
		shell.print(gc);
		gc.dispose();
		RlvTestData.savePng(win.getImageData(), "rlv_" + name + "_window.png");
		win.dispose();
	}

	@Test
	void nudgingTheBeamCentreRemapsLive() throws Exception {
		viewer.setData(xrayExpts, xrayRefl, RlvParameters.defaults());
		pump();
		Mat3 a = xrayExpts.get(0).crystal().a();
		double before = RlvTestData.fractionNearInteger(viewer.renderer().points(), a, 0.1);
		Detector.Intersection bc = RlvMapper.beamCentre(xrayExpts);
		double dist = RlvMapper.distance(xrayExpts);
		viewer.canvas().camera().lookAlong(a.column(0).toArray(), a.column(1).toArray());
		viewer.canvas().camera().zoomBy(2.5);
		shot("1a8o_along_astar_true_beam_centre", 1000);
		viewer.setGeometry(bc.xMm() + 1.0, bc.yMm() - 0.6, dist);
		double off = RlvTestData.fractionNearInteger(viewer.renderer().points(), a, 0.1);
		Detector.Intersection now = RlvMapper.beamCentre(viewer.currentExperiments());
		assertEquals(bc.xMm() + 1.0, now.xMm(), 0.006, "spinner step is 0.01 mm");
		assertTrue(off < before - 0.3, "spots leave the lattice: " + off + " vs " + before);
		shot("1a8o_along_astar_beam_centre_off", 1000);
		viewer.setGeometry(bc.xMm(), bc.yMm(), dist);
		double back = RlvTestData.fractionNearInteger(viewer.renderer().points(), a, 0.1);
		assertEquals(before, back, 0.01, "nudged back");
	}

	private static ImageData shot(String name, int minPixels) throws Exception {
		viewer.canvas().redraw();
		pump();
		ImageData img = viewer.canvas().snapshot();
		Path p = RlvTestData.savePng(img, "rlv_" + name + ".png");
		int lit = RlvTestData.nonBackground(img, viewer.renderer().background());
		assertTrue(lit >= minPixels, p + ": only " + lit + " lit pixels");
		return img;
	}

}
