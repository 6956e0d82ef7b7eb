package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bragg.indexing.IndexingParameters;
import org.bragg.model.Crystal;
import org.bragg.model.Mat3;
import org.bragg.model.symmetry.UnitCell;

/**
 * Ranking of scored candidate models, as DIALS {@code ModelRankWeighted} ({@code weighted}, the
 * default) and {@code ModelRankFilter} ({@code filter}, from rstbx basis_choice).
 *
 * <p>Weighted: each candidate gets w_v·(log₂V − min) + w_n·(max − log₂ f) + w_r·(log₂ rmsd_xy − min),
 * each term raised to {@code power}; the lowest total wins. Filter: candidates indexing &lt; 5 % of the
 * best are dropped, then (optionally) doubled cells, then those below likelihood_cutoff × the best
 * likelihood, then those with volume ≥ volume_cutoff × the smallest, then those indexing fewer than
 * n_indexed_cutoff × the most; the best likelihood wins.
 */
public final class ModelRank {
	private ModelRank() {}

	/** @return the index of the best candidate, or −1 if none */
	public static int best(List<CandidateEvaluator.Score> s, IndexingParameters.BasisVectorCombinations p) {
		if (s.isEmpty()) return -1;
		if (p.solutionScorer() == IndexingParameters.SolutionScorer.WEIGHTED) {
			double[] total = weighted(s, p.weighted());
			int best = 0;
			for (int i = 1; i < total.length; i++) if (total[i] < total[best]) best = i;
			return best;
		}
		return filter(s, p.filter());
	}

	/** The weighted scores: {volume, fraction indexed, rmsd_xy, total} per candidate. */
	public static double[][] weightedParts(List<CandidateEvaluator.Score> s, IndexingParameters.WeightedScorer w) {
		int n = s.size();
		double[] vol = new double[n], frac = new double[n], rms = new double[n];
		double minV = Double.POSITIVE_INFINITY, maxF = Double.NEGATIVE_INFINITY, minR = Double.POSITIVE_INFINITY;
		for (int i = 0; i < n; i++) {
			vol[i] = log2(s.get(i).crystal().volume());
			frac[i] = log2(s.get(i).fractionIndexed());
			double[] r = s.get(i).rmsds();
			rms[i] = log2(Math.hypot(r[0], r[1]));
			minV = Math.min(minV, vol[i]);
			maxF = Math.max(maxF, frac[i]);
			minR = Math.min(minR, rms[i]);
		}
		double[][] out = new double[n][4];
		for (int i = 0; i < n; i++) {
			out[i][0] = w.volumeWeight() * (vol[i] - minV);
			out[i][1] = w.nIndexedWeight() * (-frac[i] + maxF);
			out[i][2] = w.rmsdWeight() * (rms[i] - minR);
			out[i][3] = Math.pow(out[i][0], w.power()) + Math.pow(out[i][1], w.power()) + Math.pow(out[i][2], w.power());
		}
		return out;
	}

	static double[] weighted(List<CandidateEvaluator.Score> s, IndexingParameters.WeightedScorer w) {
		double[][] parts = weightedParts(s, w);
		double[] t = new double[s.size()];
		for (int i = 0; i < t.length; i++) t[i] = parts[i][3];
		return t;
	}

	static int filter(List<CandidateEvaluator.Score> all, IndexingParameters.FilterScorer f) {
		List<CandidateEvaluator.Score> s = byNIndexed(all, 0.05);
		if (f.checkDoubledCell()) s = filterDoubledCell(s);
		if (s.isEmpty()) return -1;
		double bestL = s.stream().mapToDouble(CandidateEvaluator.Score::likelihood).max().orElseThrow();
		int offset = 0;
		while (bestL + offset <= 0) offset++;
		final int off = offset;
		final double bl = bestL;
		s = s.stream().filter(x -> x.likelihood() + off >= f.likelihoodCutoff() * (bl + off)).toList();
		double minV = s.stream().mapToDouble(x -> x.crystal().volume()).min().orElseThrow();
		s = s.stream().filter(x -> x.crystal().volume() < f.volumeCutoff() * minV).toList();
		s = byNIndexed(s, f.nIndexedCutoff());
		if (s.isEmpty()) return -1;
		double best = s.stream().mapToDouble(CandidateEvaluator.Score::likelihood).max().orElseThrow();
		for (CandidateEvaluator.Score x : s) if (x.likelihood() == best) return all.indexOf(x);
		return -1;
	}

	private static List<CandidateEvaluator.Score> byNIndexed(List<CandidateEvaluator.Score> s, double cutoff) {
		int max = s.stream().mapToInt(CandidateEvaluator.Score::nIndexed).max().orElse(0);
		return s.stream().filter(x -> x.nIndexed() >= cutoff * max).toList();
	}

	/** Drops solutions that are an axis-doubled version of another with about as many indexed spots. */
	static List<CandidateEvaluator.Score> filterDoubledCell(List<CandidateEvaluator.Score> s) {
		int[][] ms = { { 2, 1, 1 }, { 1, 2, 1 }, { 1, 1, 2 }, { 2, 2, 1 }, { 2, 1, 2 }, { 1, 2, 2 }, { 2, 2, 2 } };
		List<CandidateEvaluator.Score> out = new ArrayList<>();
		for (CandidateEvaluator.Score s1 : s) {
			boolean doubled = false;
			for (int[] m : ms) {
				if (doubled) break;
				Crystal c = s1.crystal();
				Crystal half = new Crystal(c.realSpaceA().times(1.0 / m[0]), c.realSpaceB().times(1.0 / m[1]), c.realSpaceC().times(1.0 / m[2]),
						c.spaceGroupHall(), List.of(), java.util.Map.of());
				UnitCell hc = UnitCell.of(half.unitCellParameters());
				for (CandidateEvaluator.Score s2 : s) {
					if (s2 == s1) continue;
					if (hc.isSimilarTo(UnitCell.of(s2.crystal().unitCellParameters()), 0.05, 3)) {
						double angle = misorientationDeg(half, s2.crystal());
						if (angle < 1 && s1.nIndexed() < 1.1 * s2.nIndexed()) {
							doubled = true;
							break;
						}
					}
				}
			}
			if (!doubled) out.add(s1);
		}
		return out;
	}

	/** Rotation angle (degrees) between the orientations U of two crystals with similar cells (no symmetry). */
	static double misorientationDeg(Crystal a, Crystal b) {
		Mat3 ua = CandidateEvaluator.uMatrix(a), ub = CandidateEvaluator.uMatrix(b);
		return LatticeSymmetry.rotationAngleDeg(ub.times(ua.transpose()));
	}

	/** DIALS's "Candidate solutions" table for the weighted scorer, best first. */
	public static String table(List<CandidateEvaluator.Score> s, IndexingParameters.BasisVectorCombinations p) {
		if (p.solutionScorer() == IndexingParameters.SolutionScorer.FILTER) {
			List<List<String>> rows = new ArrayList<>();
			for (CandidateEvaluator.Score x : s) {
				rows.add(List.of(cell(x.crystal()), String.format(Locale.ROOT, "%.0f", x.crystal().volume()), String.valueOf(x.nIndexed()),
						String.format(Locale.ROOT, "%.0f", x.fractionIndexed() * 100), String.format(Locale.ROOT, "%.2f", x.likelihood())));
			}
			return Tabulate.psql(List.of("unit_cell", "volume", "n_indexed", "fraction_indexed", "likelihood"), rows);
		}
		double[][] parts = weightedParts(s, p.weighted());
		Integer[] perm = new Integer[s.size()];
		for (int i = 0; i < perm.length; i++) perm[i] = i;
		Arrays.sort(perm, (x, y) -> Double.compare(parts[x][3], parts[y][3]));
		List<List<String>> rows = new ArrayList<>();
		for (int i : perm) {
			CandidateEvaluator.Score x = s.get(i);
			double[] r = x.rmsds();
			rows.add(List.of(cell(x.crystal()), String.format(Locale.ROOT, "%.0f", x.crystal().volume()), String.format(Locale.ROOT, "%.2f", parts[i][0]),
					String.valueOf(x.nIndexed()), String.format(Locale.ROOT, "%.0f", x.fractionIndexed() * 100), String.format(Locale.ROOT, "%.2f", parts[i][1]),
					String.format(Locale.ROOT, "%.2f", Math.hypot(r[0], r[1])), String.format(Locale.ROOT, "%.2f", parts[i][2]),
					String.format(Locale.ROOT, "%.2f", parts[i][3])));
		}
		return Tabulate.psql(List.of("unit_cell", "volume", "volume score", "#indexed", "% indexed", "% indexed score", "rmsd_xy", "rmsd_xy score",
				"overall score"), rows);
	}

	static String cell(Crystal c) {
		double[] p = c.unitCellParameters();
		return String.format(Locale.ROOT, "%.2f %.2f %.2f %.1f %.1f %.1f", p[0], p[1], p[2], p[3], p[4], p[5]);
	}

	private static double log2(double x) { return Math.log(x) / Math.log(2); }

}
