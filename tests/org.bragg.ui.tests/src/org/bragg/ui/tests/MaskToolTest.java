package org.bragg.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Path2D;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bragg.cli.Bragg;
import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.io.ExperimentListIO;
import org.bragg.model.Beam;
import org.bragg.model.Detector;
import org.bragg.model.ExperimentList;
import org.bragg.spotfinding.MaskFiles;
import org.bragg.spotfinding.MaskGeneration;
import org.bragg.ui.core.ColourScheme;
import org.bragg.ui.core.DecodedFrame;
import org.bragg.ui.core.ImageCanvas;
import org.bragg.ui.core.MaskDefinition;
import org.bragg.ui.core.MaskTool;
import org.bragg.ui.imageviewer.UserMask;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image viewer's mask tool on the real Pilatus3 6M thaumatin sweep ({@code real_thaumatin_grid_i24},
 * DIALS 3.12 {@code sequence_mode/imported.expt}): shapes drawn with (synthetic) mouse events on an
 * {@link ImageCanvas}, saved as {@code mask.phil} + {@code pixels.mask}; {@code bragg generate_mask
 * imported.expt mask.phil} and {@code bragg apply_mask} must give the same pixels, and the polygon's
 * count must equal an independent point-in-polygon count (java.awt.geom, pixel centres, even–odd).
 */
class MaskToolTest {
	static Path expt;
	static Detector detector;
	static Beam beam;
	static Display display;
	static Shell shell;
	static ImageCanvas canvas;
	static ColourScheme scheme = ColourScheme.GREYSCALE;
	@TempDir Path dir;

	@BeforeAll
	static void load() throws Exception {
		Path ds = UiTestSupport.data("real_thaumatin_grid_i24");
		expt = ds.resolve("dials_reference/sequence_mode/imported.expt");
		ExperimentList el = ExperimentListIO.read(expt);
		detector = el.get(0).detector();
		beam = el.get(0).beam();
		FormatRegistry reg = UiTestSupport.registry();
		DecodedFrame frame;
		try (ImageFile f = reg.open(ds.resolve("images/thau_3_2_0001.cbf.bz2"))) {
			frame = new DecodedFrame("thau_3_2_0001.cbf.bz2", f.read(0), f.staticMask(0), detector);
		}
		display = UiTestSupport.display();
		shell = new Shell(display);
		shell.setLayout(new FillLayout());
		shell.setSize(1000, 1000);
		canvas = new ImageCanvas(shell, 0);
		shell.layout(true, true);
		shell.open();
		UiTestSupport.pump(display);
		canvas.setImage(frame, detector, beam);
		canvas.fit();
	}

	@AfterAll
	static void close() {
		if (shell != null) shell.dispose();
	}

	/** Sends a mouse event of type t at the screen pixel holding panel-0 pixel coordinate (x, y). */
	static void mouse(int type, double x, double y, int stateMask) {
		double[] s = canvas.toScreenPoint(0, x, y);
		Event e = new Event();
		e.type = type;
		e.button = 1;
		e.x = (int) Math.floor(s[0]);
		e.y = (int) Math.floor(s[1]);
		e.stateMask = stateMask;
		canvas.notifyListeners(type, e);
	}

	static void click(double x, double y) {
		mouse(SWT.MouseDown, x, y, 0);
		mouse(SWT.MouseUp, x, y, SWT.BUTTON1);
	}

	static void drag(double x0, double y0, double x1, double y1) {
		mouse(SWT.MouseDown, x0, y0, 0);
		mouse(SWT.MouseMove, (x0 + x1) / 2, (y0 + y1) / 2, SWT.BUTTON1);
		mouse(SWT.MouseMove, x1, y1, SWT.BUTTON1);
		mouse(SWT.MouseUp, x1, y1, SWT.BUTTON1);
	}

	int bragg(String... args) {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int rc = Bragg.run(args, dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, rc, "bragg " + String.join(" ", args) + ": " + err);
		return rc;
	}

	/** bragg generate_mask imported.expt mask.phil; bragg apply_mask imported.expt mask=cli.mask → the masked.expt's mask. */
	List<boolean[]> cliMask(Path phil) throws Exception {
		bragg("generate_mask", expt.toString(), phil.toString(), "output.mask=cli.mask");
		bragg("apply_mask", expt.toString(), "input.mask=cli.mask", "output.experiments=masked.expt");
		Path m = ExperimentListIO.read(dir.resolve("masked.expt")).get(0).imageSet().mask();
		assertTrue(m != null && Files.isSameFile(m, dir.resolve("cli.mask")), "masked.expt's mask lookup " + m);
		return MaskFiles.read(m);
	}

	@Test
	void polygonDrawnWithTheMouseMasksTheSamePixelsAsTheCommandLineAndAPointInPolygonCount() throws Exception {
		MaskTool tool = new MaskTool();
		canvas.setTool(tool);
		tool.setShape(MaskTool.Shape.POLYGON);
		double[][] corners = { { 600, 700 }, { 1500, 650 }, { 1750, 1600 }, { 900, 1900 }, { 450, 1300 } };
		for (double[] c : corners) click(c[0], c[1]);
		mouse(SWT.MouseDoubleClick, corners[4][0], corners[4][1], 0);
		List<MaskDefinition.Region> regions = tool.getDefinition().regions();
		assertEquals(1, regions.size(), "one polygon " + regions);
		MaskDefinition.Polygon poly = (MaskDefinition.Polygon) regions.get(0);
		assertEquals(0, poly.panel());
		int[] xy = poly.xy();
		assertEquals(2 * corners.length, xy.length, "five corners " + poly);
		double pxPerScreen = 1 / (canvas.getView().zoom() * canvas.getProjection().nominalPixelSize());
		for (int i = 0; i < corners.length; i++) {
			assertEquals(corners[i][0], xy[2 * i], pxPerScreen + 1, "corner " + i + " x");
			assertEquals(corners[i][1], xy[2 * i + 1], pxPerScreen + 1, "corner " + i + " y");
		}

		// the viewer's save: mask.phil + pixels.mask with the generate_mask code
		List<Path> saved = UserMask.save(tool.getDefinition(), detector, beam, dir);
		List<boolean[]> viewer = MaskFiles.read(saved.get(1));
		List<boolean[]> cli = cliMask(saved.get(0));
		assertEquals(1, cli.size());
		assertArrayEquals(cli.get(0), viewer.get(0), "bragg generate_mask mask.phil gives the viewer's pixels");

		// independent count: pixel centres inside the polygon (even-odd), java.awt.geom
		Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
		path.moveTo(xy[0], xy[1]);
		for (int i = 2; i < xy.length; i += 2) path.lineTo(xy[i], xy[i + 1]);
		path.closePath();
		int nF = detector.panel(0).nFast(), nS = detector.panel(0).nSlow();
		long inside = 0;
		for (int y = 0; y < nS; y++) for (int x = 0; x < nF; x++) if (path.contains(x + 0.5, y + 0.5)) inside++;
		long masked = MaskGeneration.countMasked(cli);
		System.out.println("polygon " + poly + ": " + masked + " pixels masked after apply_mask, point-in-polygon count " + inside);
		// pixel centres lying exactly on an edge may go either way: at most one pixel per edge row
		assertEquals(inside, masked, 2 * corners.length + 0.0);
		assertTrue(masked > 1_000_000, "the polygon covers about 1.2 M pixels, got " + masked);

		// the viewer tints the user-masked pixels on top of the default (trusted-range / static) mask
		canvas.setUserMask(null);
		ImageData before = canvas.snapshot();
		canvas.setUserMask(UserMask.pixels(tool.getDefinition(), detector, beam));
		ImageData after = canvas.snapshot();
		UiTestSupport.savePng(after, "thaumatin_mask_polygon.png");
		double[] in = canvas.toScreenPoint(0, 1100, 1250), out = canvas.toScreenPoint(0, 2200, 300);
		int bi = UiTestSupport.rgbAt(before, (int) in[0], (int) in[1]), ai = UiTestSupport.rgbAt(after, (int) in[0], (int) in[1]);
		int half = (scheme.maskColour() >> 1) & 0x7F7F7F;
		assertEquals(((bi >> 1) & 0x7F7F7F) + half, ai, "inside the polygon: half image, half mask colour");
		assertEquals(UiTestSupport.rgbAt(before, (int) out[0], (int) out[1]), UiTestSupport.rgbAt(after, (int) out[0], (int) out[1]), "outside: unchanged");
		canvas.setUserMask(null);
		canvas.setTool(null);
	}

	@Test
	void circleRectangleAndResolutionRangeRoundTripThroughMaskPhil() throws Exception {
		MaskTool tool = new MaskTool();
		canvas.setTool(tool);
		tool.setShape(MaskTool.Shape.CIRCLE);
		drag(500, 500, 600, 500);
		tool.setShape(MaskTool.Shape.RECTANGLE);
		drag(1800, 200, 2300, 500);
		tool.setShape(MaskTool.Shape.RESOLUTION_RANGE);
		double[] bc = beam.s0() == null ? null : canvas.getProjection().projectRay(beam.s0());
		double[] bpx = canvas.getProjection().toPixel(0, bc[0], bc[1]);
		drag(bpx[0] + 700, bpx[1], bpx[0] + 760, bpx[1]);
		List<MaskDefinition.Region> r = tool.getDefinition().regions();
		assertEquals(3, r.size(), r.toString());
		MaskDefinition.Circle c = (MaskDefinition.Circle) r.get(0);
		assertEquals(100, c.r(), 4, "radius " + c);
		MaskDefinition.Rectangle q = (MaskDefinition.Rectangle) r.get(1);
		assertEquals(500, q.x1() - q.x0(), 6);
		assertEquals(300, q.y1() - q.y0(), 6);
		MaskDefinition.ResolutionRange rr = (MaskDefinition.ResolutionRange) r.get(2);
		assertNotEquals(rr.d1(), rr.d2());
		String phil = tool.getDefinition().toPhil();
		assertTrue(phil.contains("circle = ") && phil.contains("rectangle = ") && phil.contains("resolution_range = "), phil);

		List<Path> saved = UserMask.save(tool.getDefinition(), detector, beam, dir);
		List<boolean[]> viewer = MaskFiles.read(saved.get(1)), cli = cliMask(saved.get(0));
		assertArrayEquals(cli.get(0), viewer.get(0), "bragg generate_mask mask.phil gives the viewer's pixels");
		long n = MaskGeneration.countMasked(cli);
		long expected = Math.round(Math.PI * c.r() * c.r()) + (long) (q.x1() - q.x0()) * (q.y1() - q.y0());
		assertTrue(n > expected, n + " masked pixels: circle and rectangle (" + expected + ") plus an annulus");
		canvas.setUserMask(UserMask.pixels(tool.getDefinition(), detector, beam));
		UiTestSupport.savePng(canvas.snapshot(), "thaumatin_mask_shapes.png");
		canvas.setUserMask(null);
		canvas.setTool(null);
	}
	/**
	 * The viewer's mask code against DIALS 3.12 on the same geometry (sequence_mode/imported.expt):
	 * {@code dials.generate_mask imported.expt mask.phil} with the polygon below masks 1 171 853 pixels;
	 * with a circle 500,500,100, a rectangle 1800,2300,200,500 and resolution_range=3.0,3.2 it masks
	 * 373 530 pixels.
	 */
	@Test
	void maskDefinitionsMaskTheSamePixelsAsDialsGenerateMask() {
		MaskDefinition poly = new MaskDefinition(List.of(new MaskDefinition.Polygon(0, new int[] { 600, 699, 1501, 649, 1751, 1599, 900, 1901, 449, 1300 })));
		assertEquals(1_171_853, MaskGeneration.countMasked(UserMask.pixels(poly, detector, beam)));
		MaskDefinition shapes = new MaskDefinition(List.of(new MaskDefinition.Circle(0, 500, 500, 100), new MaskDefinition.Rectangle(0, 1800, 2300, 200, 500),
				new MaskDefinition.ResolutionRange(3.2, 3.0)));
		assertEquals(373_530, MaskGeneration.countMasked(UserMask.pixels(shapes, detector, beam)));
	}

	@Test
	void rectangleOnACspadAsicBelongsToThatPanel() throws Exception {
		Path ds = UiTestSupport.data("real_thermolysin_cspad");
		Detector det;
		Beam b;
		DecodedFrame frame;
		try (ImageFile f = UiTestSupport.registry().open(ds.resolve("images/idx-20130301060858401.cbf"))) {
			det = f.detector(0);
			b = f.beam(0);
			frame = new DecodedFrame("idx-20130301060858401.cbf", f.read(0), f.staticMask(0), det);
		}
		Shell s = new Shell(display);
		s.setLayout(new FillLayout());
		s.setSize(900, 900);
		ImageCanvas c = new ImageCanvas(s, 0);
		s.open();
		UiTestSupport.pump(display);
		try {
			c.setImage(frame, det, b);
			c.fit();
			c.zoomToActualPixels(); // one screen pixel per detector pixel, so the drag below is exact to a pixel
			MaskTool tool = new MaskTool();
			c.setTool(tool);
			tool.setShape(MaskTool.Shape.RECTANGLE);
			// drag over a 40 x 30 px area inside the ASIC under the view centre (the rotated ASICs of the CSPAD included)
			org.bragg.ui.core.PixelInfo centre = c.pixelInfoAt(450, 450);
			int k = centre == null ? -1 : centre.panel();
			if (k < 0) { // the view centre may fall in a gap: take the centre of panel 0 instead
				k = 0;
				double[] sc = c.toScreenPoint(0, det.panel(0).nFast() / 2.0, det.panel(0).nSlow() / 2.0);
				c.setView(c.getView().panBy(450 - sc[0], 450 - sc[1]));
			}
			int panel = k;
			double x0 = 40.5, y0 = 60.5, x1 = 80.5, y1 = 90.5;
			for (double[] q : new double[][] { { x0, y0, SWT.MouseDown, 0 }, { x1, y1, SWT.MouseMove, SWT.BUTTON1 }, { x1, y1, SWT.MouseUp, SWT.BUTTON1 } }) {
				double[] sp = c.toScreenPoint(panel, q[0], q[1]);
				Event e = new Event();
				e.button = 1;
				e.x = (int) Math.floor(sp[0]);
				e.y = (int) Math.floor(sp[1]);
				e.stateMask = (int) q[3];
				c.notifyListeners((int) q[2], e);
			}
			List<MaskDefinition.Region> r = tool.getDefinition().regions();
			assertEquals(1, r.size(), r.toString());
			MaskDefinition.Rectangle q = (MaskDefinition.Rectangle) r.get(0);
			assertEquals(panel, q.panel(), "the rectangle belongs to the ASIC it was drawn on");
			assertEquals(40, q.x1() - q.x0(), 1.0, q.toString());
			assertEquals(30, q.y1() - q.y0(), 1.0, q.toString());
			List<boolean[]> m = UserMask.pixels(tool.getDefinition(), det, b);
			assertEquals(64, m.size());
			for (int i = 0; i < m.size(); i++) {
				long n = MaskGeneration.countMasked(List.of(m.get(i)));
				assertEquals(i == panel ? (long) (q.x1() - q.x0()) * (q.y1() - q.y0()) : 0, n, "panel " + i);
			}
			c.setUserMask(m);
			UiTestSupport.savePng(c.snapshot(), "cspad_mask_rectangle.png");
		} finally {
			s.dispose();
		}
	}
}
