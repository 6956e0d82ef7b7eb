package org.bragg.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FormatRegistry;
import org.bragg.model.Progress;
import org.bragg.ui.imageviewer.DataSession;
import org.bragg.ui.imageviewer.DataSet;
import org.bragg.ui.imageviewer.internal.DataLoader;
import org.bragg.ui.imageviewer.internal.ProcessingActions;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processing actions as Eclipse Jobs on the first thaumatin still: {@code import} writes
 * {@code imported.expt}, {@code find_spots} writes {@code strong.refl} (DIALS 3.12: 290 spots) and loads it
 * into the data set; the program log reaches the console (the session log) and {@code bragg.<program>.log}.
 */
class ProcessingActionsTest {

	@Test
	void importAndFindSpotsJobs(@TempDir Path work) throws Exception {
		Path image = UiTestSupport.data("real_thaumatin_grid_i24").resolve("images/thau_3_2_0001.cbf.bz2");
		FormatRegistry reg = UiTestSupport.registry();
		DataSession session = new DataSession();
		List<DataSet> opened = new DataLoader(session, reg).open(List.of(image), Progress.NONE);
		DataSet ds = new DataSet("thau_3_2_0001", work, opened.get(0).experiments(), null);
		session.add(ds);
		ProcessingActions actions = new ProcessingActions(session, reg);

		Job imp = actions.importJob(ds, List.of());
		imp.setSystem(true);
		imp.schedule();
		imp.join();
		assertEquals(IStatus.OK, imp.getResult().getSeverity(), imp.getResult().getMessage());
		assertTrue(Files.isRegularFile(work.resolve("imported.expt")));
		assertTrue(Files.isRegularFile(work.resolve("bragg.import.log")));
		assertEquals(work.resolve("imported.expt"), ds.experimentsFile());

		assertTrue(ProcessingActions.isAvailable("find_spots"));
		Job fs = actions.findSpotsJob(ds, List.of("nproc=2"));
		fs.setSystem(true);
		fs.schedule();
		fs.join();
		assertEquals(IStatus.OK, fs.getResult().getSeverity(), fs.getResult().getMessage());
		assertNotNull(ds.latestReflections());
		int n = ds.latestReflections().size();
		System.out.println("find_spots job: " + n + " spots on thau_3_2_0001 (DIALS 3.12 stills: 290)");
		assertTrue(Math.abs(n - 290) <= 3, n + " spots");
		String log = session.logText();
		assertTrue(log.contains("$ bragg find_spots"), log);
		assertTrue(log.contains("strong.refl"), log);
		assertTrue(Files.readString(work.resolve("bragg.find_spots.log")).contains("find_spots"));

		// a bad parameter is a user error with a message, not a crash
		Job bad = actions.findSpotsJob(ds, List.of("min_spot_size=banana"));
		bad.setSystem(true);
		bad.schedule();
		bad.join();
		assertEquals(IStatus.ERROR, bad.getResult().getSeverity());
		assertEquals(null, bad.getResult().getException(), bad.getResult().getMessage());
		System.out.println("bad parameter: " + bad.getResult().getMessage());
	}
}
