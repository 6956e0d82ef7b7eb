package org.bragg.indexing.internal;

import java.util.function.Consumer;

import org.bragg.indexing.IndexingRefiner;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;

/** {@link IndexingRefiner#repredictOnly()}: models unchanged, {@code xyzcal.mm} predicted. */
public final class Repredict implements IndexingRefiner {
	public static final Repredict INSTANCE = new Repredict();

	private Repredict() {}

	@Override
	public Outcome refine(ExperimentList experiments, ReflectionTable indexed, Consumer<String> log) {
		ReflectionTable t = indexed.select(allRows(indexed.size()));
		t.put(Columns.XYZCAL_MM, predict(experiments, t));
		return new Outcome(experiments, t, null);
	}

	static int[] allRows(int n) {
		int[] r = new int[n];
		for (int i = 0; i < n; i++) r[i] = i;
		return r;
	}

	/**
	 * Predicts (x mm, y mm, φ or ΔΨ rad) of every row from its {@code id}, {@code miller_index},
	 * {@code panel} and observed φ; rows that cannot be predicted (unindexed, or not reaching the
	 * Ewald sphere) get their observed position.
	 */
	public static double[] predict(ExperimentList experiments, ReflectionTable t) {
		int n = t.size();
		int[] id = t.get(Columns.ID);
		int[] hkl = t.get(Columns.MILLER_INDEX);
		long[] panel = t.get(Columns.PANEL);
		double[] obs = t.get(Columns.XYZOBS_MM_VALUE);
		double[] out = new double[3 * n];
		SpotPrediction.Geometry[] geo = new SpotPrediction.Geometry[experiments.size()];
		double[][] amat = new double[experiments.size()][];
		for (int i = 0; i < n; i++) {
			boolean ok = false;
			if (id[i] >= 0 && id[i] < experiments.size()) {
				Experiment e = experiments.get(id[i]);
				if (e.crystal() != null) {
					if (geo[id[i]] == null) {
						geo[id[i]] = new SpotPrediction.Geometry(e);
						amat[id[i]] = e.crystal().a().toArray();
					}
					ok = geo[id[i]].predict(amat[id[i]], hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2], obs[3 * i + 2], (int) panel[i], out, 3 * i);
				}
			}
			if (!ok) System.arraycopy(obs, 3 * i, out, 3 * i, 3);
		}
		return out;
	}
}
