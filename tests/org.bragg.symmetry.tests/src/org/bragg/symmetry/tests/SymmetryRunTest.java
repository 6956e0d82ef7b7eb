package org.bragg.symmetry.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bragg.model.BraggInputException;
import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.ChangeOfBasisOp;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;
import org.bragg.symmetry.Symmetry;
import org.bragg.symmetry.SymmetryParameters;
import org.junit.jupiter.api.Test;

/** The driver on an in-memory experiment and integrated reflection table. */
class SymmetryRunTest {
	static ReflectionTable table(SyntheticData d, ChangeOfBasisOp cb) {
		int n = d.i.size();
		ReflectionTable t = new ReflectionTable(n);
		int[] hkl = new int[3 * n];
		long[] flags = new long[n];
		double[] ip = new double[n], vp = new double[n], is = new double[n], vs = new double[n], lp = new double[n], part = new double[n];
		for (int q = 0; q < n; q++) {
			int[] h = cb.apply(d.hkl.get(q)[0], d.hkl.get(q)[1], d.hkl.get(q)[2]);
			System.arraycopy(h, 0, hkl, 3 * q, 3);
			flags[q] = ReflectionFlag.INTEGRATED | ReflectionFlag.PREDICTED.mask();
			lp[q] = 0.5; // intensities stored before the LP correction
			ip[q] = is[q] = d.i.get(q) / lp[q];
			vp[q] = vs[q] = Math.pow(d.sigma.get(q) / lp[q], 2);
			part[q] = 1;
		}
		t.put(Columns.MILLER_INDEX, hkl);
		t.put(Columns.FLAGS, flags);
		t.put(Columns.INTENSITY_PRF_VALUE, ip);
		t.put(Columns.INTENSITY_PRF_VARIANCE, vp);
		t.put(Columns.INTENSITY_SUM_VALUE, is);
		t.put(Columns.INTENSITY_SUM_VARIANCE, vs);
		t.put(Columns.LP, lp);
		t.put(Columns.PARTIALITY, part);
		return t;
	}

	@Test
	void reindexesToTheReferenceSettingAndFindsScrewAxes() throws Exception {
		UnitCell cell = UnitCell.of(42, 42, 89, 90, 90, 90);
		SyntheticData d = SyntheticData.generate(SpaceGroup.parse("P 43 21 2"), cell, 3.0, 0.9, null, 0, 0, 21);
		ChangeOfBasisOp toInput = ChangeOfBasisOp.parse("b,c,a"); // input cell 42, 89, 42
		UnitCell inputCell = cell.changeBasis(toInput);
		Crystal c = Crystal.fromA(Mat3.of(inputCell.bMatrix()), " P 1");
		ExperimentList el = ExperimentList.of(new Experiment("x", null, null, null, null, c, null, Map.of(), Map.of()));
		ReflectionTable t = table(d, toInput);
		List<String> log = new ArrayList<>();
		Symmetry.Result r = Symmetry.run(el, t, SymmetryParameters.defaults(), log::add);
		assertEquals("P 4/m m m", r.laue().best().symbol(), String.join("\n", log));
		assertEquals("P 41 21 2", r.spaceGroup().hermannMauguin(), String.join("\n", log));
		assertTrue(r.absences().axialDataPresent());
		double[] out = r.experiments().get(0).crystal().unitCellParameters();
		assertArrayEquals(new double[] { 42, 42, 89, 90, 90, 90 }, out, 1e-6);
		assertEquals("P 41 21 2", SpaceGroup.fromHall(r.experiments().get(0).crystal().spaceGroupHall()).hermannMauguin());
		// every reflection is reindexed; the input table is untouched
		assertEquals(t.size(), r.reflections().size());
		int[] in = t.get(Columns.MILLER_INDEX), re = r.reflections().get(Columns.MILLER_INDEX);
		for (int q = 0; q < t.size(); q++)
			assertArrayEquals(r.cbOp().apply(in[3 * q], in[3 * q + 1], in[3 * q + 2]), new int[] { re[3 * q], re[3 * q + 1], re[3 * q + 2] });
		assertTrue(String.join("\n", log).contains("Recommended space group: P 41 21 2"));
	}

	@Test
	void missingIntensitiesAreAnInputError() {
		Crystal c = Crystal.fromA(Mat3.of(UnitCell.of(42, 42, 89, 90, 90, 90).bMatrix()), " P 1");
		ExperimentList el = ExperimentList.of(new Experiment("x", null, null, null, null, c, null, Map.of(), Map.of()));
		ReflectionTable t = new ReflectionTable(1);
		t.put(Columns.MILLER_INDEX, new int[] { 1, 2, 3 });
		t.put(Columns.FLAGS, new long[] { 0 });
		BraggInputException ex = assertThrows(BraggInputException.class, () -> Symmetry.run(el, t, SymmetryParameters.defaults(), s -> {}));
		assertTrue(ex.getMessage().contains("intensity.prf.value"), ex.getMessage());
	}
}
