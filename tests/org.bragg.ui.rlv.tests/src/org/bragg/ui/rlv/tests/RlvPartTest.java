package org.bragg.ui.rlv.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.ui.imageviewer.DataSession;
import org.bragg.ui.imageviewer.DataSet;
import org.bragg.ui.rlv.internal.RlvPart;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/**
 * The workbench view follows the session: empty until the active data set has spots, then the DIALS
 * strong spots of sim_xray_1a8o_p43212 mapped with the imported models, all unindexed (white).
 */
class RlvPartTest {

	@Test
	void showsTheActiveDataSetsSpots() throws Exception {
		Display display = Display.getDefault();
		Shell shell = new Shell(display);
		try {
			shell.setLayout(new FillLayout());
			shell.setSize(1000, 650);
			DataSession session = new DataSession();
			RlvPart part = new RlvPart(session);
			part.createControls(shell);
			shell.open();
			pump(display);
			assertFalse(part.isShowingSpots(), "no data set yet");

			Path dir = RlvTestData.root().resolve("sim_xray_1a8o_p43212/dials_reference");
			ExperimentList imported = RlvTestData.experiments("sim_xray_1a8o_p43212/dials_reference/imported.expt");
			ReflectionTable strong = RlvTestData.reflections("sim_xray_1a8o_p43212/dials_reference/strong.refl");
			DataSet d = new DataSet("1a8o", dir, imported, dir.resolve("imported.expt"));
			d.addReflections(new DataSet.Reflections(dir.resolve("strong.refl"), strong));
			session.add(d);
			pump(display);
			assertTrue(part.isShowingSpots());
			assertEquals(strong.size(), part.viewer().renderer().visibleCount());
			for (int i = 0; i < strong.size(); i += 101) assertEquals(-1, part.viewer().renderer().points().lattice()[i], "strong spots are unindexed");
			RlvTestData.savePng(part.viewer().canvas().snapshot(), "rlv_part_1a8o_strong.png");
			part.dispose();
		} finally {
			shell.dispose();
		}
	}

	private static void pump(Display d) throws InterruptedException {
		long end = System.currentTimeMillis() + 500;
		while (System.currentTimeMillis() < end) if (!d.readAndDispatch()) Thread.sleep(10);
	}
}
