package org.bragg.symmetry.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.bragg.symmetry.LaueGroupAnalysis;
import org.bragg.symmetry.Symmetry;
import org.bragg.symmetry.SymmetryParameters;
import org.bragg.symmetry.SymmetryParameters.CcMethod;
import org.bragg.symmetry.SystematicAbsences;
import org.junit.jupiter.api.Test;

/**
 * Integrated intensities from DIALS 3.12 on the shared simulated sweeps (compact fixtures, see
 * {@code dev/symmetry_fixture.py}), compared with DIALS's dials.symmetry logs in
 * {@code shared/data/<dataset>/dials_reference/log_symmetry.txt}.
 */
class RealDataTest {
	@Test
	void lysozyme1a8oIsP4mmmAndP422WithScrewAxesUndetermined() throws Exception {
		Fixture f = Fixture.load("sim_xray_1a8o_integrated.csv.gz");
		List<String> log = new ArrayList<>();
		for (CcMethod m : CcMethod.values()) {
			SymmetryParameters p = SymmetryParameters.defaults().withCcMethod(m);
			LaueGroupAnalysis.Result r = LaueGroupAnalysis.analyse(f.cell, f.hklBoth, f.iBoth, f.sigmaBoth, p, log::add);
			assertEquals("P 4/m m m", r.latticeGroupSymbol());
			assertEquals("P 4/m m m", r.best().symbol(), r.report());
			assertEquals("a,b,c", r.best().cbOpInpBest().toString());
			assertTrue(r.best().likelihood() > 0.99, "DIALS: 1.000\n" + r.report());
			assertEquals(1.83, r.dMin(), 0.1, "DIALS: 1.83 Å");
			for (LaueGroupAnalysis.OperatorScore s : r.operatorScores()) {
				assertTrue(s.cc() > 0.95, s.label() + " DIALS: CC 1 for every element");
				assertTrue(s.likelihood() > 0.9, s.label());
			}
			SystematicAbsences.Result a = Symmetry.absences(f.cell, r, f.hkl, f.i, f.sigma, 0.95, log::add);
			assertEquals("P 4 2 2", a.best(), a.report());
			assertFalse(a.axialDataPresent(), "no h00/0k0/00l recorded in the 30° sweep (DIALS: 0 present, 0 absent)");
		}
	}

	/**
	 * Simulated 3D ED of HIV protease, P6₁, with a 25 % log-normal error per reflection and frame.
	 * DIALS picks P -3 m 1 (probability 0.297); the target is 6/m. With outlier-resistant CCs Bragg
	 * finds P 6/m at every d_min tried (2.4–3.5 Å) and for every seed; Pearson CCs without DIALS's
	 * outlier rejection flip between C m m m and P 6/m.
	 */
	@Test
	void electronDiffraction1hpvIsP6mWithRobustCcs() throws Exception {
		Fixture f = Fixture.load("sim_ed_1hpv_integrated.csv.gz");
		List<String> log = new ArrayList<>();
		LaueGroupAnalysis.Result r = LaueGroupAnalysis.analyse(f.cell, f.hklBoth, f.iBoth, f.sigmaBoth, SymmetryParameters.defaults(), log::add);
		assertEquals("P 6/m m m", r.latticeGroupSymbol());
		assertEquals(16, r.subgroupScores().size(), "DIALS scores the same 16 sub-groups");
		assertEquals("P 6/m", r.best().symbol(), r.report());
		assertEquals("P 6", r.best().mxGroup().hermannMauguin());
		assertEquals("a,b,c", r.best().cbOpInpBest().toString());
		assertTrue(r.best().likelihood() > 0.3, r.report());
		assertTrue(r.best().confidence() > 0.2, r.report());
		for (double dMin : new double[] { 2.4, 3.0, 3.5 }) {
			LaueGroupAnalysis.Result r2 = LaueGroupAnalysis.analyse(f.cell, f.hklBoth, f.iBoth, f.sigmaBoth,
					SymmetryParameters.defaults().withDMin(java.util.OptionalDouble.of(dMin)), log::add);
			assertEquals("P 6/m", r2.best().symbol(), "d_min=" + dMin + "\n" + r2.report());
		}
		SystematicAbsences.Result a = Symmetry.absences(f.cell, r, f.hkl, f.i, f.sigma, 0.95, log::add);
		assertEquals("P 6", a.best(), a.report());
		assertFalse(a.axialDataPresent(), "the 36° sweep records no 00l: the 6₁ screw stays undetermined");
	}
}
