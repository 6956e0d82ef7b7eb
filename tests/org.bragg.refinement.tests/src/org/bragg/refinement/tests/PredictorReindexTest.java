package org.bragg.refinement.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.refinement.CorrelationPlots;
import org.bragg.refinement.Diagnostics;
import org.bragg.refinement.Predictor;
import org.bragg.refinement.Reindex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorReindexTest {
	@Test
	void predictObservedReproducesPredictAllAndSatisfiesTheEwaldCondition() {
		Crystal c = Synthetic.crystal(new double[] { 40, 50, 60, 90, 95, 90 }, " P 2y", 2);
		Experiment e = Synthetic.rotation(Synthetic.singlePanel(120, true), c, 1.0, 90, 1.0);
		ExperimentList el = ExperimentList.of(e);
		ReflectionTable all = Predictor.predictAll(el, 2.5, 0);
		assertTrue(all.size() > 1000);
		double[] s1 = all.get(Columns.S1), mm = all.get(Columns.XYZCAL_MM);
		double inv = 1 / e.beam().wavelength();
		for (int i = 0; i < all.size(); i++) {
			double l = Math.sqrt(s1[3 * i] * s1[3 * i] + s1[3 * i + 1] * s1[3 * i + 1] + s1[3 * i + 2] * s1[3 * i + 2]);
			assertEquals(inv, l, 1e-9);
			assertTrue(mm[3 * i + 2] >= 0 && mm[3 * i + 2] <= Math.toRadians(90) + 1e-9);
		}
		ReflectionTable obs = all.select(new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 });
		double[] o = obs.get(Columns.XYZCAL_MM).clone();
		// observations one turn away are matched to the same turn
		for (int i = 0; i < 10; i++) o[3 * i + 2] += 2 * Math.PI;
		obs.put(Columns.XYZOBS_MM_VALUE, o);
		ReflectionTable p = Predictor.predictObserved(el, obs);
		double[] cal = p.get(Columns.XYZCAL_MM);
		for (int i = 0; i < 30; i++) assertEquals(o[i], cal[i], 1e-8);
		Predictor.Prediction one = Predictor.of(e).predictRotation(all.get(Columns.MILLER_INDEX)[0], all.get(Columns.MILLER_INDEX)[1],
				all.get(Columns.MILLER_INDEX)[2], all.get(Columns.ENTERING)[0], 0);
		assertNotNull(one);
		assertEquals(all.get(Columns.XYZCAL_PX)[0], one.xPx(), 1e-8);
	}

	@Test
	void reindexTransformsIndicesAndCrystal() throws Exception {
		Crystal c = Synthetic.crystal(new double[] { 41.98, 41.98, 88.92, 90, 90, 90 }, " P 4", 3);
		Experiment e = Synthetic.rotation(Synthetic.singlePanel(150, false), c, 1.0, 10, 1.0);
		ExperimentList el = ExperimentList.of(e);
		ReflectionTable t = Predictor.predictAll(el, 3, 0);
		Reindex.Result r = Reindex.reindex(el, t, "b,c,a", null);
		double[] cell = r.experiments().get(0).crystal().unitCellParameters();
		assertArrayEquals(new double[] { 41.98, 88.92, 41.98 }, new double[] { cell[0], cell[1], cell[2] }, 1e-6);
		int[] h0 = t.get(Columns.MILLER_INDEX), h1 = r.reflections().get(Columns.MILLER_INDEX);
		// (a',b',c') = (b,c,a): h' = (k, l, h); the relp A'·h' is unchanged
		for (int i = 0; i < 20; i++) {
			assertEquals(h0[3 * i + 1], h1[3 * i]);
			assertEquals(h0[3 * i + 2], h1[3 * i + 1]);
			assertEquals(h0[3 * i], h1[3 * i + 2]);
			var v0 = c.a().times(new org.bragg.model.Vec3(h0[3 * i], h0[3 * i + 1], h0[3 * i + 2]));
			var v1 = r.experiments().get(0).crystal().a().times(new org.bragg.model.Vec3(h1[3 * i], h1[3 * i + 1], h1[3 * i + 2]));
			assertTrue(v0.approxEquals(v1, 1e-12));
		}
		// a centring operator gives non-integral indices for some reflections
		Reindex.Result half = Reindex.reindex(null, t, "1/2*a+1/2*b,-1/2*a+1/2*b,c", null);
		assertTrue(half.nonIntegral() > 0);
		// with a space group the cell is symmetrised
		Crystal distorted = Crystal.fromA(c.a().times(org.bragg.model.Mat3.of(new double[] { 1.001, 0, 0, 0, 0.999, 0, 0, 0, 1 })), " P 1");
		Reindex.Result sym = Reindex.reindex(ExperimentList.of(e.withCrystal(distorted)), null, "a,b,c", "P 4");
		double[] sc = sym.experiments().get(0).crystal().unitCellParameters();
		assertEquals(sc[0], sc[1], 1e-9);
	}

	@Test
	void correlationPlotsAreWritten(@TempDir Path dir) throws Exception {
		Diagnostics.CorrelationMatrix m = new Diagnostics.CorrelationMatrix("X", List.of("Detector1Dist", "Crystal1g_param_0"),
				new double[][] { { 1, -0.9 }, { -0.9, 1 } });
		List<Path> files = CorrelationPlots.write(List.of(m), dir.resolve("corr.png"), List.of());
		assertEquals(List.of(dir.resolve("corr_X.png"), dir.resolve("corr.json")), files.stream().map(Path::toAbsolutePath).toList());
		assertTrue(javax.imageio.ImageIO.read(files.get(0).toFile()).getWidth() > 100);
		String json = Files.readString(files.get(1));
		assertTrue(json.contains("\"labels\": [\"Detector1Dist\", \"Crystal1g_param_0\"]"), json);
		assertTrue(json.contains("-0.9"), json);
	}
}
