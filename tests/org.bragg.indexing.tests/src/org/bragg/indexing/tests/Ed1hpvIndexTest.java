package org.bragg.indexing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bragg.indexing.Indexer;
import org.bragg.indexing.IndexingParameters;
import org.bragg.indexing.IndexingRefiner;
import org.bragg.indexing.IndexingResult;
import org.bragg.indexing.internal.CandidateBases;
import org.bragg.indexing.internal.LatticeSymmetry;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.BravaisLattice;
import org.bragg.model.symmetry.UnitCell;
import org.junit.jupiter.api.Test;

/**
 * Indexing of the simulated electron-diffraction sweep {@code sim_ed_1hpv_p61} (strong spots found by
 * DIALS with {@code gain=3}, see {@link TestData#edStrongSpots()}). DIALS 3.12 indexes 6496 of 6705
 * (96.9 %) with P1 cell 62.87 63.10 83.17 89.74 89.96 60.00; the truth is P6₁, a = 63.4, c = 83.8 Å.
 * The camera length of the header is 1.2 % long, which the cell absorbs as long as the distance is
 * refined freely, so the cell is compared within 1.5 %.
 */
class Ed1hpvIndexTest {

	@Test
	void indexesTheElectronDiffractionSweep() throws Exception {
		ExperimentList el = TestData.experiments("sim_ed_1hpv_p61/dials_reference/imported.expt");
		ReflectionTable strong = ReflectionTableIO.read(TestData.edStrongSpots());
		List<String> log = new ArrayList<>();
		IndexingResult r = Indexer.index(el, strong, IndexingParameters.defaults(), IndexingRefiner.bragg(Indexer.refinementDefaults()), Progress.NONE,
				log::add);
		assertTrue(r.indexedFraction()[0] >= 0.96, "indexed " + r.indexedFraction()[0] + " (DIALS 0.969)");
		// the P1 lattice is hexagonal: find the hP setting and compare with the truth
		double[] rows = CandidateBases.rows(r.experiments().get(0).crystal());
		LatticeSymmetry.Match m = LatticeSymmetry.find(rows, BravaisLattice.hP, 5, null, 0.1, 5);
		assertNotNull(m, "no hP setting within Le Page δ ≤ 5°");
		assertTrue(m.deltaDeg() < 1, "Le Page δ " + m.deltaDeg());
		double[] p = UnitCell.fromRealSpaceVectors(m.symmetrizedRows()).parameters();
		assertEquals(63.4, p[0], 0.015 * 63.4, Arrays.toString(p));
		assertEquals(63.4, p[1], 0.015 * 63.4, Arrays.toString(p));
		assertEquals(83.8, p[2], 0.015 * 83.8, Arrays.toString(p));
		assertEquals(120, p[5], 1e-6);
	}
}
