package org.bragg.ui.diagnostics.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bragg.cli.Bragg;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * The processed sweeps the views are tested on: {@code bragg process} of a shared dataset into
 * {@code target/processed/<dataset>} (kept between test classes of one run, and re-used by later runs while
 * {@code scaled.refl} and the refinement runs exist), followed by two static refinements of {@code refined.*}
 * that record their history and corrgrams: {@code free_history.json}/{@code free_corr.json} (all parameters
 * free) and {@code fixed_history.json}/{@code fixed_corr.json} ({@code detector.fix_list=Dist,Tau2,Tau3}).
 */
final class Processed {
	private Processed() {}

	private static final Map<String, Path> DONE = new HashMap<>();

	static synchronized Path dataset(String name, String... processArgs) throws Exception {
		Path done = DONE.get(name);
		if (done != null) return done;
		Path images = shared(name).resolve("images");
		Path dir = Path.of("target", "processed", name).toAbsolutePath();
		Files.createDirectories(dir);
		if (!Files.exists(dir.resolve("scaled.refl"))) {
			List<String> a = new ArrayList<>(List.of("process", images.toString()));
			a.addAll(List.of(processArgs));
			run(dir, a.toArray(String[]::new));
		}
		for (String[] run : new String[][] { { "free" }, { "fixed", "detector.fix_list=Dist,Tau2,Tau3" } }) {
			if (Files.exists(dir.resolve(run[0] + "_history.json")) && Files.exists(dir.resolve(run[0] + "_corr.json"))) continue;
			List<String> a = new ArrayList<>(List.of("refine", "refined.expt", "refined.refl", "scan_varying=False", "output.experiments=" + run[0] + ".expt",
					"output.reflections=" + run[0] + ".refl", "output.history=" + run[0] + "_history.json",
					"output.correlation_plot.filename=" + run[0] + "_corr.png", "track_condition_number=True"));
			for (int k = 1; k < run.length; k++) a.add(run[k]);
			run(dir, a.toArray(String[]::new));
		}
		DONE.put(name, dir);
		return dir;
	}

	static void run(Path dir, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int st = Bragg.run(args, dir, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, st, String.join(" ", args) + " failed: " + err.toString(StandardCharsets.UTF_8));
	}

	/** {@code ../shared/data/<name>}: system property {@code bragg.shared.data}, then relative guesses, then /work/shared/data. */
	static Path shared(String dataset) {
		String prop = System.getProperty("bragg.shared.data");
		for (String c : new String[] { prop, "../shared/data", "../../shared/data", "../../../shared/data", "/work/shared/data" }) {
			if (c == null) continue;
			Path p = Path.of(c).toAbsolutePath().normalize();
			if (Files.isDirectory(p.resolve(dataset))) return p.resolve(dataset);
		}
		return fail("shared dataset " + dataset + " not found: set -Dbragg.shared.data=/path/to/shared/data");
	}

	/** Pumps the event loop for {@code ms} milliseconds. */
	static void pump(Display d, long ms) {
		long end = System.currentTimeMillis() + ms;
		while (System.currentTimeMillis() < end) {
			if (!d.readAndDispatch()) {
				try {
					Thread.sleep(10);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/** Saves what the screen shows of {@code shell} as {@code target/screenshots/<name>} and returns the path. */
	static Path screenshot(Shell shell, String name) throws Exception {
		Display display = shell.getDisplay();
		shell.layout(true, true);
		shell.redraw(0, 0, shell.getSize().x, shell.getSize().y, true);
		pump(display, 300);
		shell.update();
		Point size = shell.getSize();
		Image snap = new Image(display, size.x, size.y);
		GC gc = new GC(display);
		gc.copyArea(snap, shell.getBounds().x, shell.getBounds().y);
		gc.dispose();
		Path p = save(snap.getImageData(), name);
		snap.dispose();
		return p;
	}

	static Path save(ImageData data, String name) throws Exception {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Path p = dir.resolve(name);
		ImageLoader l = new ImageLoader();
		l.data = new ImageData[] { data };
		l.save(p.toString(), SWT.IMAGE_PNG);
		return p.toAbsolutePath();
	}
}
