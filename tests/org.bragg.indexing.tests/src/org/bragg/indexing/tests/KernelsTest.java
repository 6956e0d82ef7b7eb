package org.bragg.indexing.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.bragg.indexing.internal.DirectionalFft;
import org.bragg.indexing.internal.DpsSearch;
import org.bragg.indexing.internal.FloodFill;
import org.bragg.indexing.internal.IndexAssignment;
import org.bragg.indexing.internal.KdTree;
import org.bragg.indexing.internal.LatticeSymmetry;
import org.bragg.indexing.internal.NonPrimitiveBasis;
import org.bragg.indexing.internal.RealPartPowerFft3d;
import org.bragg.indexing.internal.Tabulate;
import org.bragg.model.Mat3;
import org.bragg.model.Vec3;
import org.bragg.model.symmetry.BravaisLattice;
import org.bragg.model.symmetry.UnitCell;
import org.junit.jupiter.api.Test;

/** Kernels on synthetic inputs with analytically known answers. */
class KernelsTest {

	@Test
	void squaredRealPartMatchesADirectTransform() {
		int n = 8;
		double[] g = new double[n * n * n];
		Random r = new Random(3);
		for (int i = 0; i < 20; i++) g[r.nextInt(g.length)] = r.nextDouble();
		RealPartPowerFft3d f = RealPartPowerFft3d.transform(g, n, 2);
		for (int k1 = 0; k1 < n; k1++)
			for (int k2 = 0; k2 < n; k2++)
				for (int k3 = 0; k3 < n; k3++) {
					double re = 0;
					for (int x = 0; x < n; x++)
						for (int y = 0; y < n; y++)
							for (int z = 0; z < n; z++) re += g[(x * n + y) * n + z] * Math.cos(2 * Math.PI * (k1 * x + k2 * y + k3 * z) / n);
					assertEquals(re * re, f.power(k1, k2, k3), 1e-9, "(" + k1 + "," + k2 + "," + k3 + ")");
				}
	}

	@Test
	void floodFillJoinsVoidsAcrossThePeriodicBoundary() {
		int n = 10;
		byte[] g = new byte[n * n * n];
		// one void straddling x = 0 / x = n-1 at (0,5,5), (9,5,5), (8,5,5); another single point
		g[(0 * n + 5) * n + 5] = 1;
		g[(9 * n + 5) * n + 5] = 1;
		g[(8 * n + 5) * n + 5] = 1;
		g[(4 * n + 2) * n + 7] = 1;
		List<FloodFill.Void> v = FloodFill.run(g, n);
		assertEquals(2, v.size());
		assertEquals(3, v.get(0).gridPoints());
		// centre of (0, -1, -2) along x is -1 → -0.1 in fractions
		assertEquals(-0.1, v.get(0).centreFrac()[0], 1e-12);
		assertEquals(0.5, v.get(0).centreFrac()[1], 1e-12);
		assertArrayEquals(new double[] { 0.4, 0.2, 0.7 }, v.get(1).centreFrac(), 1e-12);
	}

	@Test
	void directionalFftFindsThePeriodAndItsPhase() {
		// points on planes r·d = k/40 Å⁻¹ (period 40 Å) shifted by 0.3 of a period
		double[] xyz = new double[3 * 400];
		for (int i = 0; i < 400; i++) {
			double p = ((i % 20) - 10 + 0.3) / 40.0;
			xyz[3 * i] = p;
			xyz[3 * i + 1] = 0.01 * (i / 20);
			xyz[3 * i + 2] = -0.02 * ((i * 7) % 11);
		}
		DirectionalFft f = new DirectionalFft(5, 60);
		f.transform(xyz, new Vec3(1, 0, 0), 3);
		assertEquals(40, f.ucLength(), 1.0, "period");
		// the phase of the peak measured from the origin is 2π·0.3 (forward transform exp(−2πi…))
		double kb = -f.pMin() / f.deltaP();
		double phase = f.phase(f.kmax()) + 2 * Math.PI * f.kmax() * kb / f.m();
		double expected = -2 * Math.PI * 0.3;
		double d = Math.IEEEremainder(phase - expected, 2 * Math.PI);
		assertEquals(0, d, 0.2, "phase " + phase);
	}

	@Test
	void hemisphereGridIsTheRstbxGrid() {
		// rstbx's test_simple_sampler: 0.014 rad gives 32227 directions
		assertEquals(32227, DpsSearch.hemisphereGrid(0.014).size());
		for (DpsSearch.Direction d : DpsSearch.hemisphereGrid(0.1)) assertTrue(d.dvec().z() >= -1e-12);
	}

	@Test
	void kdTreeFindsTheExactNearestNeighbours() {
		Random r = new Random(11);
		int n = 500;
		double[] p = new double[3 * n];
		for (int i = 0; i < p.length; i++) p[i] = r.nextDouble();
		KdTree t = new KdTree(p, 3);
		int[] idx = new int[3];
		double[] d2 = new double[3];
		for (int q = 0; q < n; q += 37) {
			t.nearestOfPoint(q, 3, idx, d2);
			double best = Double.POSITIVE_INFINITY;
			for (int j = 0; j < n; j++) {
				if (j == q) continue;
				double s = 0;
				for (int c = 0; c < 3; c++) s += Math.pow(p[3 * j + c] - p[3 * q + c], 2);
				best = Math.min(best, s);
			}
			assertEquals(best, d2[0], 1e-15);
			assertTrue(idx[0] != q && d2[0] <= d2[1] && d2[1] <= d2[2]);
		}
	}

	/** rlps of a cell in a fixed orientation: A = B rotated. */
	static Mat3 aMatrix(UnitCell c) {
		return Mat3.rotation(new Vec3(1, 2, 3), 0.7).times(Mat3.of(c.bMatrix()));
	}

	@Test
	void simpleAssignmentIndexesAndResolvesClashes() {
		Mat3 a = aMatrix(UnitCell.of(40, 50, 60, 90, 90, 90));
		int[][] hkls = { { 1, 2, 3 }, { -4, 0, 2 }, { 5, 5, -5 }, { 1, 2, 3 } };
		double[] rlp = new double[3 * hkls.length];
		double[] phi = { 0.1, 0.2, 0.3, 0.15 };
		for (int i = 0; i < hkls.length; i++) {
			Vec3 v = a.times(new Vec3(hkls[i][0] + (i == 3 ? 0.1 : 0), hkls[i][1], hkls[i][2]));
			rlp[3 * i] = v.x();
			rlp[3 * i + 1] = v.y();
			rlp[3 * i + 2] = v.z();
		}
		IndexAssignment.Result r = IndexAssignment.simple(rlp, phi, List.of(a), 0.3);
		assertArrayEquals(new int[] { 1, 2, 3, -4, 0, 2, 5, 5, -5, 0, 0, 0 }, r.millerIndex(), "the farther of two claims on (1,2,3) loses");
		assertArrayEquals(new int[] { 0, 0, 0, -1 }, r.latticeId());
		// a rlp halfway between lattice points is not indexed
		double[] half = a.times(new Vec3(1.5, 2, 3)).toArray();
		assertEquals(-1, IndexAssignment.simple(half, new double[] { 0 }, List.of(a), 0.3).latticeId()[0]);
	}

	@Test
	void localAssignmentRecoversTheIndices() {
		Mat3 a = aMatrix(UnitCell.of(40, 50, 60, 90, 95, 90));
		Random r = new Random(2);
		int n = 600;
		double[] rlp = new double[3 * n], phi = new double[n];
		int[] truth = new int[3 * n];
		for (int i = 0; i < n; i++) {
			int h = r.nextInt(17) - 8, k = r.nextInt(17) - 8, l = r.nextInt(17) - 8;
			if (h == 0 && k == 0 && l == 0) h = 1;
			truth[3 * i] = h;
			truth[3 * i + 1] = k;
			truth[3 * i + 2] = l;
			Vec3 v = a.times(new Vec3(h + 0.02 * r.nextGaussian(), k + 0.02 * r.nextGaussian(), l + 0.02 * r.nextGaussian()));
			rlp[3 * i] = v.x();
			rlp[3 * i + 1] = v.y();
			rlp[3 * i + 2] = v.z();
			phi[i] = 0.001 * i;
		}
		IndexAssignment.Result l = IndexAssignment.local(rlp, phi, List.of(a), 0.05, 8, 0.8, 20);
		int agree = 0, indexed = 0;
		for (int i = 0; i < n; i++) {
			if (l.latticeId()[i] < 0) continue;
			indexed++;
			if (l.millerIndex()[3 * i] == truth[3 * i] && l.millerIndex()[3 * i + 1] == truth[3 * i + 1] && l.millerIndex()[3 * i + 2] == truth[3 * i + 2])
				agree++;
		}
		assertTrue(indexed > 0.9 * n, "local indexed " + indexed);
		assertTrue(agree > 0.99 * indexed, "agree " + agree + " of " + indexed);
	}

	@Test
	void nonPrimitiveBasisIsDetectedAndHalved() {
		// indices of a cell doubled along a: only even h occur
		int[] hkl = new int[3 * 300];
		Random r = new Random(5);
		for (int i = 0; i < 300; i++) {
			hkl[3 * i] = 2 * (r.nextInt(9) - 4) + (i == 0 ? 2 : 0);
			hkl[3 * i + 1] = r.nextInt(9) - 4;
			hkl[3 * i + 2] = r.nextInt(9) - 4 + (hkl[3 * i] == 0 && hkl[3 * i + 1] == 0 ? 1 : 0);
		}
		int[] t = NonPrimitiveBasis.detect(hkl, 0.9);
		assertNotNull(t, "h = 2n detected");
		double[] rows = { 80, 0, 0, 0, 50, 0, 0, 0, 60 };
		double[] fixed = NonPrimitiveBasis.correctDirect(rows, t);
		UnitCell c = UnitCell.fromRealSpaceVectors(fixed);
		assertEquals(40 * 50 * 60, c.volume(), 1e-6, "volume halved");
		assertNull(NonPrimitiveBasis.detect(new int[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 2, 1, 3 }, 0.9));
	}

	@Test
	void latticeSymmetryFindsConventionalSettings() {
		// F-centred cubic a = 60: the primitive (rhombohedral) cell of the F lattice
		double[] f = { 0, 30, 30, 30, 0, 30, 30, 30, 0 };
		LatticeSymmetry.Match cf = LatticeSymmetry.find(f, BravaisLattice.cF, 5, null, 0.1, 5);
		assertNotNull(cf);
		assertEquals(0, cf.deltaDeg(), 1e-6);
		assertArrayEquals(new double[] { 60, 60, 60, 90, 90, 90 }, UnitCell.fromRealSpaceVectors(cf.symmetrizedRows()).parameters(), 1e-6);
		// hexagonal given by a 60° reduced basis
		double[] h = { 63.4, 0, 0, 31.7, 63.4 * Math.sqrt(3) / 2, 0, 0, 0, 83.8 };
		LatticeSymmetry.Match hp = LatticeSymmetry.find(h, BravaisLattice.hP, 5, null, 0.1, 5);
		assertNotNull(hp);
		assertArrayEquals(new double[] { 63.4, 63.4, 83.8, 90, 90, 120 }, UnitCell.fromRealSpaceVectors(hp.symmetrizedRows()).parameters(), 1e-6);
		// an orthorhombic lattice has no tetragonal setting with δ ≤ 5° when a and b differ by 20 %
		double[] o = { 40, 0, 0, 0, 48, 0, 0, 0, 70 };
		assertNull(LatticeSymmetry.find(o, BravaisLattice.tP, 5, null, 0.1, 5));
		assertNotNull(LatticeSymmetry.find(o, BravaisLattice.oP, 5, null, 0.1, 5));
		// a slightly distorted tetragonal cell: δ reflects the distortion
		double[] t = { 42, 0, 0, 0.3, 41.9, 0, 0, 0, 89 };
		LatticeSymmetry.Match tp = LatticeSymmetry.find(t, BravaisLattice.tP, 5, UnitCell.of(41.98, 41.98, 88.92, 90, 90, 90), 0.1, 5);
		assertNotNull(tp);
		assertTrue(tp.deltaDeg() > 0.2 && tp.deltaDeg() < 1, "δ " + tp.deltaDeg());
	}

	@Test
	void tablesAreFormattedAsDialsTabulate() {
		String t = Tabulate.psql(List.of("Imageset", "# indexed", "# unindexed", "% indexed"), List.of(List.of("0", "7544", "1", "100.0%")));
		assertEquals("""
				+------------+-------------+---------------+-------------+
				|   Imageset |   # indexed |   # unindexed | % indexed   |
				|------------+-------------+---------------+-------------|
				|          0 |        7544 |             1 | 100.0%      |
				+------------+-------------+---------------+-------------+""", t);
		// numeric columns are aligned on the decimal point and printed with format g
		String s = Tabulate.psql(List.of("x"), List.of(List.of("0.10"), List.of("0"), List.of("0.02")));
		assertTrue(s.contains("| 0.1  |") && s.contains("| 0    |") && s.contains("| 0.02 |"), s);
		assertEquals("0.1", Tabulate.pyG(0.1));
		assertEquals("155770", Tabulate.pyG(155770));
		assertEquals("1.5577e+06", Tabulate.pyG(1557700));
	}
}
