package org.bragg.symmetry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;
import org.bragg.symmetry.LaueGroupAnalysis;
import org.bragg.symmetry.SymmetryParameters;
import org.bragg.symmetry.SymmetryParameters.CcMethod;
import org.junit.jupiter.api.Test;

/** Laue-group analysis on synthetic intensities drawn from known space groups. */
class LaueGroupAnalysisTest {
	static final List<String> LOG = new ArrayList<>();

	static LaueGroupAnalysis.Result run(SyntheticData d, CcMethod m) {
		return LaueGroupAnalysis.analyse(d.cell, d.hklArray(), d.iArray(), d.sigmaArray(), SymmetryParameters.defaults().withCcMethod(m), LOG::add);
	}

	@Test
	void p43212GivesP4mmm() {
		UnitCell cell = UnitCell.of(42, 42, 89, 90, 90, 90);
		SyntheticData d = SyntheticData.generate(SpaceGroup.parse("P 43 21 2"), cell, 3.0, 0.6, null, 0, 0, 1);
		for (CcMethod m : CcMethod.values()) {
			LaueGroupAnalysis.Result r = run(d, m);
			assertEquals("P 4/m m m", r.latticeGroupSymbol());
			assertEquals("P 4/m m m", r.best().symbol(), m + "\n" + r.report());
			assertEquals("P 4 2 2", r.best().mxGroup().hermannMauguin());
			assertTrue(r.best().likelihood() > 0.95, r.report());
			assertEquals("a,b,c", r.best().cbOpInpBest().toString());
			assertEquals(7, r.operatorScores().size());
			assertEquals(10, r.subgroupScores().size(), "P4/mmm has 10 Patterson subgroups in this lattice (as DIALS lists)");
			assertTrue(r.indexingAmbiguities().isEmpty(), "Laue group = lattice group");
		}
	}

	@Test
	void p61GivesP6m() {
		UnitCell cell = UnitCell.of(63.5, 63.5, 84, 90, 90, 120);
		SyntheticData d = SyntheticData.generate(SpaceGroup.parse("P 61"), cell, 3.0, 0.6, null, 0, 0, 2);
		for (CcMethod m : CcMethod.values()) {
			LaueGroupAnalysis.Result r = run(d, m);
			assertEquals("P 6/m m m", r.latticeGroupSymbol());
			assertEquals("P 6/m", r.best().symbol(), m + "\n" + r.report());
			assertEquals("P 6", r.best().mxGroup().hermannMauguin());
			assertEquals(16, r.subgroupScores().size(), "6/mmm: 16 Patterson subgroups (DIALS's table)");
			assertTrue(r.best().likelihood() > 0.9, r.report());
			assertEquals(1, r.indexingAmbiguities().size());
			assertEquals("k,h,-l", r.indexingAmbiguities().get(0).toHkl(), "the merohedral ambiguity of P6 in 6/mmm");
		}
	}

	@Test
	void p1GivesPMinus1EvenInATetragonalLattice() {
		UnitCell cell = UnitCell.of(42, 42, 89, 90, 90, 90);
		SyntheticData d = SyntheticData.generate(SpaceGroup.parse("P 1"), cell, 3.0, 0.6, null, 0, 0, 3);
		for (CcMethod m : CcMethod.values()) {
			LaueGroupAnalysis.Result r = run(d, m);
			assertEquals("P -1", r.best().symbol(), m + "\n" + r.report());
			// as in DIALS, CC ≈ 0 with σ(CC) floored at 0.1 leaves some likelihood on the monoclinic groups
			assertTrue(r.best().likelihood() > 0.5, r.report());
			for (LaueGroupAnalysis.OperatorScore s : r.operatorScores())
				if (!s.label().startsWith("1 ")) assertTrue(Math.abs(s.cc()) < 0.1, s.label() + " " + s.cc());
		}
	}

	@Test
	void monoclinicInOrthorhombicLattice() {
		UnitCell cell = UnitCell.of(40, 50, 60, 90, 90, 90);
		SyntheticData d = SyntheticData.generate(SpaceGroup.parse("P 1 21 1"), cell, 3.0, 0.6, null, 0, 0, 4);
		LaueGroupAnalysis.Result r = run(d, CcMethod.robust);
		assertEquals("P m m m", r.latticeGroupSymbol());
		assertEquals("P 1 2/m 1", r.best().symbol(), r.report());
		assertEquals("a,b,c", r.best().cbOpInpBest().toString(), r.report());
		assertEquals(1, r.indexingAmbiguities().size(), "2/m in mmm: one alternative indexing");
	}

	@Test
	void perfectTwinLooksLikeTheHigherGroupPartialTwinDoesNot() {
		UnitCell cell = UnitCell.of(42, 42, 89, 90, 90, 90);
		int[] twin = { 0, 1, 0, 1, 0, 0, 0, 0, -1 }; // (h,k,l) -> (k,h,-l), a two-fold along a+b
		SyntheticData perfect = SyntheticData.generate(SpaceGroup.parse("P 4"), cell, 3.0, 0.6, twin, 0.5, 0, 5);
		assertEquals("P 4/m m m", run(perfect, CcMethod.robust).best().symbol(), "a perfect merohedral twin is indistinguishable from 4/mmm");
		SyntheticData untwinned = SyntheticData.generate(SpaceGroup.parse("P 4"), cell, 3.0, 0.6, twin, 0.0, 0, 5);
		assertEquals("P 4/m", run(untwinned, CcMethod.robust).best().symbol());
		SyntheticData partial = SyntheticData.generate(SpaceGroup.parse("P 4"), cell, 3.0, 0.6, twin, 0.2, 0, 5);
		LaueGroupAnalysis.Result r = run(partial, CcMethod.robust);
		assertEquals("P 4/m", r.best().symbol(), r.report());
	}

	/**
	 * Gross multiplicative errors (25 % log-normal per observation plus 3 % of observations ×10, an
	 * imitation of dynamical scattering and zingers) in P6₁ data: the outlier-resistant CCs still
	 * give 6/m with a clear margin.
	 */
	@Test
	void robustCcsSurviveGrossErrors() {
		UnitCell cell = UnitCell.of(63.5, 63.5, 84, 90, 90, 120);
		SyntheticData d = SyntheticData.generate(SpaceGroup.parse("P 61"), cell, 3.0, 0.6, null, 0, 0.25, 7);
		java.util.Random rnd = new java.util.Random(8);
		for (int q = 0; q < d.i.size(); q++) if (rnd.nextDouble() < 0.03) d.i.set(q, d.i.get(q) * 10);
		LaueGroupAnalysis.Result r = run(d, CcMethod.robust);
		assertEquals("P 6/m", r.best().symbol(), r.report());
		assertTrue(r.best().likelihood() > 0.5, r.report());
	}
}
