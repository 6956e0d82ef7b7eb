package org.bragg.refinement;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.bragg.model.BraggInputException;
import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.ChangeOfBasisOp;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.refinement.internal.Symmetrize;

/**
 * Reindexing, as {@code dials.reindex}: a change of basis applied to the crystal models (A′ = A·cᵀ, the
 * space group and any scan-point A matrices transformed as dxtbx {@code Crystal.change_basis}) and to the
 * Miller indices of reflections (h′ = h·P; indices that become non-integral are reset to (0,0,0)). With a
 * space group, the crystal is first set to P1, transformed, given that group (in the new setting) and
 * its cell symmetrised by averaging the metric over the group (cctbx {@code average_unit_cell}) while
 * keeping the orientation, as rstbx {@code symmetrize_reduce_enlarge.symmetrize}. Inputs are not modified.
 *
 * @since 0.1
 */
public final class Reindex {
	private Reindex() {}

	/**
	 * @param nonIntegral reflections whose indices were not integral in the new basis (reset to 0,0,0)
	 */
	public record Result(ExperimentList experiments, ReflectionTable reflections, int nonIntegral) {}

	/**
	 * Reindexes experiments (crystals shared between experiments stay shared).
	 *
	 * @param spaceGroup the new space group in the new setting, or null to transform the current one
	 * @throws BraggInputException if the operator makes the crystal basis singular or the cell cannot be symmetrised
	 */
	public static ExperimentList reindexExperiments(ExperimentList el, ChangeOfBasisOp cbOp, SpaceGroup spaceGroup) throws BraggInputException {
		Map<Crystal, Crystal> done = new IdentityHashMap<>();
		List<Experiment> out = new ArrayList<>();
		for (Experiment e : el) {
			Crystal c = e.crystal();
			if (c == null) {
				out.add(e);
				continue;
			}
			Crystal nc = done.get(c);
			if (nc == null) {
				nc = changeBasis(c, cbOp, spaceGroup);
				done.put(c, nc);
			}
			out.add(e.withCrystal(nc));
		}
		return new ExperimentList(out);
	}

	private static Crystal changeBasis(Crystal c, ChangeOfBasisOp cb, SpaceGroup sg) throws BraggInputException {
		try {
			Mat3 a = Mat3.of(cb.applyToAMatrix(c.a().toArray()));
			List<Mat3> sp = new ArrayList<>();
			for (Mat3 m : c.aAtScanPoints()) sp.add(Mat3.of(cb.applyToAMatrix(m.toArray())));
			String hall;
			if (sg != null) {
				hall = sg.hallSymbol();
				a = Mat3.of(Symmetrize.symmetrizeA(a.toArray(), sg));
			} else hall = SpaceGroup.fromHall(c.spaceGroupHall()).changeBasis(cb).hallSymbol();
			return Crystal.fromA(a, hall).withAAtScanPoints(sp).withExtras(c.extras());
		} catch (IllegalArgumentException | IllegalStateException ex) {
			throw new BraggInputException("change_of_basis_op=" + cb + ": " + ex.getMessage() + ". Is your change_of_basis_op valid?", ex);
		}
	}

	/**
	 * Reindexes the {@code miller_index} column of a copy of the table.
	 *
	 * @return the new table and the number of indices reset because they were not integral
	 */
	public static Result reindexReflections(ReflectionTable t, ChangeOfBasisOp cbOp) {
		int n = t.size();
		int[] all = new int[n];
		for (int i = 0; i < n; i++) all[i] = i;
		ReflectionTable out = t.select(all);
		int bad = 0;
		if (out.has(Columns.MILLER_INDEX)) {
			int[] hkl = out.get(Columns.MILLER_INDEX);
			for (int i = 0; i < n; i++) {
				if (!cbOp.apply(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2], hkl, 3 * i)) {
					hkl[3 * i] = hkl[3 * i + 1] = hkl[3 * i + 2] = 0;
					bad++;
				}
			}
		}
		return new Result(null, out, bad);
	}

	/**
	 * Reindexes experiments and reflections together.
	 *
	 * @param cbOp change of basis in any form cctbx accepts ("a,b,c", "-a,b,-c", "h,k,l", "b+c,a+c,a+b")
	 * @param spaceGroup symbol or number of the new space group, or null
	 * @throws BraggInputException if the operator or symbol cannot be parsed
	 */
	public static Result reindex(ExperimentList el, ReflectionTable t, String cbOp, String spaceGroup) throws BraggInputException {
		ChangeOfBasisOp cb;
		try {
			cb = ChangeOfBasisOp.parse(cbOp);
		} catch (IllegalArgumentException ex) {
			throw new BraggInputException("change_of_basis_op: expected an operator such as a,b,c or -b,a+b+2*c,-a, found '" + cbOp + "' (" + ex.getMessage() + ")");
		}
		SpaceGroup sg = null;
		if (spaceGroup != null && !spaceGroup.isBlank()) {
			try {
				sg = SpaceGroup.parse(spaceGroup);
			} catch (IllegalArgumentException ex) {
				throw new BraggInputException("space_group: expected a space-group symbol or number, found '" + spaceGroup + "'");
			}
		}
		ExperimentList ne = el == null ? null : reindexExperiments(el, cb, sg);
		Result r = t == null ? new Result(null, null, 0) : reindexReflections(t, cb);
		return new Result(ne, r.reflections(), r.nonIntegral());
	}
}
