package org.bragg.ui.rlv.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.io.AtomicOutput;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.params.ParameterException;
import org.bragg.params.Parsed;
import org.bragg.params.Phil;
import org.bragg.ui.rlv.RlvParameters;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * {@code bragg reciprocal_lattice_viewer} (alias {@code bragg rlv}): opens the viewer in a window on
 * the current X display, or with {@code output.screenshot=file.png} writes a PNG of the view and
 * exits. Arguments as {@code dials.reciprocal_lattice_viewer}: one {@code .expt} and one or more
 * {@code .refl} files (concatenated), {@code name=value} parameters, {@code .phil} files;
 * {@code -h} prints usage, {@code -c [-e N] [-a N]} the parameters. Exit codes: 0 success, 1 input
 * error (one line), 2 bug.
 */
public final class RlvApp {
	private RlvApp() {}

	public static void main(String[] args) {
		int rc;
		try {
			rc = run(List.of(args));
		} catch (BraggInputException | ParameterException e) {
			System.err.println("bragg rlv: " + e.getMessage());
			rc = 1;
		} catch (IllegalArgumentException e) {
			System.err.println("bragg rlv: " + e.getMessage());
			rc = 1;
		} catch (SWTError e) {
			System.err.println("bragg rlv: cannot open a window (" + e.getMessage() + "); set DISPLAY, or run under xvfb-run with output.screenshot=view.png");
			rc = 1;
		} catch (Throwable t) {
			t.printStackTrace();
			rc = 2;
		}
		System.exit(rc);
	}

	static int run(List<String> args) throws Exception {
		if (args.contains("-h") || args.contains("--help") || args.isEmpty()) {
			System.out.println("usage: bragg reciprocal_lattice_viewer (alias bragg rlv) experiments.expt reflections.refl [name=value ...]\n"
					+ "Shows strong or indexed spots in reciprocal space; drag to rotate, wheel to zoom, right-drag to pan.\n"
					+ "Parameters: bragg rlv -c");
			return 0;
		}
		if (args.contains("-c")) {
			int e = intAfter(args, "-e", 0), a = intAfter(args, "-a", 0);
			System.out.print(Phil.showConfig(RlvParameters.class, e, a));
			return 0;
		}
		Parsed<RlvParameters> parsed = Phil.parse(args, RlvParameters.class);
		RlvParameters p = parsed.params();
		Path expt = null;
		List<ReflectionTable> refls = new ArrayList<>();
		for (String s : parsed.positional()) {
			Path f = Path.of(s);
			if (s.endsWith(".expt") || s.endsWith(".json")) {
				if (expt != null) throw new BraggInputException(s + ": only one experiment list is supported, found a second after " + expt);
				expt = f;
			} else if (s.endsWith(".refl") || s.endsWith(".pickle")) {
				refls.add(ReflectionTableIO.read(f));
			} else if (!Files.exists(f)) {
				throw new BraggInputException(s + ": no such file (expected an .expt or .refl file, or name=value)");
			} else {
				throw new BraggInputException(s + ": unknown input type (expected .expt or .refl)");
			}
		}
		if (expt == null) throw new BraggInputException("no experiment list given: expected one .expt file (e.g. imported.expt or indexed.expt)");
		if (refls.isEmpty()) throw new BraggInputException("no reflections given: expected a .refl file (e.g. strong.refl or indexed.refl)");
		ExperimentList experiments = ExperimentListIO.read(expt);
		ReflectionTable table = refls.size() == 1 ? refls.get(0) : ReflectionTable.concat(refls);

		Display display = new Display();
		try {
			Shell shell = new Shell(display);
			shell.setText("Bragg reciprocal lattice viewer — " + expt.getFileName() + ", " + table.size() + " spots");
			shell.setLayout(new FillLayout());
			RlvViewer viewer = new RlvViewer(shell);
			int[] size = p.output().size();
			shell.setSize(size[0] + 250, size[1]);
			viewer.setData(experiments, table, p);
			shell.open();
			if (p.output().screenshot().isPresent()) {
				for (int i = 0; i < 50 && !display.isDisposed(); i++) if (!display.readAndDispatch()) Thread.sleep(5);
				ImageData img = viewer.canvas().snapshot();
				Path out = p.output().screenshot().get();
				AtomicOutput.write(out, os -> {
					ImageLoader l = new ImageLoader();
					l.data = new ImageData[] { img };
					l.save(os, SWT.IMAGE_PNG);
				});
				System.out.println("Saved " + out + " (" + viewer.renderer().visibleCount() + " of " + table.size() + " spots shown)");
				return 0;
			}
			while (!shell.isDisposed()) if (!display.readAndDispatch()) display.sleep();
			return 0;
		} finally {
			display.dispose();
		}
	}

	private static int intAfter(List<String> args, String flag, int def) {
		int i = args.indexOf(flag);
		return i >= 0 && i + 1 < args.size() ? Integer.parseInt(args.get(i + 1)) : def;
	}
}
