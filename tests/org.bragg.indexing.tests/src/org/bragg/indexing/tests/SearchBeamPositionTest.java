package org.bragg.indexing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.bragg.indexing.BeamCentreSearch;
import org.bragg.indexing.SearchBeamPositionParameters;
import org.bragg.model.ExperimentList;
import org.bragg.model.Panel;
import org.bragg.model.Progress;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.ReflectionTable;
import org.junit.jupiter.api.Test;

/**
 * {@code search_beam_position} on {@code sim_xray_1a8o_p43212} with the detector origin moved by
 * +1.0 mm along fast and −0.8 mm along slow (1.3 mm). dials.search_beam_position 3.12 on the unmoved
 * data moves the beam centre to (82.53, 90.97) mm; dials.refine's refined detector has it at (82.45,
 * 90.97) mm. The search must come back within 0.1 mm of DIALS's result.
 */
class SearchBeamPositionTest {

	@Test
	void recoversTheBeamCentreAfterAMillimetreShift() throws Exception {
		ExperimentList el = TestData.experiments("sim_xray_1a8o_p43212/dials_reference/imported.expt");
		ReflectionTable strong = TestData.reflections("sim_xray_1a8o_p43212/dials_reference/strong.refl");
		Panel p = el.get(0).detector().panel(0);
		Vec3 off = p.fastAxis().times(1.0).plus(p.slowAxis().times(-0.8));
		ExperimentList moved = el.with(0, el.get(0).withDetector(BeamCentreSearch.translate(el.get(0).detector(), off)));
		List<String> log = new ArrayList<>();
		BeamCentreSearch.Result r = BeamCentreSearch.search(moved, strong, SearchBeamPositionParameters.defaults(), Progress.NONE, log::add);
		assertEquals(81.42, r.oldCentreMm()[0], 0.01, "the shifted start");
		assertEquals(91.82, r.oldCentreMm()[1], 0.01);
		assertEquals(82.53, r.newCentreMm()[0], 0.1, "x vs DIALS");
		assertEquals(90.97, r.newCentreMm()[1], 0.1, "y vs DIALS");
		assertEquals(r.oldCentreMm()[0] - r.newCentreMm()[0], r.shiftMm()[0], 1e-9, "shift = old − new, as DIALS prints it");
		String last = log.get(log.size() - 1);
		assertEquals(true, last.startsWith("Shift: "), last);
	}
}
