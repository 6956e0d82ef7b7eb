package org.bragg.refinement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.UnitCell;
import org.bragg.refinement.BravaisSettings;
import org.bragg.refinement.BravaisSettingsParameters;
import org.bragg.refinement.internal.LatticeSymmetry;
import org.junit.jupiter.api.Test;

class BravaisTest {
	@Test
	void lePageFindsTheExpectedLatticesForSimpleCells() {
		List<LatticeSymmetry.Setting> tp = LatticeSymmetry.settings(UnitCell.of(41.95, 41.96, 88.99, 89.99, 90.04, 89.96), 5);
		System.out.println(tp);
		// the same nine lattices as DIALS finds for this cell (ordered by symmetry, then space-group number)
		assertEquals(List.of("tP", "oC", "oP", "mC", "mC", "mP", "mP", "mP", "aP"), tp.stream().map(LatticeSymmetry.Setting::bravais).toList());
		assertEquals("a,b,c", tp.get(0).cbOpInpBest().toString());
		List<LatticeSymmetry.Setting> cubic = LatticeSymmetry.settings(UnitCell.of(50, 50, 50, 90, 90, 90), 5);
		assertEquals("cP", cubic.get(0).bravais());
		// a primitive rhombohedral cell of an F-centred cubic lattice
		List<LatticeSymmetry.Setting> cf = LatticeSymmetry.settings(UnitCell.of(70.71, 70.71, 70.71, 60, 60, 60), 3);
		assertEquals("cF", cf.get(0).bravais());
		assertEquals(100, cf.get(0).bestCell().a(), 0.02);
		List<LatticeSymmetry.Setting> hp = LatticeSymmetry.settings(UnitCell.of(62.87, 63.10, 83.17, 89.74, 89.96, 60.00), 5);
		assertEquals("hP", hp.get(0).bravais());
		assertEquals(120, hp.get(0).bestCell().gamma(), 1);
	}

	@Test
	void recommendsTetragonalForLysozymeLikeData() throws Exception {
		Object[] in = Xray1a8oTest.input();
		ExperimentList el = (ExperimentList) in[0];
		ReflectionTable refl = (ReflectionTable) in[1];
		long t0 = System.nanoTime();
		List<BravaisSettings.Solution> sols = BravaisSettings.run(el, refl, BravaisSettingsParameters.defaults(), Progress.NONE, s -> {});
		System.out.println(BravaisSettings.table(sols));
		System.out.printf("refine_bravais_settings took %.2f s (DIALS 8.0 s)%n", (System.nanoTime() - t0) / 1e9);
		BravaisSettings.Solution top = sols.get(0);
		assertEquals(9, sols.size());
		assertEquals("tP", top.bravais());
		assertTrue(top.recommended());
		assertEquals("a,b,c", top.cbOp().toString());
		assertEquals("aP", sols.get(sols.size() - 1).bravais());
		assertTrue(top.minCc() > 0.9, "min cc " + top.minCc());
	}
}
