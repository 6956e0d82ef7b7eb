package org.bragg.ui.imageviewer.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.format.FormatRegistry;
import org.bragg.ui.imageviewer.DataSession;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;

/**
 * The packaged product's self-check (see {@link BraggApplication}): opens files through the same
 * services the views use, waits until background jobs are idle, checks that the Processing perspective
 * and its three views are open, saves a screenshot and closes the workbench.
 */
final class SmokeTest {
	private static final long TIMEOUT_MS = 120_000;
	private final Path screenshot;
	private final List<Path> open;
	private volatile boolean passed;
	private long started;
	private long idleSince = -1;

	private SmokeTest(Path screenshot, List<Path> open) {
		this.screenshot = screenshot;
		this.open = open;
	}

	/** @return the smoke test requested by {@code -Dbragg.smoketest}, or null */
	static SmokeTest fromSystemProperties() {
		String png = System.getProperty("bragg.smoketest");
		if (png == null || png.isBlank()) return null;
		List<Path> files = new ArrayList<>();
		String o = System.getProperty("bragg.open", "");
		for (String s : o.split(",")) if (!s.isBlank()) files.add(Path.of(s.trim()));
		return new SmokeTest(Path.of(png), files);
	}

	boolean passed() { return passed; }

	void start(IWorkbench wb) {
		started = System.currentTimeMillis();
		DataSession session = wb.getService(DataSession.class);
		registry = wb.getService(FormatRegistry.class);
		report("services: DataSession " + (session != null ? "injected" : "MISSING") + ", FormatRegistry "
				+ (registry != null ? registry.readers().size() + " readers" : "MISSING"));
		if (session != null && registry != null && !open.isEmpty()) {
			Job j = org.bragg.ui.core.ProgressJobs.create("Open " + open.size() + " file(s)", ProcessingActions.PLUGIN_ID,
					p -> new DataLoader(session, registry).open(open, p));
			j.schedule();
		}
		wb.getDisplay().timerExec(1000, () -> poll(wb, session));
	}

	private void poll(IWorkbench wb, DataSession session) {
		long now = System.currentTimeMillis();
		boolean idle = Job.getJobManager().isIdle();
		if (idle && idleSince < 0) idleSince = now;
		if (!idle) idleSince = -1;
		// after the jobs, wait until the viewer shows an image (if files were opened), then a second more
		boolean shown = open.isEmpty() || session == null || session.shownImage() != null;
		if ((idleSince < 0 || !shown || now - idleSince < 1500) && now - started < TIMEOUT_MS) {
			wb.getDisplay().timerExec(500, () -> poll(wb, session));
			return;
		}
		finish(wb, session);
	}

	private FormatRegistry registry;

	private void finish(IWorkbench wb, DataSession session) {
		boolean ok = registry != null && session != null;
		try {
			IWorkbenchPage page = wb.getActiveWorkbenchWindow().getActivePage();
			String persp = page.getPerspective() == null ? "none" : page.getPerspective().getId();
			report("perspective " + persp);
			ok &= ProcessingPerspective.ID.equals(persp);
			for (String id : new String[] { DataExplorerPart.ID, ImageViewerPart.ID, ConsolePart.ID }) {
				boolean found = page.findViewReference(id) != null;
				report("view " + id + (found ? " open" : " MISSING"));
				ok &= found;
			}
			ok &= braggBundlesResolved();
			if (session != null) {
				report("data sets: " + session.dataSets().size() + (session.active() != null ? ", showing " + session.active().name() : ""));
				report("image viewer shows " + session.shownImage());
				if (!open.isEmpty()) ok &= session.active() != null && session.shownImage() != null;
			}
			Shell shell = wb.getActiveWorkbenchWindow().getShell();
			org.eclipse.swt.graphics.Rectangle b = shell.getBounds();
			Image img = new Image(shell.getDisplay(), b.width, b.height);
			GC gc = new GC(shell.getDisplay()); // the whole window, menu bar included
			gc.copyArea(img, b.x, b.y);
			gc.dispose();
			ImageLoader l = new ImageLoader();
			l.data = new ImageData[] { img.getImageData() };
			img.dispose();
			if (screenshot.toAbsolutePath().getParent() != null) Files.createDirectories(screenshot.toAbsolutePath().getParent());
			l.save(screenshot.toString(), SWT.IMAGE_PNG);
			report("screenshot " + screenshot.toAbsolutePath());
		} catch (Exception | LinkageError e) {
			report("error " + e);
			ok = false;
		}
		passed = ok;
		System.out.println(ok ? "BRAGG SMOKE TEST OK" : "BRAGG SMOKE TEST FAILED");
		System.out.flush();
		wb.close();
	}

	/** Reports the state of every org.bragg bundle; an unresolved one (INSTALLED) fails the smoke test. */
	private static boolean braggBundlesResolved() {
		org.osgi.framework.Bundle self = org.osgi.framework.FrameworkUtil.getBundle(SmokeTest.class);
		if (self == null || self.getBundleContext() == null) return true;
		int active = 0, resolved = 0;
		List<String> unresolved = new ArrayList<>();
		for (org.osgi.framework.Bundle b : self.getBundleContext().getBundles()) {
			if (b.getSymbolicName() == null || !b.getSymbolicName().startsWith("org.bragg.")) continue;
			switch (b.getState()) {
				case org.osgi.framework.Bundle.ACTIVE, org.osgi.framework.Bundle.STARTING -> active++;
				case org.osgi.framework.Bundle.RESOLVED -> resolved++;
				default -> unresolved.add(b.getSymbolicName());
			}
		}
		report("org.bragg bundles: " + active + " active or lazily starting, " + resolved + " resolved, " + unresolved.size() + " unresolved"
				+ (unresolved.isEmpty() ? "" : " " + unresolved));
		return unresolved.isEmpty() && active + resolved > 0;
	}

	private static void report(String s) {
		System.out.println("bragg smoke test: " + s);
	}
}
