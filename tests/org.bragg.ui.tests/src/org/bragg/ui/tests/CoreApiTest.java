package org.bragg.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bragg.format.PanelData;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Panel;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Vec3;
import org.bragg.ui.core.ColourScheme;
import org.bragg.ui.core.Datasets;
import org.bragg.ui.core.DecodedFrame;
import org.bragg.ui.core.DisplaySettings;
import org.bragg.ui.core.FrameCache;
import org.bragg.ui.core.ImageCanvas;
import org.bragg.ui.core.JobProgress;
import org.bragg.ui.core.ProgressJobs;
import org.bragg.ui.core.OverlaySettings;
import org.bragg.ui.core.ReflectionOverlay;
import org.bragg.ui.core.StackMode;
import org.bragg.ui.core.ViewTransform;
import org.bragg.model.Scan;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.january.dataset.Dataset;
import org.eclipse.january.dataset.IntegerDataset;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/** Frame cache, stacking, the Progress↔Jobs adapter and the January adapter, on synthetic data. */
class CoreApiTest {

	/** A 64 × 48 flat panel at 100 mm, 0.1 mm pixels, trusted above −1. */
	static Detector smallDetector() {
		Panel p = new Panel("p0", "SENSOR_PAD", new Vec3(1, 0, 0), new Vec3(0, -1, 0), new Vec3(-3.2, 2.4, -100), new int[] { 0, 0 },
				new int[] { 64, 48 }, new double[] { 0.1, 0.1 }, new double[] { -1, 1e6 }, 0, "Si", 0, "", List.of(), 1, 0,
				PxMmStrategy.SIMPLE);
		return Detector.single(p);
	}

	static DecodedFrame frame(int seed, Detector det) {
		int[] v = new int[64 * 48];
		for (int i = 0; i < v.length; i++) v[i] = (i * 31 + seed * 7) % 50;
		v[0] = -1; // a masked pixel
		return new DecodedFrame("synthetic " + seed, new PanelData[] { PanelData.ofInts(64, 48, v) }, null, det);
	}

	@Test
	void frameCacheDecodesEachFrameOnceAndStacks() throws Exception {
		Detector det = smallDetector();
		AtomicInteger loads = new AtomicInteger();
		try (FrameCache cache = new FrameCache(i -> {
			loads.incrementAndGet();
			return frame(i, det);
		}, 3, 2)) {
			DecodedFrame a = cache.get(0).get(10, TimeUnit.SECONDS);
			assertSame(a, cache.get(0).get(10, TimeUnit.SECONDS));
			assertEquals(1, cache.decodeCount());
			DecodedFrame sum = cache.stack(0, 3, StackMode.SUM, det).get(10, TimeUnit.SECONDS);
			DecodedFrame max = cache.stack(0, 3, StackMode.MAX, det).get(10, TimeUnit.SECONDS);
			assertEquals(3, cache.decodeCount(), "frames 1 and 2 decoded once for both stacks");
			int k = 5 * 64 + 7;
			int f0 = frame(0, det).panel(0).ints()[k], f1 = frame(1, det).panel(0).ints()[k], f2 = frame(2, det).panel(0).ints()[k];
			assertEquals(f0 + f1 + f2, sum.panel(0).ints()[k]);
			assertEquals(Math.max(f0, Math.max(f1, f2)), max.panel(0).ints()[k]);
			assertFalse(sum.isValid(0, 0, 0), "masked in any frame → masked in the stack");
			// capacity 3: a fourth frame evicts the least recently used
			cache.get(3).get(10, TimeUnit.SECONDS);
			assertTrue(cache.size() <= 3);
			// a failing decode is reported and not cached
			try (FrameCache bad = new FrameCache(i -> {
				throw new BraggInputException("broken.cbf: truncated");
			}, 2, 1)) {
				Throwable t = bad.get(0).handle((f, e) -> e).get(10, TimeUnit.SECONDS);
				assertTrue(t.getCause() instanceof BraggInputException, String.valueOf(t));
				assertEquals(0, bad.size());
			}
		}
	}

	@Test
	void displayChangesNeverDecode() throws Exception {
		Detector det = smallDetector();
		Display display = UiTestSupport.display();
		Shell shell = new Shell(display);
		shell.setLayout(new FillLayout());
		shell.setSize(300, 240);
		ImageCanvas canvas = new ImageCanvas(shell, 0);
		shell.open();
		try (FrameCache cache = new FrameCache(i -> frame(i, det), 4, 1)) {
			canvas.setImage(cache.get(0).get(10, TimeUnit.SECONDS), det, Beam.simple(1.0));
			int renders = canvas.getRenderCount();
			for (ColourScheme cs : ColourScheme.values())
				for (double b : new double[] { 20, 100, 400 }) {
					canvas.setDisplaySettings(new DisplaySettings(cs, b, 150, false));
					canvas.snapshot();
					canvas.zoomAbout(1.25, 100, 100);
				}
			assertEquals(1, cache.decodeCount(), "colour, brightness and zoom changes re-map the cached frame only");
			assertTrue(canvas.getRenderCount() >= renders + 12);
		} finally {
			shell.dispose();
		}
	}

	@Test
	void progressAdapterAndJobStatus() throws Exception {
		double[] worked = new double[1];
		NullProgressMonitor monitor = new NullProgressMonitor() {
			@Override
			public void internalWorked(double work) { worked[0] += work; }

			@Override
			public void worked(int work) { worked[0] += work; }
		};
		JobProgress p = new JobProgress(monitor);
		p.begin("Finding spots", 10);
		for (int i = 0; i < 10; i++) p.worked(1);
		p.begin("Writing", 1);
		p.worked(1);
		p.done();
		assertTrue(worked[0] > 700, "most of the bar advanced: " + worked[0]);
		assertFalse(p.isCancelled());
		monitor.setCanceled(true);
		assertTrue(p.isCancelled(), "the Job's Cancel button stops the stage");

		Job bad = ProgressJobs.create("bad input", "org.bragg.ui.tests", pr -> {
			throw new BraggInputException("thau_3_2_0099.cbf.bz2: file not found");
		});
		bad.setSystem(true);
		bad.schedule();
		bad.join();
		assertEquals(IStatus.ERROR, bad.getResult().getSeverity());
		assertEquals("thau_3_2_0099.cbf.bz2: file not found", bad.getResult().getMessage());
		assertEquals(null, bad.getResult().getException(), "a user error carries no stack trace");
		Job bug = ProgressJobs.create("bug", "org.bragg.ui.tests", pr -> {
			throw new IllegalStateException("oops");
		});
		bug.setSystem(true);
		bug.schedule();
		bug.join();
		assertTrue(bug.getResult().getException() instanceof IllegalStateException);
	}

	@Test
	void predictionsMillerLabelsAndRotationSelection() throws Exception {
		Detector det = smallDetector();
		// three rows: an observed spot on images 2–3 (bbox z 1..3), a prediction with hkl on image 1 (z 0.5),
		// and a row of experiment 1 that must not show
		ReflectionTable t = new ReflectionTable(3);
		t.put(Columns.ID, new int[] { 0, 0, 1 });
		t.put(Columns.PANEL, new long[] { 0, 0, 0 });
		t.put(Columns.XYZOBS_PX_VALUE, new double[] { 20.5, 10.5, 2.0, 0, 0, 0, 5, 5, 0.5 });
		t.put(Columns.BBOX, new int[] { 18, 23, 8, 13, 1, 3, 0, 0, 0, 0, 0, 0, 3, 8, 3, 8, 0, 1 });
		t.put(Columns.XYZCAL_PX, new double[] { 0, 0, 0, 40.5, 30.5, 0.5, 5, 5, 0.5 });
		t.put(Columns.MILLER_INDEX, new int[] { 0, 0, 0, 1, -2, 3, 4, 5, 6 });
		Scan scan = new Scan(1, 4, 0, 0.5, new double[4], new double[4], 0);
		ReflectionOverlay img1 = ReflectionOverlay.forImage(t, 0, scan, 0), img2 = ReflectionOverlay.forImage(t, 0, scan, 1);
		assertEquals(0, img1.observedCount());
		assertEquals(1, img1.predictedCount());
		assertEquals(1, img2.observedCount(), "the spot's bbox spans images 2 and 3");
		assertEquals(0, img2.predictedCount());
		assertEquals(3, img1.millerIndex(0)[2]);

		Display display = UiTestSupport.display();
		Shell shell = new Shell(display);
		shell.setLayout(new FillLayout());
		shell.setSize(640, 480);
		ImageCanvas canvas = new ImageCanvas(shell, 0);
		shell.open();
		try {
			canvas.setImage(frame(0, det), det, Beam.simple(1.0));
			canvas.setDisplaySettings(DisplaySettings.defaults().withScheme(ColourScheme.HEAT));
			canvas.setOverlaySettings(OverlaySettings.none().withPredictions(true).withMillerIndices(true));
			canvas.setView(new ViewTransform(10 / 0.1, 0, 0)); // 10 screen px per detector pixel
			canvas.setReflections(img1);
			org.eclipse.swt.graphics.ImageData d = canvas.snapshot();
			UiTestSupport.savePng(d, "synthetic_prediction_hkl.png");
			org.eclipse.swt.graphics.Point c = canvas.toScreen(0, 40.5, 30.5);
			int pred = ColourScheme.HEAT.predictionColour();
			assertEquals(pred, UiTestSupport.rgbAt(d, c.x + 3, c.y), "prediction circle");
			int label = 0;
			for (int y = c.y + 2; y < c.y + 20; y++) for (int x = c.x + 4; x < c.x + 60; x++) if (UiTestSupport.rgbAt(d, x, y) == pred) label++;
			assertTrue(label > 10, "Miller index label drawn: " + label + " pixels");
		} finally {
			shell.dispose();
		}
	}

	@Test
	void januaryDatasets() {
		int[] v = new int[6 * 4];
		for (int i = 0; i < v.length; i++) v[i] = i;
		PanelData p = PanelData.ofInts(6, 4, v);
		Dataset d = Datasets.toDataset(p, "panel 0");
		assertTrue(d instanceof IntegerDataset);
		assertEquals(2, d.getRank());
		assertEquals(4, d.getShapeRef()[0], "rows = slow");
		assertEquals(6, d.getShapeRef()[1], "columns = fast");
		assertEquals(2 * 6 + 5, d.getInt(2, 5), "element (y, x) = pixel (x, y)");
		PanelData back = Datasets.toPanelData(d);
		assertEquals(6, back.nFast());
		assertEquals(4, back.nSlow());
		assertEquals(p.sum(), back.sum());
		double[] dv = new double[6 * 4];
		dv[7] = 2.5;
		Dataset dd = Datasets.toDataset(PanelData.ofDoubles(6, 4, dv), "doubles");
		assertEquals(2.5, dd.getDouble(1, 1));
		boolean[] m = new boolean[24];
		m[23] = true;
		assertTrue(Datasets.toMaskDataset(m, 6, 4).getBoolean(3, 5));
	}
}
