package org.bragg.indexing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bragg.indexing.BasisVectorSearch;
import org.bragg.indexing.BasisVectorSearches;
import org.bragg.indexing.Indexer;
import org.bragg.indexing.IndexingFailedException;
import org.bragg.indexing.IndexingParameters;
import org.bragg.indexing.IndexingRefiner;
import org.bragg.indexing.IndexingResult;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.Progress;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.UnitCell;
import org.junit.jupiter.api.Test;

/**
 * Conformance suite for {@link BasisVectorSearch} implementations (STYLE §5.7, after EJML's generic
 * checks): every search must find the basis of a synthetic lattice, stay within its contract (vector
 * lengths, the {@code used} array, determinism, clean failures), and index the shared 1a8o rotation
 * data (DIALS 3.12 strong spots) to ≥ 99.9 % through the full indexer.
 */
abstract class GenericBasisVectorSearchChecks {

	/** @return the search under test */
	abstract BasisVectorSearch search();

	/** @return extra PHIL arguments for the 1a8o run (e.g. the known cell for the grid search) */
	List<String> realDataArguments() { return List.of(); }

	/** A synthetic triclinic-ish lattice: a, b, c (Å), α, β, γ (°). */
	static final double[] CELL = { 38.0, 47.0, 61.0, 90.0, 101.0, 90.0 };

	/** Real-space basis rows of {@link #CELL} in a fixed random orientation. */
	static Mat3 basis() {
		UnitCell uc = UnitCell.of(CELL);
		double[] o = uc.orthogonalizationMatrix();
		Mat3 rows = Mat3.of(new double[] { o[0], o[3], o[6], o[1], o[4], o[7], o[2], o[5], o[8] });
		Mat3 u = Mat3.rotation(new Vec3(0.3, -0.5, 0.81), Math.toRadians(37)).times(Mat3.rotation(new Vec3(1, 0.2, 0), Math.toRadians(-21)));
		return rows.times(u.transpose());
	}

	/** 3000 rlps of the lattice between 12 and 3.5 Å, with 0.1 % noise and 5 % random points. */
	static double[] syntheticRlps(long seed) {
		Mat3 a = basis().inverse(); // columns a*, b*, c*
		Random r = new Random(seed);
		List<double[]> pts = new ArrayList<>();
		for (int h = -20; h <= 20; h++)
			for (int k = -20; k <= 20; k++)
				for (int l = -20; l <= 20; l++) {
					Vec3 v = a.times(new Vec3(h, k, l));
					double d = 1 / v.length();
					if (d < 3.5 || d > 12) continue;
					pts.add(new double[] { v.x(), v.y(), v.z() });
				}
		java.util.Collections.shuffle(pts, r);
		int n = 3000;
		double[] out = new double[3 * n];
		for (int i = 0; i < n; i++) {
			double[] p = pts.get(i);
			double len = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
			boolean random = i % 20 == 0;
			for (int c = 0; c < 3; c++) out[3 * i + c] = random ? (r.nextDouble() - 0.5) * 0.5 : p[c] + r.nextGaussian() * 0.001 * len;
		}
		return out;
	}

	static BasisVectorSearch.Context context(UnitCell target) {
		return new BasisVectorSearch.Context(1.3 * 61, 3, target, IndexingParameters.defaults(), s -> {}, 2);
	}

	BasisVectorSearch.Context syntheticContext() {
		return context(search().needsTargetCell() ? UnitCell.of(CELL) : null);
	}

	@Test
	void registeredUnderItsName() {
		assertSame(search().getClass(), BasisVectorSearches.byName(search().name()).getClass());
		assertTrue(BasisVectorSearches.names().contains(search().name()));
	}

	@Test
	void findsTheBasisOfASyntheticLattice() throws Exception {
		double[] rlp = syntheticRlps(5);
		BasisVectorSearch.Result r = search().find(rlp, syntheticContext());
		List<Vec3> v = r.vectors();
		assertFalse(v.isEmpty(), "no candidate vectors");
		Mat3 rows = basis();
		for (int axis = 0; axis < 3; axis++) {
			Vec3 target = rows.row(axis);
			int found = -1;
			for (int i = 0; i < Math.min(30, v.size()); i++) {
				Vec3 c = v.get(i);
				double ang = Math.toDegrees(c.angle(target));
				ang = Math.min(ang, 180 - ang);
				if (ang < 2 && Math.abs(c.length() / target.length() - 1) < 0.02) {
					found = i;
					break;
				}
			}
			if (found < 0) fail(search().name() + ": basis vector " + "abc".charAt(axis) + " (" + target.length() + " Å) not among the first 30 candidates");
		}
	}

	@Test
	void honoursTheContract() throws Exception {
		double[] rlp = syntheticRlps(6);
		BasisVectorSearch.Result r1 = search().find(rlp, syntheticContext());
		BasisVectorSearch.Result r2 = search().find(rlp, syntheticContext());
		assertEquals(rlp.length / 3, r1.usedInIndexing().length, "one used flag per rlp");
		assertEquals(r1.vectors(), r2.vectors(), "deterministic");
		for (Vec3 v : r1.vectors()) {
			assertTrue(v.length() > 3, "vector shorter than min_cell: " + v.length());
			assertTrue(v.length() < 2.5 * 1.3 * 61, "vector far longer than max_cell: " + v.length());
		}
		assertThrows(UnsupportedOperationException.class, () -> r1.vectors().add(Vec3.ZERO), "vectors are immutable");
	}

	@Test
	void failsCleanlyOnTooFewSpots() {
		double[] rlp = { 0.1, 0.02, 0.03, -0.05, 0.07, 0.01, 0.02, -0.09, 0.04, 0.06, 0.06, -0.06, 0.11, 0.0, 0.02 };
		try {
			search().find(rlp, syntheticContext());
		} catch (IndexingFailedException e) {
			assertFalse(e.getMessage().isBlank(), "the failure says why");
		}
	}

	@Test
	void indexesTheRotationData1a8o() throws Exception {
		ExperimentList el = TestData.experiments("sim_xray_1a8o_p43212/dials_reference/imported.expt");
		ReflectionTable strong = TestData.reflections("sim_xray_1a8o_p43212/dials_reference/strong.refl");
		List<String> args = new ArrayList<>(List.of("indexing.method=" + search().name()));
		args.addAll(realDataArguments());
		IndexingParameters p = org.bragg.params.Phil.parse(args, IndexingParameters.class).params();
		IndexingResult r = Indexer.index(el, strong, p, IndexingRefiner.bragg(Indexer.refinementDefaults()), Progress.NONE, s -> {});
		assertEquals(1, r.experiments().size());
		assertTrue(r.indexedFraction()[0] >= 0.999, search().name() + ": indexed " + 100 * r.indexedFraction()[0] + " %");
		double[] c = r.experiments().get(0).crystal().unitCellParameters();
		double[] sorted = { c[0], c[1], c[2] };
		java.util.Arrays.sort(sorted);
		assertEquals(41.98, sorted[0], 0.1);
		assertEquals(41.98, sorted[1], 0.1);
		assertEquals(88.92, sorted[2], 0.2);
	}
}
