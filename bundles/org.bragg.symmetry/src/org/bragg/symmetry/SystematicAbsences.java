package org.bragg.symmetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.symmetry.internal.TextTable;

/**
 * Screw-axis tests from systematic absences and the choice of space group within a Laue group,
 * as DIALS {@code dials.symmetry} (Gildea &amp; Winter 2018, Acta Cryst. D74, 405–410; "direct"
 * method). For each screw axis compatible with the Laue group, the merged axial reflections
 * (00l, 0k0, h00 and their equivalent axes) are split into those a screw would leave present
 * (index a multiple of the axis repeat) and those it would extinguish; with z = ⟨I/σ⟩ and a
 * standard error of 1, the axis scores P(present) when z_absent is below the one-sided cutoff
 * (1.645, 1.960, 2.326 for 0.95, 0.975, 0.99) and z_present above it, also when ⟨I/σ⟩_present &gt;
 * 20·⟨I/σ⟩_absent after dropping the strongest "absent" reflection; otherwise 0. A space group's
 * score is the product of the scores of its screws and one minus those of the screws it lacks.
 *
 * <p>When no axial reflection is recorded, every screw scores 0 and the symmorphic group wins, as
 * in DIALS; {@link Result#axialDataPresent()} is then false so callers can say that the screw axes
 * are undetermined rather than absent.
 *
 * @since 0.1
 */
public final class SystematicAbsences {
	private SystematicAbsences() {}

	/**
	 * One screw-axis test.
	 *
	 * @param name DIALS name, e.g. {@code "41c"}
	 * @since 0.1
	 */
	public record ScrewAxisScore(String name, double score, int nPresent, int nAbsent, double meanIPresent, double meanIAbsent,
			double meanIOverSigmaPresent, double meanIOverSigmaAbsent) {}

	/**
	 * Result of the tests.
	 *
	 * @param laueGroup Patterson group symbol the tests were for
	 * @param spaceGroups candidate space groups (Hermann–Mauguin, reference setting) and scores, in DIALS's order
	 * @param best the recommended space group (reference setting), or null if the Laue group has no screw-axis table
	 * @param enantiomorph the enantiomorphic partner of {@code best} with the same score, or null
	 * @since 0.1
	 */
	public record Result(String laueGroup, List<ScrewAxisScore> axes, List<String> spaceGroups, List<Double> scores, String best,
			String enantiomorph) {
		/** True if at least one tested axis had axial reflections. */
		public boolean axialDataPresent() {
			for (ScrewAxisScore a : axes) if (a.nPresent() + a.nAbsent() > 0) return true;
			return false;
		}

		/** The tables DIALS prints. */
		public String report() {
			StringBuilder b = new StringBuilder();
			b.append("Laue group: ").append(laueGroup).append('\n');
			if (best == null) return b.append("No absences to check for this laue group\n").toString();
			b.append("Scoring method: direct\n");
			TextTable t = new TextTable("Screw axis", "Score", "No. present", "No. absent", "<I> present", "<I> absent", "<I/sig> present",
					"<I/sig> absent");
			for (ScrewAxisScore a : axes)
				t.row(a.name(), f3(a.score()), a.nPresent(), a.nAbsent(), f3(a.meanIPresent()), f3(a.meanIAbsent()), f3(a.meanIOverSigmaPresent()),
						f3(a.meanIOverSigmaAbsent()));
			b.append(t).append('\n');
			t = new TextTable("Space group", "score");
			for (int i = 0; i < spaceGroups.size(); i++) t.row(spaceGroups.get(i), String.format(Locale.ROOT, "%.4f", scores.get(i)));
			b.append(t).append('\n');
			b.append("Recommended space group: ").append(best).append('\n');
			if (enantiomorph != null) b.append("Space group with equivalent score (enantiomorphic pair): ").append(enantiomorph).append('\n');
			if (!axialDataPresent())
				b.append("No axial reflections were recorded for any screw axis: the screw axes are undetermined and the symmorphic group "
						+ best + " is kept (any group of Laue class " + laueGroup + " with screws is equally consistent with the data).\n");
			return b.toString();
		}
	}

	private static String f3(double x) { return String.format(Locale.ROOT, "%.3f", x); }

	/** Screw axis: index along a (0), b (1), c (2) and repeat of present reflections. */
	private record Axis(String name, int idx, int repeat, int[] equivalentIdx) {}

	private static final Axis A21a = new Axis("21a", 0, 2, new int[0]), A21b = new Axis("21b", 1, 2, new int[0]),
			A21c = new Axis("21c", 2, 2, new int[0]), A41c = new Axis("41c", 2, 4, new int[0]), A42c = new Axis("42c", 2, 2, new int[0]),
			A31c = new Axis("31c", 2, 3, new int[0]), A61c = new Axis("61c", 2, 6, new int[0]), A62c = new Axis("62c", 2, 3, new int[0]),
			A63c = new Axis("63c", 2, 2, new int[0]), A21aEq = new Axis("21a", 0, 2, new int[] { 1 }),
			A21aCubic = new Axis("21a", 0, 2, new int[] { 1, 2 }), A41aCubic = new Axis("41a", 0, 4, new int[] { 1, 2 });

	/** Condition per axis: 1 = screw present, 0 = absent, −1 = not tested ("pass"); shorter lists ignore later axes (as DIALS's zip). */
	private record Table(Axis[] axes, String[] groups, int[][] conditions, Map<String, String> enantiomorphs) {}

	private static final Map<String, Table> TABLES = Map.ofEntries(
			Map.entry("P 1 2/m 1", new Table(new Axis[] { A21b }, new String[] { "P 1 2 1", "P 1 21 1" }, new int[][] { { 0 }, { 1 } }, Map.of())),
			Map.entry("C 1 2/m 1", new Table(new Axis[] {}, new String[] { "C 1 2 1" }, new int[][] { {} }, Map.of())),
			Map.entry("P m m m", new Table(new Axis[] { A21a, A21b, A21c },
					new String[] { "P 2 2 2", "P 2 2 21", "P 2 21 2", "P 21 2 2", "P 21 21 2", "P 21 2 21", "P 2 21 21", "P 21 21 21" },
					new int[][] { { 0, 0, 0 }, { 0, 0, 1 }, { 0, 1, 0 }, { 1, 0, 0 }, { 1, 1, 0 }, { 1, 0, 1 }, { 0, 1, 1 }, { 1, 1, 1 } }, Map.of())),
			Map.entry("C m m m", new Table(new Axis[] { A21c }, new String[] { "C 2 2 2", "C 2 2 21" }, new int[][] { { 0 }, { 1 } }, Map.of())),
			Map.entry("P 4/m", new Table(new Axis[] { A41c, A42c }, new String[] { "P 4", "P 41", "P 42" }, new int[][] { { 0, 0 }, { 1 }, { 0, 1 } },
					Map.of("P 41", "P 43"))),
			Map.entry("I 4/m", new Table(new Axis[] { A41c }, new String[] { "I 4", "I 41" }, new int[][] { { 0 }, { 1 } }, Map.of())),
			Map.entry("P 4/m m m", new Table(new Axis[] { A41c, A21aEq, A42c },
					new String[] { "P 4 2 2", "P 4 21 2", "P 41 2 2", "P 42 2 2", "P 41 21 2", "P 42 21 2" },
					new int[][] { { 0, 0, 0 }, { 0, 1, 0 }, { 1, 0 }, { 0, 0, 1 }, { 1, 1 }, { 0, 1, 1 } },
					Map.of("P 41 2 2", "P 43 2 2", "P 41 21 2", "P 43 21 2"))),
			Map.entry("I 4/m m m", new Table(new Axis[] { A41c }, new String[] { "I 4 2 2", "I 41 2 2" }, new int[][] { { 0 }, { 1 } }, Map.of())),
			Map.entry("P 6/m", new Table(new Axis[] { A61c, A62c, A63c }, new String[] { "P 6", "P 61", "P 62", "P 63" },
					new int[][] { { 0, 0, 0 }, { 1 }, { 0, 1 }, { 0, -1, 1 } }, Map.of("P 61", "P 65", "P 62", "P 64"))),
			Map.entry("P 6/m m m", new Table(new Axis[] { A61c, A62c, A63c }, new String[] { "P 6 2 2", "P 61 2 2", "P 62 2 2", "P 63 2 2" },
					new int[][] { { 0, 0, 0 }, { 1 }, { 0, 1 }, { 0, -1, 1 } }, Map.of("P 61 2 2", "P 65 2 2", "P 62 2 2", "P 64 2 2"))),
			Map.entry("P -3", new Table(new Axis[] { A31c }, new String[] { "P 3", "P 31" }, new int[][] { { 0 }, { 1 } }, Map.of("P 31", "P 32"))),
			Map.entry("P -3 1 m", new Table(new Axis[] { A31c }, new String[] { "P 3 1 2", "P 31 1 2" }, new int[][] { { 0 }, { 1 } },
					Map.of("P 31 1 2", "P 32 1 2"))),
			Map.entry("P -3 m 1", new Table(new Axis[] { A31c }, new String[] { "P 3 2 1", "P 31 2 1" }, new int[][] { { 0 }, { 1 } },
					Map.of("P 31 2 1", "P 32 2 1"))),
			Map.entry("P m -3", new Table(new Axis[] { A21aCubic }, new String[] { "P 2 3", "P 21 3" }, new int[][] { { 0 }, { 1 } }, Map.of())),
			Map.entry("P m -3 m", new Table(new Axis[] { A41aCubic, A42c }, new String[] { "P 4 3 2", "P 41 3 2", "P 42 3 2" },
					new int[][] { { 0, 0 }, { 1 }, { 0, 1 } }, Map.of("P 41 3 2", "P 43 3 2"))),
			Map.entry("I m -3 m", new Table(new Axis[] { A41aCubic }, new String[] { "I 4 3 2", "I 41 3 2" }, new int[][] { { 0 }, { 1 } }, Map.of())),
			Map.entry("F m -3 m", new Table(new Axis[] { A41aCubic }, new String[] { "F 4 3 2", "F 41 3 2" }, new int[][] { { 0 }, { 1 } }, Map.of())));

	/** True if DIALS tabulates screw axes for this Patterson group symbol. */
	public static boolean hasScrewAxes(String laueGroup) {
		Table t = TABLES.get(laueGroup);
		return t != null && t.axes().length > 0;
	}

	/**
	 * Runs the tests on merged intensities in the reference setting of the Laue group.
	 *
	 * @param laueGroup Patterson group symbol in its reference setting, e.g. {@code "P 4/m m m"}
	 * @param hkl merged Miller indices (reference setting), int[3n]
	 * @param intensity merged intensities
	 * @param sigma their σ
	 * @param significanceLevel 0.95, 0.975 or 0.99
	 * @param log receives DIALS's notes on individual axes
	 */
	public static Result analyse(String laueGroup, int[] hkl, double[] intensity, double[] sigma, double significanceLevel,
			java.util.function.Consumer<String> log) {
		Table tb = TABLES.get(laueGroup);
		if (tb == null || tb.axes().length == 0) {
			String only = tb == null ? null : tb.groups()[0];
			return new Result(laueGroup, List.of(), only == null ? List.of() : List.of(only), only == null ? List.of() : List.of(1.0), only, null);
		}
		double cutoff = significanceLevel == 0.99 ? 2.326 : significanceLevel == 0.975 ? 1.960 : 1.645;
		List<ScrewAxisScore> axes = new ArrayList<>();
		double[] s = new double[tb.axes().length];
		for (int a = 0; a < tb.axes().length; a++) {
			ScrewAxisScore sc = scoreAxis(tb.axes()[a], hkl, intensity, sigma, cutoff, log);
			axes.add(sc);
			s[a] = sc.score();
		}
		List<String> groups = new ArrayList<>();
		List<Double> scores = new ArrayList<>();
		int bestI = 0;
		for (int g = 0; g < tb.groups().length; g++) {
			double v = 1;
			int[] cond = tb.conditions()[g];
			for (int a = 0; a < Math.min(cond.length, s.length); a++) {
				if (cond[a] == 1) v *= s[a];
				else if (cond[a] == 0) v *= 1 - s[a];
			}
			groups.add(tb.groups()[g]);
			scores.add(v);
			if (v > scores.get(bestI)) bestI = g;
		}
		String best = groups.get(bestI);
		return new Result(laueGroup, List.copyOf(axes), List.copyOf(groups), List.copyOf(scores), best, tb.enantiomorphs().get(best));
	}

	private static ScrewAxisScore scoreAxis(Axis ax, int[] hkl, double[] intensity, double[] sigma, double cutoff,
			java.util.function.Consumer<String> log) {
		List<double[]> pres = new ArrayList<>(), abs = new ArrayList<>(); // {I, I/σ}
		int n = intensity.length;
		int[] idxs = new int[1 + ax.equivalentIdx().length];
		idxs[0] = ax.idx();
		System.arraycopy(ax.equivalentIdx(), 0, idxs, 1, ax.equivalentIdx().length);
		for (int idx : idxs) {
			for (int i = 0; i < n; i++) {
				int h = hkl[3 * i], k = hkl[3 * i + 1], l = hkl[3 * i + 2];
				int along;
				if (idx == 0 && k == 0 && l == 0) along = h;
				else if (idx == 1 && h == 0 && l == 0) along = k;
				else if (idx == 2 && h == 0 && k == 0) along = l;
				else continue;
				if (!(sigma[i] > 0)) continue;
				double[] v = { intensity[i], intensity[i] / sigma[i] };
				if (Math.floorMod(along, ax.repeat()) == 0) pres.add(v);
				else abs.add(v);
			}
		}
		if (pres.isEmpty() || abs.isEmpty()) return new ScrewAxisScore(ax.name(), 0, pres.size(), abs.size(), 0, 0, 0, 0);
		double mIsP = mean(pres, 1), mIsA = mean(abs, 1), mIP = mean(pres, 0), mIA = mean(abs, 0);
		double zA = mIsA, zP = mIsP; // standard errors taken as 1, as DIALS
		double pA = phi(zA), pP = phi(zP);
		boolean intensityTest = mIsP > 20 * mIsA;
		double score;
		if (zA > cutoff && !intensityTest) score = (1 - pA) * pP;
		else if (zA > cutoff) {
			if (abs.size() <= 1) score = pP;
			else {
				abs.sort((x, y) -> Double.compare(x[1], y[1]));
				List<double[]> trimmed = abs.subList(0, abs.size() - 1);
				double m2 = mean(trimmed, 1);
				if (m2 > cutoff) {
					log.accept("Test results for " + ax.name() + " appear inconsistent (significant nonzero intensity for 'absent' reflections, but "
							+ "majority of intensity in reflection condition). There may be a set of weak reflections due to pseudosymmetry.");
					score = (1 - pA) * pP;
				} else {
					mIsA = m2;
					mIA = mean(trimmed, 0);
					score = zP > cutoff ? pP : 0;
					if (zP > cutoff) log.accept("Screw axis " + ax.name() + " could only be assigned after removing a suspected outlier from the expected 'absent' reflections.");
				}
			}
		} else if (zP > cutoff) score = pP;
		else {
			log.accept("No evidence to suggest a screw axis for " + ax.name() + ", but insufficient evidence to rule out completely, possibly due to limited data.");
			score = 0;
		}
		return new ScrewAxisScore(ax.name(), score, pres.size(), abs.size(), mIP, mIA, mIsP, mIsA);
	}

	private static double mean(List<double[]> v, int c) {
		double s = 0;
		for (double[] x : v) s += x[c];
		return v.isEmpty() ? 0 : s / v.size();
	}

	/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| &lt; 1.5e-7). */
	static double phi(double z) {
		double x = Math.abs(z) / Math.sqrt(2);
		double t = 1 / (1 + 0.3275911 * x);
		double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
		return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
	}

	/** Whether a group symbol names a table entry (for tests). */
	static boolean known(String laueGroup) { return TABLES.containsKey(laueGroup); }

	static SpaceGroup group(String hm) { return SpaceGroup.parse(hm); }
}
