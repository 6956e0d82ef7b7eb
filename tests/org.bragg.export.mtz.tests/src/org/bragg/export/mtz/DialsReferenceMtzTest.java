package org.bragg.export.mtz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.bragg.io.ExperimentListIO;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.symmetry.SpaceGroup;
import org.junit.jupiter.api.Test;

/** Reads DIALS 3.12's MTZs with {@link MtzReader} and checks Bragg's batch headers against DIALS's. */
class DialsReferenceMtzTest {
	@Test
	void readsDialsScaledAndMergedMtz() throws Exception {
		Mtz s = MtzReader.read(TestData.dialsReference().resolve("scaled.mtz"));
		assertArrayEquals(new double[] { 41.9731, 41.9731, 88.9429, 90, 90, 90 }, s.cell(), 1e-4);
		assertEquals(SpaceGroup.parse("P 4 2 2"), s.spaceGroup());
		assertEquals(20043, s.numReflections());
		assertEquals(List.of("H", "K", "L", "M/ISYM", "BATCH", "I", "SIGI", "SCALEUSED", "SIGSCALEUSED", "BG", "SIGBG", "FRACTIONCALC", "XDET", "YDET", "ROT", "LP", "QE"),
				s.columns().stream().map(Mtz.Column::label).toList());
		assertEquals(60, s.batches().size());
		assertEquals(13, s.data()[0], 0);
		assertEquals(36.1906929, s.data()[5], 1e-5);
		Mtz m = MtzReader.read(TestData.dialsReference().resolve("merged.mtz"));
		assertEquals(9846, m.numReflections());
		assertEquals('K', m.columns().get(m.columnIndex("I(+)")).type());
		assertEquals("NATIVE", m.datasets().get(m.datasets().size() - 1).dataset());
	}

	/** Bragg's batch headers from DIALS's scaled.expt agree with those DIALS wrote into scaled.mtz. */
	@Test
	void batchHeadersMatchDials() throws Exception {
		ExperimentList el = ExperimentListIO.read(TestData.dialsReference().resolve("scaled.expt"));
		Experiment e = el.get(0);
		List<Mtz.Batch> mine = UnmergedMtzExport.batches(e, 0, 1);
		Mtz ref = MtzReader.read(TestData.dialsReference().resolve("scaled.mtz"));
		assertEquals(ref.batches().size(), mine.size());
		for (int b = 0; b < mine.size(); b++) {
			Mtz.Batch x = mine.get(b), y = ref.batches().get(b);
			assertEquals(y.number(), x.number());
			assertArrayEquals(y.ints(), fixWords(x.ints()), "ints of batch " + x.number());
			float[] fx = x.floats(), fy = y.floats();
			for (int i = 0; i < BatchHeaders.NREALS; i++) {
				double tol = i < 6 ? 2e-3 : i < 15 ? 2e-4 : 1e-4 * Math.max(1, Math.abs(fy[i]));
				assertEquals(fy[i], fx[i], tol, "batch " + x.number() + " real slot " + i);
			}
		}
	}

	private static int[] fixWords(int[] ints) {
		int[] c = ints.clone();
		c[0] = BatchHeaders.NWORDS; c[1] = BatchHeaders.NINTS; c[2] = BatchHeaders.NREALS;
		return c;
	}
}
