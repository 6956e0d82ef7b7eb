package org.bragg.indexing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bragg.indexing.Indexer;
import org.bragg.indexing.IndexingParameters;
import org.bragg.indexing.IndexingRefiner;
import org.bragg.indexing.IndexingResult;
import org.bragg.indexing.internal.Orientations;
import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Progress;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.params.Phil;
import org.bragg.refinement.Predictor;
import org.junit.jupiter.api.Test;

/**
 * Two lattices in one sweep: the spots of the 1a8o truth crystal and half of those of the same crystal
 * rotated by 30° are predicted on the 1a8o geometry (to 2.5 Å, with 0.2 px and 0.05 frame noise) and
 * indexed with {@code max_lattices=2}; both orientations must be found (the second by searching the
 * spots the first leaves unindexed) and nearly all spots indexed.
 */
class MultipleLatticeTest {

	@Test
	void findsTwoLattices() throws Exception {
		ExperimentList el = TestData.experiments("sim_xray_1a8o_p43212/dials_reference/imported.expt");
		Crystal truth = TestData.experiments("sim_xray_1a8o_p43212/images/truth.expt").get(0).crystal();
		Crystal second = truth.withA(Mat3.rotation(new Vec3(0.2, 1, 0.4), Math.toRadians(30)).times(truth.a()));
		List<ReflectionTable> parts = new ArrayList<>();
		Random r = new Random(7);
		for (Crystal c : List.of(truth, second)) {
			Experiment e = el.get(0).withCrystal(c);
			ReflectionTable p = Predictor.predictAll(ExperimentList.of(e), 2.5, 0);
			double[] cal = p.get(Columns.XYZCAL_PX);
			double[] obs = new double[cal.length], var = new double[cal.length];
			for (int i = 0; i < p.size(); i++) {
				obs[3 * i] = cal[3 * i] + 0.2 * r.nextGaussian();
				obs[3 * i + 1] = cal[3 * i + 1] + 0.2 * r.nextGaussian();
				obs[3 * i + 2] = cal[3 * i + 2] + 0.05 * r.nextGaussian();
				var[3 * i] = var[3 * i + 1] = 0.04;
				var[3 * i + 2] = 0.0025;
			}
			ReflectionTable s = new ReflectionTable(p.size());
			s.put(Columns.XYZOBS_PX_VALUE, obs);
			s.put(Columns.XYZOBS_PX_VARIANCE, var);
			s.put(Columns.PANEL, p.get(Columns.PANEL).clone());
			s.put(Columns.ID, new int[p.size()]);
			if (c == second) {
				// the second crystal is smaller: half of its spots
				boolean[] keep = new boolean[s.size()];
				for (int i = 0; i < keep.length; i++) keep[i] = r.nextDouble() < 0.5;
				s = s.select(keep);
			}
			parts.add(s);
		}
		ReflectionTable strong = ReflectionTable.concat(parts);
		IndexingParameters params = Phil.parse(List.of("max_lattices=2"), IndexingParameters.class).params();
		IndexingResult res = Indexer.index(el, strong, params, IndexingRefiner.bragg(Indexer.refinementDefaults()), Progress.NONE, s -> {});
		assertEquals(2, res.experiments().size(), "two lattices");
		// angles over the 422 equivalents of the true settings
		Crystal c0 = res.experiments().get(0).crystal(), c1 = res.experiments().get(1).crystal();
		double a0 = Orientations.minimumAngleDeg(c0, truth), a1 = Orientations.minimumAngleDeg(c1, second);
		assertTrue(Orientations.minimumAngleDeg(res.experiments().get(0).crystal(), res.experiments().get(1).crystal()) > 5, "distinct lattices");
		assertTrue(res.indexedFraction()[0] > 0.98, "indexed " + res.indexedFraction()[0]);
		assertTrue(a0 < 0.2 && a1 < 0.2, "orientations " + a0 + ", " + a1);
	}
}
