package org.bragg.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bragg.format.FormatRegistry;
import org.bragg.model.Progress;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.ui.core.OverlaySettings;
import org.bragg.ui.imageviewer.DataSession;
import org.bragg.ui.imageviewer.DataSet;
import org.bragg.ui.imageviewer.ProcessingActionRegistry;
import org.bragg.ui.imageviewer.internal.ConsolePart;
import org.bragg.ui.imageviewer.internal.DataExplorerPart;
import org.bragg.ui.imageviewer.internal.DataLoader;
import org.bragg.ui.imageviewer.internal.ImageViewerPart;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processing actions contributed to {@code org.bragg.ui.imageviewer.processingActions} (Bragg's own
 * plugin.xml, read from the OSGi extension registry as the Data Explorer does) run as Eclipse Jobs from
 * the Data Explorer ({@link DataExplorerPart#process}, what its tool-bar buttons call), import to scale,
 * on the bundled 10-image example sweep ({@code examples/sim_xray_1a8o}, simulated lysozyme P4₃2₁2):
 * each Job ends OK, its outputs become the data set's experiments and newest reflection table, the
 * console shows the program log and the viewer the spots and predictions (screenshots under
 * target/screenshots/processing_chain_*.png). A cancelled integrate Job ends CANCEL and loads nothing.
 */
class ProcessingChainTest {
	static final List<String> BRAGG_ACTIONS = List.of("Import", "Find spots", "Index", "Refine", "Integrate", "Symmetry", "Scale");

	static List<ProcessingActionRegistry.Action> contributed() {
		assertNotNull(RegistryFactory.getRegistry(), "the OSGi extension registry (this test runs in the Tycho OSGi runtime)");
		return ProcessingActionRegistry.actions(RegistryFactory.getRegistry());
	}

	@Test
	void braggContributesItsSevenActionsThroughTheExtensionPoint() {
		List<ProcessingActionRegistry.Action> all = contributed();
		List<String> labels = new ArrayList<>();
		for (ProcessingActionRegistry.Action a : all) if (a.id().startsWith("org.bragg.")) labels.add(a.label());
		assertEquals(BRAGG_ACTIONS, labels);
		for (ProcessingActionRegistry.Action a : all) if (a.program() != null) assertTrue(org.bragg.cli.Bragg.commands().containsKey(a.program()), a.program());
	}

	/** Runs the event loop until the Job is done. */
	static IStatus runUntilDone(Display d, Job j, long ms) throws Exception {
		long end = System.currentTimeMillis() + ms;
		while (j.getState() != Job.NONE && System.currentTimeMillis() < end) {
			d.timerExec(20, () -> {});
			if (!d.readAndDispatch()) d.sleep();
		}
		j.join();
		UiTestSupport.pump(d);
		return j.getResult();
	}

	@Test
	void importToScaleAsJobsFromTheDataExplorer(@TempDir Path work) throws Exception {
		Path examples = null;
		for (String c : new String[] { "../../examples/sim_xray_1a8o", "../examples/sim_xray_1a8o", "examples/sim_xray_1a8o", "/work/main/examples/sim_xray_1a8o" })
			if (Files.isDirectory(Path.of(c))) {
				examples = Path.of(c).toAbsolutePath().normalize();
				break;
			}
		assertNotNull(examples, "examples/sim_xray_1a8o of the repository, from " + System.getProperty("user.dir"));
		List<Path> images = new ArrayList<>();
		try (var s = Files.list(examples)) {
			s.filter(p -> p.getFileName().toString().endsWith(".cbf.bz2")).sorted().forEach(images::add);
		}
		assertEquals(10, images.size());
		FormatRegistry reg = UiTestSupport.registry();
		DataSession session = new DataSession();
		Display display = UiTestSupport.display();
		Shell shell = new Shell(display);
		shell.setText("Bragg — Processing (test host)");
		shell.setLayout(new FillLayout());
		shell.setSize(1270, 950);
		SashForm h = new SashForm(shell, SWT.HORIZONTAL);
		DataExplorerPart explorer = new DataExplorerPart(session, reg);
		explorer.createControls(h);
		SashForm v = new SashForm(h, SWT.VERTICAL);
		ImageViewerPart viewer = new ImageViewerPart(session, reg);
		viewer.createControls(v);
		ConsolePart console = new ConsolePart(session);
		console.createControls(v);
		v.setWeights(78, 22);
		h.setWeights(24, 76);
		shell.open();
		display.setCursorLocation(1260, 940);
		UiTestSupport.pump(display);
		try {
			List<DataSet> opened = new DataLoader(session, reg).open(images, Progress.NONE);
			DataSet ds = new DataSet("lyso1a8o", work, opened.get(0).experiments(), null);
			for (DataSet o : opened) session.remove(o);
			session.add(ds);
			session.setActive(ds, 0);
			List<DataSession.Change> events = new ArrayList<>();
			session.addListener(e -> events.add(e.change()));

			Map<String, String[]> expected = Map.of("Import", new String[] { "imported.expt", null }, "Find spots", new String[] { "imported.expt", "strong.refl" },
					"Index", new String[] { "indexed.expt", "indexed.refl" }, "Refine", new String[] { "refined.expt", "refined.refl" }, "Integrate",
					new String[] { "integrated.expt", "integrated.refl" }, "Symmetry", new String[] { "symmetrized.expt", "symmetrized.refl" }, "Scale",
					new String[] { "scaled.expt", "scaled.refl" });
			for (ProcessingActionRegistry.Action a : contributed()) {
				if (!BRAGG_ACTIONS.contains(a.label())) continue;
				if (a.label().equals("Integrate")) {
					// cancel: the Job stops with CANCEL and the data set keeps refined.refl
					Job c = explorer.process(a);
					long until = System.currentTimeMillis() + 60_000;
					while (c.getState() != Job.RUNNING && System.currentTimeMillis() < until) Thread.sleep(10);
					Thread.sleep(300);
					c.cancel();
					IStatus cs = runUntilDone(display, c, 300_000);
					System.out.println("cancelled integrate: " + cs);
					assertEquals(IStatus.CANCEL, cs.getSeverity(), "cancelled integrate: " + cs);
					assertEquals(work.resolve("refined.refl"), ds.reflections().get(ds.reflections().size() - 1).file(), "nothing loaded after cancel");
				}
				events.clear();
				long t0 = System.nanoTime();
				Job j = explorer.process(a);
				IStatus st = runUntilDone(display, j, 600_000);
				System.out.printf("processing action %s (bragg %s): %s in %.1f s%n", a.label(), a.program(), st.isOK() ? "OK" : st.getMessage(),
						(System.nanoTime() - t0) / 1e9);
				assertEquals(IStatus.OK, st.getSeverity(), a.label() + ": " + st.getMessage());
				String[] out = expected.get(a.label());
				assertEquals(work.resolve(out[0]), ds.experimentsFile(), a.label() + " experiments");
				if (out[1] != null) {
					List<DataSet.Reflections> r = ds.reflections();
					assertEquals(work.resolve(out[1]), r.get(r.size() - 1).file(), a.label() + " reflections");
				}
				assertTrue(events.contains(DataSession.Change.CONTENT), a.label() + " tells the explorer and the viewer: " + events);
				assertTrue(Files.isRegularFile(work.resolve("bragg." + a.program() + ".log")), "bragg." + a.program() + ".log");
				assertTrue(console.text().getText().contains("$ bragg " + a.program()), "the console shows the command");
				ProcessingPerspectiveTest.waitFor(display, viewer::isFrameShown, 60_000);
				if (a.label().equals("Find spots") || a.label().equals("Integrate")) {
					if (a.label().equals("Integrate")) viewer.canvas().setOverlaySettings(OverlaySettings.defaults().withMillerIndices(true));
					explorer.viewer().expandToLevel(2);
					System.out.println("screenshot " + screenshot(display, shell, "processing_chain_" + a.program() + ".png"));
					if (a.label().equals("Find spots")) assertTrue(viewer.canvas().getReflections().observedCount() > 10, "spots of image 1 on the viewer");
					else assertTrue(viewer.canvas().getReflections().predictedCount() > 10, "predictions of image 1 on the viewer");
				}
			}
			assertNotNull(ds.experiments().get(0).crystal(), "scaled.expt has a crystal");
			ReflectionTable scaled = ds.latestReflections();
			assertTrue(scaled.has("inverse_scale_factor"), scaled.toString());
			assertTrue(scaled.size() > 1000, scaled.size() + " scaled reflections");
			String hall = ds.experiments().get(0).crystal().spaceGroupHall();
			System.out.println("scaled: " + scaled.size() + " reflections, space group (Hall) " + hall);
			assertTrue(hall.contains("4"), "symmetry finds the tetragonal lattice of lysozyme, got Hall symbol " + hall);
		} finally {
			viewer.dispose();
			explorer.dispose();
			console.dispose();
			shell.dispose();
		}
	}

	static Path screenshot(Display display, Shell shell, String name) throws Exception {
		shell.layout(true, true);
		shell.redraw(0, 0, shell.getSize().x, shell.getSize().y, true);
		ProcessingPerspectiveTest.waitFor(display, () -> false, 300);
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
