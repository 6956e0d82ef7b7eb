package org.bragg.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.format.ImageFiles;
import org.bragg.model.Beam;
import org.bragg.model.Detector;
import org.bragg.spotfinding.SpotFindingParameters;
import org.bragg.ui.core.ColourScheme;
import org.bragg.ui.core.DecodedFrame;
import org.bragg.ui.core.DisplaySettings;
import org.bragg.ui.core.FrameCache;
import org.bragg.ui.core.ImageCanvas;
import org.bragg.ui.imageviewer.internal.ThresholdPreview;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/**
 * Speed of the viewer on the real Pilatus3 6M thaumatin stills (2463 × 2527 px). Prints medians;
 * never asserts a time (machines differ), only that display changes do not decode again.
 *
 * <p>Measured: display of an already decoded frame (re-map + SWT image + overlays, 1000 × 1000 view),
 * a brightness change, frame stepping through the frames as the viewer does it (background decode with
 * read-ahead, then display) for bzip2-compressed files and for uncompressed copies, and one threshold
 * preview.
 */
class ViewerBenchmarkTest {

	@Test
	void speedOf6MFrames() throws Exception {
		Path images = UiTestSupport.data("real_thaumatin_grid_i24").resolve("images");
		FormatRegistry reg = UiTestSupport.registry();
		List<Path> bz2 = new ArrayList<>();
		for (int i = 1; i <= 12; i++) bz2.add(images.resolve(String.format("thau_3_2_%04d.cbf.bz2", i)));
		// uncompressed copies for the decode-bound numbers
		Path raw = Path.of("target", "bench-data");
		Files.createDirectories(raw);
		List<Path> cbf = new ArrayList<>();
		long tUnzip = System.nanoTime();
		for (Path p : bz2) {
			Path out = raw.resolve(p.getFileName().toString().replace(".bz2", ""));
			if (!Files.isRegularFile(out)) Files.write(out, ImageFiles.readAll(p));
			cbf.add(out);
		}
		System.out.printf("bench: uncompressed copies ready in %.1f s%n", (System.nanoTime() - tUnzip) / 1e9);

		Detector det;
		Beam beam;
		DecodedFrame frame;
		try (ImageFile f = reg.open(cbf.get(2))) {
			det = f.detector(0);
			beam = f.beam(0);
		}
		double[] decodeBz2 = new double[3], decodeRaw = new double[5];
		// distinct files, so that no cache below the viewer can help
		for (int i = 0; i < decodeBz2.length; i++) {
			Path p = bz2.get(4 + i);
			decodeBz2[i] = time(() -> decode(reg, p, det));
		}
		for (int i = 0; i < decodeRaw.length; i++) {
			Path p = cbf.get(4 + i);
			decodeRaw[i] = time(() -> decode(reg, p, det));
		}
		frame = decode(reg, cbf.get(2), det);

		Display display = UiTestSupport.display();
		Shell shell = new Shell(display);
		shell.setLayout(new FillLayout());
		shell.setSize(1000, 1000);
		ImageCanvas canvas = new ImageCanvas(shell, 0);
		shell.open();
		UiTestSupport.pump(display);
		canvas.setImage(frame, det, beam);
		canvas.update();
		// display of a decoded frame: re-map into the view and paint (fit, then 100 %)
		DecodedFrame other = decode(reg, cbf.get(3), det);
		double[] showFit = new double[15];
		for (int i = 0; i < showFit.length; i++) {
			DecodedFrame f = i % 2 == 0 ? other : frame;
			showFit[i] = time(() -> showAndWait(display, canvas, f));
		}
		double renderFit = canvas.getLastRenderNanos() / 1e6;
		int rendersBefore = canvas.getRenderCount();
		canvas.zoomToActualPixels();
		canvas.update();
		double[] show100 = new double[15];
		for (int i = 0; i < show100.length; i++) {
			DecodedFrame f = i % 2 == 0 ? other : frame;
			show100[i] = time(() -> showAndWait(display, canvas, f));
		}
		canvas.fit();
		canvas.update();
		// brightness and colour changes: no decode (the canvas holds no file), only a re-map
		double[] bright = new double[20];
		for (int i = 0; i < bright.length; i++) {
			DisplaySettings s = new DisplaySettings(ColourScheme.values()[i % 4], 50 + 10 * i, 100, true);
			int before = canvas.getRenderCount();
			bright[i] = time(() -> {
				canvas.setDisplaySettings(s);
				long end = System.currentTimeMillis() + 10_000;
				while (canvas.getRenderCount() == before && System.currentTimeMillis() < end) {
					if (!display.readAndDispatch()) {
						display.timerExec(1, () -> {});
						display.sleep();
					}
				}
			});
		}
		// frame stepping as the viewer does: cache with 2 decode threads, read-ahead of 2
		double fpsRaw = stepping(display, canvas, reg, cbf, det, cbf.size());
		double fpsBz2 = stepping(display, canvas, reg, bz2, det, 8);
		// threshold preview (the spot-finding kernels on one 6M panel), warm
		ThresholdPreview.compute(frame, det, SpotFindingParameters.defaults().threshold());
		double[] thr = new double[3];
		for (int i = 0; i < thr.length; i++) thr[i] = time(() -> ThresholdPreview.compute(frame, det, SpotFindingParameters.defaults().threshold()));
		shell.dispose();

		System.out.printf("bench: decode 6M frame: .cbf.bz2 %.0f ms, .cbf %.0f ms (median)%n", median(decodeBz2), median(decodeRaw));
		System.out.printf("bench: display decoded 6M frame, 1000x1000 view, fit: %.1f ms (re-map %.1f ms); 100%%: %.1f ms  [target <= 50 ms]%n",
				median(showFit), renderFit, median(show100));
		System.out.printf("bench: brightness/colour change: %.1f ms (median, no re-decode)%n", median(bright));
		System.out.printf("bench: frame stepping: %.1f frames/s uncompressed, %.2f frames/s .bz2  [target >= 5]%n", fpsRaw, fpsBz2);
		System.out.printf("bench: threshold preview (dispersion_extended, one 6M panel): %.0f ms (median)  [target <= 200 ms]%n", median(thr));
	}

	/** Steps through {@code n} frames: request, wait until decoded, show; reading ahead 2. @return frames/s */
	private static double stepping(Display display, ImageCanvas canvas, FormatRegistry reg, List<Path> files, Detector det, int n) throws Exception {
		try (FrameCache cache = new FrameCache(i -> decode(reg, files.get(i), det), 4, 2)) {
			long t0 = System.nanoTime(), wait = 0, show = 0;
			for (int i = 0; i < n; i++) {
				long a = System.nanoTime();
				DecodedFrame f = cache.get(i).get(60, TimeUnit.SECONDS);
				for (int k = i + 1; k <= Math.min(n - 1, i + 2); k++) cache.prefetch(k);
				long b = System.nanoTime();
				showAndWait(display, canvas, f);
				wait += b - a;
				show += System.nanoTime() - b;
			}
			double fps = n / ((System.nanoTime() - t0) / 1e9);
			System.out.printf("bench: stepping %d frames: %.0f ms waiting for decode, %.0f ms displaying per frame%n", n, wait / 1e6 / n, show / 1e6 / n);
			assertTrue(cache.decodeCount() <= n + 2, "each frame decoded once (plus read-ahead)");
			return fps;
		}
	}

	/** Sets the frame and runs the event loop until the canvas has re-mapped and painted it. */
	static void showAndWait(Display display, ImageCanvas canvas, DecodedFrame f) {
		int before = canvas.getRenderCount();
		canvas.setFrame(f);
		long end = System.currentTimeMillis() + 10_000;
		while (canvas.getRenderCount() == before && System.currentTimeMillis() < end) {
			if (!display.readAndDispatch()) {
				display.timerExec(1, () -> {});
				display.sleep();
			}
		}
	}

	static DecodedFrame decode(FormatRegistry reg, Path p, Detector det) throws org.bragg.model.BraggInputException {
		try (ImageFile f = reg.find(p).open(p)) {
			return new DecodedFrame(p.getFileName().toString(), f.read(0), f.staticMask(0), det);
		}
	}

	interface Work {
		void run() throws Exception;
	}

	static double time(Work w) throws Exception {
		long t = System.nanoTime();
		w.run();
		return (System.nanoTime() - t) / 1e6;
	}

	static double median(double[] v) {
		double[] c = v.clone();
		Arrays.sort(c);
		return c[c.length / 2];
	}
}
