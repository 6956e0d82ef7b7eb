package org.bragg.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.bragg.format.FormatReader;
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

/**
 * Speed of the image viewer on the real Pilatus3 6M thaumatin frames (2463 × 2527 px), run by
 * {@code dev/bench_viewer.sh} (a benchmark, not a test: it prints figures and asserts nothing about
 * time). Usage: {@code ViewerBenchmark <images dir> <scratch dir> display|threshold}.
 *
 * <ul>
 * <li>{@code display}: decode times (.cbf.bz2 and uncompressed .cbf), display of an already decoded
 * frame (re-map + SWT image + overlays, 1000 × 1000 view, fitted and at 100 %), colour, brightness and
 * zoom changes (with the decode count of the frame cache before and after), frame stepping through the
 * sweep as the viewer does it (frame cache with 2 decode threads and read-ahead).</li>
 * <li>{@code threshold}: the threshold preview (dispersion_extended kernels) of one 6M frame; the script
 * runs it on one core ({@code taskset -c 0}, {@code -XX:ActiveProcessorCount=1}).</li>
 * </ul>
 */
public final class ViewerBenchmark {
	private ViewerBenchmark() {}

	public static void main(String[] args) throws Exception {
		Path images = Path.of(args[0]), scratch = Path.of(args[1]);
		String mode = args.length > 2 ? args[2] : "display";
		FormatRegistry reg = FormatRegistry.fromServiceLoader();
		for (FormatReader f : ServiceLoader.load(FormatReader.class)) reg.add(f);
		List<Path> bz2 = new ArrayList<>();
		try (var s = Files.list(images)) {
			s.filter(p -> p.getFileName().toString().endsWith(".cbf.bz2")).sorted().forEach(bz2::add);
		}
		Files.createDirectories(scratch);
		List<Path> cbf = new ArrayList<>();
		for (Path p : bz2) {
			Path out = scratch.resolve(p.getFileName().toString().replace(".bz2", ""));
			if (!Files.isRegularFile(out)) Files.write(out, ImageFiles.readAll(p));
			cbf.add(out);
		}
		Detector det;
		Beam beam;
		try (ImageFile f = reg.open(cbf.get(0))) {
			det = f.detector(0);
			beam = f.beam(0);
		}
		if (mode.equals("threshold")) {
			DecodedFrame frame = decode(reg, cbf.get(2), det);
			SpotFindingParameters.Threshold t = SpotFindingParameters.defaults().threshold();
			for (int i = 0; i < 3; i++) ThresholdPreview.compute(frame, det, t); // warm-up
			double[] thr = new double[7];
			cpuSamples.clear();
			for (int i = 0; i < thr.length; i++) thr[i] = time(() -> ThresholdPreview.compute(frame, det, t));
			System.out.printf("threshold preview of one 6M frame (%s, %d processor(s)): %.0f ms median, %.0f ms best (process CPU %.0f ms)  [target <= 200 ms on one core]%n",
					t.algorithm(), Runtime.getRuntime().availableProcessors(), median(thr), Arrays.stream(thr).min().getAsDouble(), cpuMedian());
			return;
		}

		double[] decodeBz2 = new double[3], decodeRaw = new double[5];
		for (int i = 0; i < decodeBz2.length; i++) {
			Path p = bz2.get(4 + i);
			decodeBz2[i] = time(() -> decode(reg, p, det));
		}
		for (int i = 0; i < decodeRaw.length; i++) {
			Path p = cbf.get(4 + i);
			decodeRaw[i] = time(() -> decode(reg, p, det));
		}
		System.out.printf("decode one 6M frame (read + decompress + static mask): .cbf.bz2 %.0f ms, .cbf %.0f ms (median)%n", median(decodeBz2),
				median(decodeRaw));

		Display display = Display.getDefault();
		Shell shell = new Shell(display);
		shell.setLayout(new FillLayout());
		shell.setSize(1000, 1000);
		ImageCanvas canvas = new ImageCanvas(shell, 0);
		shell.open();
		pump(display);
		try (FrameCache cache = new FrameCache(i -> ImageCanvas.prepare(decode(reg, cbf.get(i), det)), 4, 2)) {
			DecodedFrame a = cache.get(2).get(60, TimeUnit.SECONDS), b = cache.get(3).get(60, TimeUnit.SECONDS);
			canvas.setImage(a, det, beam);
			canvas.update();
			for (int i = 0; i < 6; i++) showAndWait(display, canvas, i % 2 == 0 ? b : a); // warm-up
			cpuSamples.clear();
			double[] fit = new double[21];
			for (int i = 0; i < fit.length; i++) {
				DecodedFrame f = i % 2 == 0 ? b : a;
				fit[i] = time(() -> showAndWait(display, canvas, f));
			}
			double cpuFit = cpuMedian();
			canvas.zoomToActualPixels();
			canvas.update();
			double[] full = new double[21];
			for (int i = 0; i < full.length; i++) {
				DecodedFrame f = i % 2 == 0 ? b : a;
				full[i] = time(() -> showAndWait(display, canvas, f));
			}
			canvas.fit();
			canvas.update();
			double cpuFull = cpuMedian();
			System.out.printf("display of an already decoded 6M frame, 1000x1000 view: fitted %.1f ms, 100%% zoom %.1f ms (median of %d; process CPU %.1f and %.1f ms)  [target <= 50 ms]%n",
					median(fit), median(full), fit.length, cpuFit, cpuFull);

			int decodesBefore = cache.decodeCount();
			double[] colour = new double[20], zoom = new double[20];
			cpuSamples.clear();
			for (int i = 0; i < colour.length; i++) {
				DisplaySettings s = new DisplaySettings(ColourScheme.values()[i % ColourScheme.values().length], 50 + 10 * i, 80 + 5 * i, true);
				colour[i] = time(() -> changeAndWait(display, canvas, () -> canvas.setDisplaySettings(s)));
			}
			double cpuColour = cpuMedian();
			for (int i = 0; i < zoom.length; i++) {
				double factor = i % 2 == 0 ? 1.25 : 0.8;
				zoom[i] = time(() -> changeAndWait(display, canvas, () -> canvas.zoomAbout(factor, 500, 500)));
			}
			double cpuZoom = cpuMedian();
			System.out.printf("colour scheme/brightness/contrast change: %.1f ms, zoom step: %.1f ms (median; process CPU %.1f and %.1f ms); frames decoded meanwhile: %d%n",
					median(colour), median(zoom), cpuColour, cpuZoom, cache.decodeCount() - decodesBefore);
		}
		double fpsRaw = stepping(display, canvas, reg, cbf, det, cbf.size());
		double fpsBz2 = stepping(display, canvas, reg, bz2, det, Math.min(8, bz2.size()));
		System.out.printf("frame-to-frame stepping through the 6M sweep: %.1f frames/s from .cbf, %.2f frames/s from .cbf.bz2  [target >= 5 frames/s]%n", fpsRaw,
				fpsBz2);
		shell.dispose();
		display.dispose();
	}

	/** Steps through {@code n} frames as the viewer does: request, wait until decoded, show; read ahead 2. @return frames/s */
	static double stepping(Display display, ImageCanvas canvas, FormatRegistry reg, List<Path> files, Detector det, int n) throws Exception {
		try (FrameCache cache = new FrameCache(i -> ImageCanvas.prepare(decode(reg, files.get(i), det)), 4, 2)) {
			long t0 = System.nanoTime(), wait = 0, show = 0, render = 0;
			for (int i = 0; i < n; i++) {
				long a = System.nanoTime();
				DecodedFrame f = cache.get(i).get(120, TimeUnit.SECONDS);
				for (int k = i + 1; k <= Math.min(n - 1, i + 2); k++) cache.prefetch(k);
				long b = System.nanoTime();
				showAndWait(display, canvas, f);
				render += canvas.getLastRenderNanos();
				wait += b - a;
				show += System.nanoTime() - b;
			}
			double fps = n / ((System.nanoTime() - t0) / 1e9);
			System.out.printf("  stepping %d frames (%s): %.0f ms waiting for the decoder, %.0f ms displaying (%.0f ms of it re-mapping), per frame; %d decodes%n", n,
					files.get(0).getFileName().toString().endsWith(".bz2") ? ".cbf.bz2" : ".cbf", wait / 1e6 / n, show / 1e6 / n, render / 1e6 / n, cache.decodeCount());
			return fps;
		}
	}

	static void showAndWait(Display display, ImageCanvas canvas, DecodedFrame f) {
		changeAndWait(display, canvas, () -> canvas.setFrame(f));
	}

	/** Applies a change and runs the event loop until the canvas has re-mapped and painted. */
	static void changeAndWait(Display display, ImageCanvas canvas, Runnable change) {
		int before = canvas.getRenderCount();
		change.run();
		long end = System.currentTimeMillis() + 10_000;
		while (canvas.getRenderCount() == before && System.currentTimeMillis() < end) {
			if (!display.readAndDispatch()) {
				display.timerExec(1, () -> {});
				display.sleep();
			}
		}
	}

	static void pump(Display d) {
		for (int i = 0; i < 200 && d.readAndDispatch(); i++) {
			// drain
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
		long t = System.nanoTime(), c = cpu();
		w.run();
		lastCpu = (cpu() - c) / 1e6;
		cpuSamples.add(lastCpu);
		return (System.nanoTime() - t) / 1e6;
	}

	static double lastCpu;
	static final List<Double> cpuSamples = new ArrayList<>();

	/** @return the median process CPU time (ms, all threads) of the samples since the last call */
	static double cpuMedian() {
		double[] v = cpuSamples.stream().mapToDouble(Double::doubleValue).toArray();
		cpuSamples.clear();
		return v.length == 0 ? Double.NaN : median(v);
	}

	/** @return the CPU time of this process, ns (all threads): on a loaded machine a fairer figure than wall time */
	static long cpu() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	static double median(double[] v) {
		double[] c = v.clone();
		Arrays.sort(c);
		return c[c.length / 2];
	}
}
