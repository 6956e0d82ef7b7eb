package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.bragg.indexing.IndexingFailedException;
import org.bragg.indexing.IndexingRefiner;
import org.bragg.model.Crystal;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.CrystalSystem;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;

/**
 * A crystal-only refinement used when no geometry refiner is available: for each crystal, A = U·B is
 * fitted to the indexed rlps by linear least squares (A = Σ r·hᵀ·(Σ h·hᵀ)⁻¹), spots whose predicted
 * positions fall outside Tukey's fences (IQR × 1.5) are flagged as centroid outliers, A is fitted
 * again, and the cell is symmetrized to the crystal's space group (metric of its crystal system,
 * orientation by Procrustes fit). Beam, detector and goniometer are not changed. This is not
 * DIALS's refinement; it gives the lattice, not the geometry.
 */
public final class LatticeFitRefiner implements IndexingRefiner {
	public static final LatticeFitRefiner INSTANCE = new LatticeFitRefiner();

	private LatticeFitRefiner() {}

	@Override
	public Outcome refine(ExperimentList experiments, ReflectionTable indexed, Consumer<String> log) throws IndexingFailedException {
		ReflectionTable t = indexed.select(Repredict.allRows(indexed.size()));
		int[] id = t.get(Columns.ID);
		long[] flags = t.getOrCreate(Columns.FLAGS);
		for (int i = 0; i < flags.length; i++) flags[i] &= ~(ReflectionFlag.CENTROID_OUTLIER.mask() | ReflectionFlag.USED_IN_REFINEMENT.mask());
		List<Experiment> out = new ArrayList<>(experiments.asList());
		// experiments sharing a crystal object are fitted together
		List<Crystal> distinct = new ArrayList<>();
		for (Experiment e : experiments) if (distinct.stream().noneMatch(c -> c == e.crystal())) distinct.add(e.crystal());
		for (Crystal c : distinct) {
			List<Integer> rows = new ArrayList<>();
			for (int i = 0; i < t.size(); i++) if (id[i] >= 0 && experiments.get(id[i]).crystal() == c) rows.add(i);
			if (rows.size() < 10) throw new IndexingFailedException("too few reflections (" + rows.size() + ") to refine a crystal");
			int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
			Mat3 a = CandidateEvaluator.fitA(t, idx);
			if (a == null) throw new IndexingFailedException("singular least-squares fit of the crystal setting matrix");
			double[] res = CandidateEvaluator.residuals(a, experiments, t, idx);
			boolean[] keep = CandidateEvaluator.tukey(res, idx.length, 1.5, CandidateEvaluator.anyRotation(experiments));
			int[] inl = CandidateEvaluator.select(idx, keep);
			for (int k = 0; k < idx.length; k++) if (!keep[k]) flags[idx[k]] |= ReflectionFlag.CENTROID_OUTLIER.mask();
			if (inl.length < 10) throw new IndexingFailedException("too few reflections left after outlier rejection (" + inl.length + ")");
			Mat3 a2 = CandidateEvaluator.fitA(t, inl);
			if (a2 == null) throw new IndexingFailedException("singular least-squares fit of the crystal setting matrix");
			Crystal nc;
			try {
				nc = symmetrize(c.withA(a2));
			} catch (RuntimeException e) {
				throw new IndexingFailedException("refined crystal model is invalid: " + e.getMessage());
			}
			for (int k : inl) flags[k] |= ReflectionFlag.USED_IN_REFINEMENT.mask();
			for (int e = 0; e < out.size(); e++) if (experiments.get(e).crystal() == c) out.set(e, out.get(e).withCrystal(nc));
		}
		ExperimentList el = new ExperimentList(out);
		t.put(Columns.XYZCAL_MM, Repredict.predict(el, t));
		double[] r = rmsd(t);
		log.accept(String.format(Locale.ROOT, "Crystal-only lattice fit (no geometry refiner available): RMSD X %.4f mm, Y %.4f mm, Phi %.4f deg",
				r[0], r[1], Math.toDegrees(r[2])));
		return new Outcome(el, t, null);
	}

	/** The crystal with its cell constrained by its space group's crystal system, same orientation. */
	public static Crystal symmetrize(Crystal c) {
		CrystalSystem sys;
		try {
			sys = SpaceGroup.fromHall(c.spaceGroupHall().trim()).crystalSystem();
		} catch (RuntimeException e) {
			return c;
		}
		if (sys == CrystalSystem.TRICLINIC) return c;
		double[] rows = CandidateBases.rows(c);
		UnitCell sym = LatticeSymmetry.symmetrizedCell(UnitCell.fromRealSpaceVectors(rows), sys);
		return CandidateBases.fromRows(LatticeSymmetry.symmetrize(rows, sym), c.spaceGroupHall());
	}

	static double[] rmsd(ReflectionTable t) {
		double[] obs = t.get(Columns.XYZOBS_MM_VALUE), cal = t.get(Columns.XYZCAL_MM);
		long[] flags = t.get(Columns.FLAGS);
		double[] s = new double[3];
		int n = 0;
		for (int i = 0; i < t.size(); i++) {
			if ((flags[i] & ReflectionFlag.USED_IN_REFINEMENT.mask()) == 0) continue;
			n++;
			for (int k = 0; k < 3; k++) s[k] += Math.pow(cal[3 * i + k] - obs[3 * i + k], 2);
		}
		for (int k = 0; k < 3; k++) s[k] = n == 0 ? Double.NaN : Math.sqrt(s[k] / n);
		return s;
	}
}
