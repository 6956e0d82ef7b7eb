package org.bragg.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.bragg.model.symmetry.ChangeOfBasisOp;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.SymOp;
import org.bragg.model.symmetry.UnitCell;
import org.bragg.symmetry.internal.CcAccumulator;
import org.bragg.symmetry.internal.CcLikelihood;
import org.bragg.symmetry.internal.LatticeGroup;
import org.bragg.symmetry.internal.Rotations;
import org.bragg.symmetry.internal.SettingFinder;
import org.bragg.symmetry.internal.TextTable;

/**
 * Laue-group (Patterson group) determination from the intensities of one sweep, following
 * POINTLESS (Evans 2006, Acta Cryst. D62, 72–82; Evans 2011, Acta Cryst. D67, 282–292) as DIALS
 * {@code dials.symmetry} implements it (Gildea &amp; Winter 2018, Acta Cryst. D74, 405–410).
 *
 * <p>Steps: (1) the reflections move to the Niggli-reduced cell and merge in P1 with Friedel
 * mates kept apart; (2) the lattice point group is the holohedry of the highest-symmetry Le Page
 * setting with δ ≤ {@code lattice_symmetry_max_delta}; reflections with ε &gt; 1 in it are dropped;
 * (3) σ is inflated to 2·√(σ² + (0.03·I)²) and intensities are normalised to |E|² in resolution
 * shells; (4) d_min comes from ⟨I⟩/⟨σ⟩ ≥ 4 or CC½ (Friedel pairs) ≥ 0.6; (5) σ(CC) = CCsigFac/√N
 * is fitted to the rms CC of random groups (N = 5…200) of unrelated pairs in the same resolution
 * bin, and E(CC|S) blends var(I)/(var(I)+⟨σ²⟩) with the CC of Friedel pairs; (6) each proper
 * rotation of the lattice group (with its inverse) gets a CC between |E|²(h) and |E|²(h·R), Z-CC =
 * CC/max(0.1, σ(CC)), and p(S|CC) from the truncated-Cauchy p(CC|S) and p(CC|¬S); (7) every
 * subgroup of the lattice group is scored by the product of p(CC|S) over its elements and
 * p(CC|¬S) over the others, normalised over all subgroups, with net Z-CC and a confidence from the
 * gap to the next subgroup.
 *
 * <p><b>Outlier-resistant CCs (Bragg).</b> With {@code cc_method=robust} (the default) each CC is
 * the Pearson CC of the van der Waerden normal scores of the ranks of |E|², which bounds the pull
 * of a few gross errors; σ(CC), E(CC) and the Friedel CC are computed the same way so the
 * likelihoods stay calibrated. {@code cc_method=pearson} reproduces DIALS. On the simulated 3D ED
 * sweep of HIV protease (P6₁, 25 % log-normal error per reflection and frame, an imitation of
 * dynamical scattering) DIALS picks P -3 m 1: after its outlier rejection the Friedel CC is 0.97,
 * so the true 6-, 3- and 2-fold (CC 0.75, 0.78, 0.42) fall short of E(CC), while the false two-folds
 * normal to c, helped by the near-P6₁22 pseudo-symmetry of the protease dimer and small N, reach
 * 0.89–0.98. Without that rejection and with rank-based CCs, E(CC) = 0.73 matches the data's real
 * consistency and P 6/m wins at every d_min from 2.4 to 3.5 Å.
 *
 * <p><b>Likelihoods on Fisher's z scale (Bragg).</b> With {@code cc_transform=fisher_z} (the
 * default) p(CC|S) and p(CC|¬S) are the same Cauchy model evaluated on z = atanh(CC) (Fisher 1921),
 * centred on atanh(E(CC|S)), with the same width max(0.1, CCsigFac/√N) and the same prior over the
 * true CC for ¬S. The sampling spread of a CC shrinks as (1−ρ²)/√N near ρ = 1 while that of z stays
 * ≈ 1/√N, so on the z scale the width means the same at every CC and agrees with DIALS's for small
 * CCs. On the CC scale the 0.1 floor cannot separate a genuine pseudo-symmetry from the true
 * symmetry when both correlate highly: Bragg's own integration of the ED sweep gives CC 0.95–0.97
 * for the 6-, 3- and 2-fold along c and the identity, but 0.82–0.89 (N 500–4600) for the six false
 * two-folds normal to c, and DIALS's CC-scale likelihood picks P 6/m m m with probability 0.996
 * (dials.symmetry itself does the same on those reflections); on the true intensities of 1HPV those
 * two-folds correlate at 0.84 (d ≥ 2 Å) to 0.96 (d ≥ 3.5 Å), a real pseudo-symmetry of the
 * structure. On the z scale they lie 6–8 widths below E(z) and P 6/m wins (0.998). {@code
 * cc_transform=none} restores the DIALS behaviour. Where the Laue group is lower than the lattice
 * group, {@link Result#indexingAmbiguities()} lists the alternative indexings one sweep cannot
 * resolve.
 *
 * <p>Stateless; all inputs are left unmodified. Deterministic for a given {@code seed}.
 *
 * @since 0.1
 */
public final class LaueGroupAnalysis {
	private LaueGroupAnalysis() {}

	/**
	 * Score of one symmetry element of the lattice group.
	 *
	 * @param rotation the proper rotation, row-major int[9] acting on fractional coordinates of the reduced cell
	 * @param label cctbx-style name, e.g. {@code "4 |(0, 0, 1)"}
	 * @param n number of reflection pairs
	 * @since 0.1
	 */
	public record OperatorScore(int[] rotation, String label, int n, double cc, double sigmaCc, double zcc, double pGivenS,
			double pGivenNotS, double likelihood) {}

	/**
	 * Score of one subgroup of the lattice group.
	 *
	 * @param pattersonGroup the Patterson group in its reference setting
	 * @param mxGroup the corresponding acentric (MX) space group, reference setting
	 * @param cbOpInpBest change of basis from the input setting to the reference setting
	 * @param elements bit mask over {@link Result#operatorScores()} of the elements in the group
	 * @param maxDelta largest Le Page obliquity (degrees) of the two-folds in the group
	 * @since 0.1
	 */
	public record SubgroupScore(String symbol, SpaceGroup pattersonGroup, SpaceGroup mxGroup, ChangeOfBasisOp cbOpInpBest, long elements,
			double likelihood, double confidence, double zccNet, double zccFor, double zccAgainst, double ccFor, double ccAgainst,
			double maxDelta) {}

	/**
	 * Result of the analysis.
	 *
	 * @param cbOpInpMin input setting → reduced cell
	 * @param latticeGroupSymbol the lattice point group (Patterson) in its reference setting
	 * @param latticeGroup the lattice point group (Patterson) in the reduced (minimum) cell
	 * @param dMin resolution limit used (Å)
	 * @param nReflections unique reflections (P1, Friedel mates apart) used
	 * @param ccTransform the scale the element likelihoods were evaluated on
	 * @param subgroupScores best first
	 * @since 0.1
	 */
	public record Result(UnitCell inputCell, ChangeOfBasisOp cbOpInpMin, UnitCell minCell, String latticeGroupSymbol, SpaceGroup latticeGroup, double dMin,
			int nReflections, int nUnrelated, double ccUnrelated, double expectedCcTrue, double ccSigFac, double ccIdentity, double ccTrue,
			SymmetryParameters.CcTransform ccTransform, List<OperatorScore> operatorScores, List<SubgroupScore> subgroupScores) {
		/** The best subgroup. */
		public SubgroupScore best() { return subgroupScores.get(0); }

		/** The tables DIALS prints, in DIALS's layout. */
		public String report() {
			StringBuilder b = new StringBuilder();
			double[] c = inputCell.parameters();
			b.append("Input crystal symmetry:\n");
			b.append(String.format(Locale.ROOT, "Unit cell: (%.4f, %.4f, %.4f, %.4g, %.4g, %.4g)%n", c[0], c[1], c[2], c[3], c[4], c[5]));
			b.append("Space group: P 1 (No. 1)\n");
			b.append("Change of basis op to minimum cell: ").append(cbOpInpMin).append('\n');
			c = minCell.parameters();
			b.append("Crystal symmetry in minimum cell:\n");
			b.append(String.format(Locale.ROOT, "Unit cell: (%.4f, %.4f, %.4f, %.4g, %.4g, %.4g)%n", c[0], c[1], c[2], c[3], c[4], c[5]));
			b.append("Space group: P 1 (No. 1)\n");
			b.append("Lattice point group: ").append(latticeGroupSymbol).append("\n\n");
			b.append(String.format(Locale.ROOT, "Overall CC for %d unrelated pairs: %.3f%n", nUnrelated, ccUnrelated));
			b.append(String.format(Locale.ROOT, "Estimated expectation value of true correlation coefficient E(CC) = %.3f%n", expectedCcTrue));
			if (ccSigFac > 0) b.append(String.format(Locale.ROOT, "Estimated sd(CC) = %.3f / sqrt(N)%n", ccSigFac));
			else b.append("Too few reflections to estimate sd(CC).\n");
			b.append(String.format(Locale.ROOT, "Estimated E(CC) of true correlation coefficient from identity = %.3f%n", ccTrue));
			boolean fisher = ccTransform == SymmetryParameters.CcTransform.fisher_z;
			double zTrue = CcLikelihood.fisherZ(ccTrue);
			if (fisher) b.append(String.format(Locale.ROOT,
					"Likelihoods on Fisher's z = atanh(CC) (cc_transform=fisher_z): p(z|S) = Cauchy(E(z) = atanh(%.3f) = %.2f, sd), "
							+ "p(z|not S) = the same averaged over a true CC in [0, 1] (Evans 2011 prior), sd = max(0.1, %.3f/sqrt(N))%n",
					ccTrue, zTrue, ccSigFac));
			b.append("\n").append("-".repeat(80)).append("\n\nScoring individual symmetry elements\n\n");
			TextTable t = fisher ? new TextTable("likelihood", "Z-CC", "CC", "N", "z", "(z-E(z))/sd", "", "Operator")
					: new TextTable("likelihood", "Z-CC", "CC", "N", "", "Operator");
			for (OperatorScore s : operatorScores) {
				String stars = s.likelihood() > 0.9 ? "***" : s.likelihood() > 0.7 ? "**" : s.likelihood() > 0.5 ? "*" : "";
				if (fisher) {
					double z = CcLikelihood.fisherZ(s.cc());
					t.row(f3(s.likelihood()), f2(s.zcc()), f2(s.cc()), s.n(), f2(z), s.sigmaCc() > 0 ? f2((z - zTrue) / s.sigmaCc()) : "-", stars,
							s.label());
				} else t.row(f3(s.likelihood()), f2(s.zcc()), f2(s.cc()), s.n(), stars, s.label());
			}
			b.append(t).append("\n\n").append("-".repeat(80)).append("\n\nScoring all possible sub-groups\n\n");
			t = new TextTable("Patterson group", "", "Likelihood", "NetZcc", "Zcc+", "Zcc-", "CC", "CC-", "delta", "Reindex operator");
			for (SubgroupScore s : subgroupScores) {
				String stars = s.likelihood() > 0.8 ? "***" : s.likelihood() > 0.6 ? "**" : s.likelihood() > 0.4 ? "*" : "";
				t.row(s.symbol(), stars, f3(s.likelihood()), f2(s.zccNet()), f2(s.zccFor()), f2(s.zccAgainst()), f2(s.ccFor()), f2(s.ccAgainst()),
						String.format(Locale.ROOT, "%.1f", s.maxDelta()), s.cbOpInpBest().toString());
			}
			b.append(t).append('\n');
			b.append(decision());
			SubgroupScore best = best();
			b.append("\nBest solution: ").append(best.symbol()).append('\n');
			c = inputCell.changeBasis(best.cbOpInpBest()).parameters();
			b.append(String.format(Locale.ROOT, "Unit cell: (%.4f, %.4f, %.4f, %.4g, %.4g, %.4g)%n", c[0], c[1], c[2], c[3], c[4], c[5]));
			b.append("Reindex operator: ").append(best.cbOpInpBest()).append('\n');
			b.append(String.format(Locale.ROOT, "Laue group probability: %.3f%n", best.likelihood()));
			b.append(String.format(Locale.ROOT, "Laue group confidence: %.3f%n", best.confidence()));
			List<ChangeOfBasisOp> amb = indexingAmbiguities();
			if (!amb.isEmpty()) {
				b.append("Indexing ambiguity: the lattice symmetry ").append(latticeGroupSymbol).append(" is higher than the Laue group ")
						.append(best.symbol()).append("; the alternative indexing");
				b.append(amb.size() > 1 ? "s " : " ");
				for (int i = 0; i < amb.size(); i++) b.append(i > 0 ? ", " : "").append(amb.get(i).toHkl());
				b.append(" cannot be told apart from one sweep (merohedry): the reindex operator above is kept and the hand of the indexing is arbitrary\n");
			}
			return b.toString();
		}

		/**
		 * Indexing ambiguities of the best solution: one representative of each coset of its
		 * Patterson group in the lattice group (proper rotations only), as reindexing operators in
		 * the best solution's reference setting, e.g. {@code k,h,-l} for Laue group 6/m on a 6/mmm
		 * lattice. Indexings related by these operators give the same lattice and the same Laue
		 * group; one sweep cannot tell them apart (merohedry; Brehm &amp; Diederichs 2014, Acta Cryst.
		 * D70, 101–109). Empty when the Laue group has the full lattice symmetry.
		 */
		public List<ChangeOfBasisOp> indexingAmbiguities() { return indexingAmbiguities(best()); }

		/**
		 * As {@link #indexingAmbiguities()} for any scored subgroup: |lattice group| / |subgroup| − 1
		 * operators (proper rotations), in the subgroup's reference setting.
		 */
		public List<ChangeOfBasisOp> indexingAmbiguities(SubgroupScore b) {
			// cosets in the reduced cell, where every lattice rotation is an integer matrix (a 6-fold is
			// not one in a C-centred orthohexagonal setting); each is then named in the subgroup's setting
			ChangeOfBasisOp cbMinBest = b.cbOpInpBest().multiply(cbOpInpMin.inverse());
			java.util.Set<SymOp> h = new java.util.HashSet<>();
			for (SymOp o : b.pattersonGroup().changeBasis(cbMinBest.inverse()).allOps()) if (o.determinant() > 0) h.add(o.rotationPart());
			List<SymOp> reps = new ArrayList<>();
			List<ChangeOfBasisOp> out = new ArrayList<>();
			List<SymOp> proper = new ArrayList<>();
			for (SymOp g : latticeGroup.allOps()) if (g.determinant() > 0) proper.add(g.rotationPart());
			for (SymOp g : proper) {
				if (h.contains(g)) continue;
				boolean seen = false;
				for (SymOp r : reps) if (h.contains(r.inverse().multiply(g).rotationPart())) seen = true;
				if (seen) continue;
				reps.add(g);
				// the simplest member of the coset names it (k,h,-l rather than h,-h-k,-l)
				ChangeOfBasisOp bestOp = null;
				for (SymOp m : proper) {
					if (!h.contains(g.inverse().multiply(m).rotationPart())) continue;
					ChangeOfBasisOp op = cbMinBest.multiply(ChangeOfBasisOp.parse(m.toXyz())).multiply(cbMinBest.inverse());
					if (bestOp == null || op.toHkl().length() < bestOp.toHkl().length()) bestOp = op;
				}
				out.add(bestOp);
			}
			return out;
		}

		/**
		 * Why subgroup {@code a} scored above {@code c}: the elements in one and not the other, each
		 * with its log-likelihood ratio ln p(CC|S)/p(CC|¬S) (elements with N ≤ 2 are not scored); the
		 * total is ln(likelihood(a)/likelihood(c)).
		 */
		public String decision(SubgroupScore a, SubgroupScore c) {
			StringBuilder b = new StringBuilder();
			b.append(String.format(Locale.ROOT, "%nDecision: %s (likelihood %.3f) over %s (%.3f), ln(ratio) = sum over the elements that differ of "
					+ "+-ln[p(S)/p(not S)]:%n", a.symbol(), a.likelihood(), c.symbol(), c.likelihood()));
			double tot = 0;
			for (int e = 0; e < operatorScores.size(); e++) {
				boolean inA = (a.elements() & (1L << e)) != 0, inC = (c.elements() & (1L << e)) != 0;
				if (inA == inC) continue;
				OperatorScore s = operatorScores.get(e);
				double llr = s.n() > 2 && s.pGivenS() > 0 && s.pGivenNotS() > 0 ? Math.log(s.pGivenS() / s.pGivenNotS()) : 0;
				double contrib = inA ? llr : -llr;
				tot += contrib;
				b.append(String.format(Locale.ROOT, "  %-16s in %-10s CC %.3f N %5d  ln[p(S)/p(not S)] %+7.2f  -> %+7.2f%n", s.label(),
						inA ? a.symbol() : c.symbol(), s.cc(), s.n(), llr, contrib));
			}
			b.append(String.format(Locale.ROOT, "  total %+.2f%n", tot));
			return b.toString();
		}

		/** {@link #decision(SubgroupScore, SubgroupScore)} for the best against the runner-up and, if different, against the lattice group. */
		public String decision() {
			if (subgroupScores.size() < 2) return "";
			String s = decision(subgroupScores.get(0), subgroupScores.get(1));
			for (int i = 2; i < subgroupScores.size(); i++)
				if (subgroupScores.get(i).symbol().equals(latticeGroupSymbol)) s += decision(subgroupScores.get(0), subgroupScores.get(i));
			return s;
		}
	}

	private static String f3(double x) { return String.format(Locale.ROOT, "%.3f", x); }
	private static String f2(double x) { return String.format(Locale.ROOT, "%.2f", x); }

	/**
	 * Runs the analysis on unmerged observations.
	 *
	 * @param cell unit cell of the input setting (Å, degrees)
	 * @param hkl Miller indices in the input setting, int[3n]
	 * @param intensity corrected intensities (LP, QE applied), length n
	 * @param sigma their standard uncertainties, length n, &gt; 0
	 * @param log receives the progress lines DIALS logs before the tables
	 * @throws IllegalArgumentException if lengths differ or fewer than 10 unique reflections remain
	 */
	public static Result analyse(UnitCell cell, int[] hkl, double[] intensity, double[] sigma, SymmetryParameters p, Consumer<String> log) {
		int nObs = intensity.length;
		if (hkl.length != 3 * nObs || sigma.length != nObs) throw new IllegalArgumentException("hkl must be int[3n], intensity and sigma double[n]");
		ChangeOfBasisOp cbInpMin = cell.changeOfBasisOpToNiggliCell();
		UnitCell min = cell.changeBasis(cbInpMin);

		// lattice group (Le Page) in the reduced cell, identified in its reference setting
		List<int[]> proper = new ArrayList<>(LatticeGroup.properRotations(min, p.latticeSymmetryMaxDelta()));
		proper.sort(LaueGroupAnalysis::compareElements);
		SettingFinder.Found latticeRef = SettingFinder.find(proper, min, cbInpMin);
		if (latticeRef == null) throw new IllegalStateException("lattice group of order " + proper.size() + " not identified");
		List<int[]> improper = new ArrayList<>();
		for (int[] r : proper) improper.add(Rotations.negate(r));
		List<SymOp> latticeOps = new ArrayList<>();
		for (int[] r : proper) latticeOps.add(SymOp.of(r, new int[3]));
		for (int[] r : improper) latticeOps.add(SymOp.of(r, new int[3]));
		SpaceGroup lattice = SpaceGroup.fromOps(latticeOps);

		// merge in P1 (Friedel mates apart), epsilon filter in the lattice Patterson group
		Map<Long, Integer> index = new HashMap<>();
		List<int[]> uh = new ArrayList<>();
		List<double[]> acc = new ArrayList<>(); // sum w, sum w I
		int[] t = new int[3];
		for (int i = 0; i < nObs; i++) {
			if (!(sigma[i] > 0) || !Double.isFinite(intensity[i])) continue;
			cbInpMin.apply(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2], t, 0);
			if (t[0] == 0 && t[1] == 0 && t[2] == 0) continue;
			long key = key(t[0], t[1], t[2]);
			Integer j = index.get(key);
			if (j == null) {
				j = uh.size();
				index.put(key, j);
				uh.add(t.clone());
				acc.add(new double[2]);
			}
			double w = 1 / (sigma[i] * sigma[i]);
			acc.get(j)[0] += w;
			acc.get(j)[1] += w * intensity[i];
		}
		List<Integer> keep = new ArrayList<>();
		for (int j = 0; j < uh.size(); j++) {
			int[] h = uh.get(j);
			if (lattice.epsilon(h[0], h[1], h[2]) == 1) keep.add(j);
		}
		int n = keep.size();
		int[] mh = new int[3 * n];
		double[] ii = new double[n], ss = new double[n], d = new double[n];
		for (int q = 0; q < n; q++) {
			int j = keep.get(q);
			int[] h = uh.get(j);
			System.arraycopy(h, 0, mh, 3 * q, 3);
			double[] a = acc.get(j);
			ii[q] = a[1] / a[0];
			double s = Math.sqrt(1 / a[0]);
			// sigma correction as DIALS: sd = 2·sqrt(max(σ² + (0.03 I)², 0.1 σ²))
			double v = s * s + Math.pow(0.03 * ii[q], 2);
			ss[q] = 2 * Math.sqrt(Math.max(v, 0.1 * s * s));
			d[q] = min.dSpacing(h[0], h[1], h[2]);
		}
		if (n < 10) throw new IllegalArgumentException("too few reflections for symmetry analysis: " + n + " unique in P1");

		// normalisation
		if (p.normalisation() == SymmetryParameters.Normalisation.quasi) {
			log.accept("\n" + "-".repeat(80) + "\n");
			log.accept("Normalising intensities for dataset 1\n");
			double b = normalise(d, ii, ss);
			log.accept(String.format(Locale.ROOT, "Binned (quasi) normalisation; Wilson B from the shell means: %.2f A**2", b));
		}

		// resolution
		log.accept("\n" + "-".repeat(80) + "\n");
		log.accept("Estimation of resolution for Laue group analysis\n");
		double dMin;
		if (p.dMin().isPresent()) dMin = p.dMin().getAsDouble();
		else {
			double d1 = resolutionIOverSigma(d, ii, ss, p.minIMeanOverSigmaMean());
			double d2 = resolutionCcHalf(mh, d, ii, index(mh), p.minCcHalf());
			if (d1 > 0) log.accept(String.format(Locale.ROOT, "Resolution estimate from <I>/<σ(I)> > %.1f : %.2f", p.minIMeanOverSigmaMean(), d1));
			if (d1 < 0) log.accept(String.format(Locale.ROOT, "No resolution estimate from <I>/<σ(I)>: below %.1f in every shell", p.minIMeanOverSigmaMean()));
			if (d2 > 0) log.accept(String.format(Locale.ROOT, "Resolution estimate from CC½ > %.2f: %.2f", p.minCcHalf(), d2));
			if (d2 < 0) log.accept(String.format(Locale.ROOT, "No resolution estimate from CC½ (Friedel pairs): below %.2f in every shell", p.minCcHalf()));
			double m = Double.POSITIVE_INFINITY;
			if (d1 > 0) m = Math.min(m, d1);
			if (d2 > 0) m = Math.min(m, d2);
			dMin = Double.isFinite(m) ? m : 0;
			log.accept(dMin > 0 ? String.format(Locale.ROOT, "High resolution limit set to: %.2f", dMin) : "High resolution limit set to: None");
		}
		int m = 0;
		for (int q = 0; q < n; q++) {
			if (d[q] < dMin) continue;
			mh[3 * m] = mh[3 * q];
			mh[3 * m + 1] = mh[3 * q + 1];
			mh[3 * m + 2] = mh[3 * q + 2];
			ii[m] = ii[q];
			ss[m] = ss[q];
			d[m] = d[q];
			m++;
		}
		n = m;
		mh = Arrays.copyOf(mh, 3 * n);
		ii = Arrays.copyOf(ii, n);
		ss = Arrays.copyOf(ss, n);
		d = Arrays.copyOf(d, n);
		if (dMin > 0) log.accept(String.format(Locale.ROOT, "Selecting %d reflections with d > %.2f", n, dMin));
		if (n < 10) throw new IllegalArgumentException("too few reflections for symmetry analysis after the resolution cut: " + n);

		// values used for the CCs
		boolean robust = p.ccMethod() == SymmetryParameters.CcMethod.robust;
		double[] val = robust ? normalScores(ii) : ii;
		Map<Long, Integer> idx = index(mh);
		Random rnd = new Random(p.seed());

		// sigma(CC) from unrelated pairs
		double[][] unrelated = unrelatedPairs(d, val, rnd);
		CcAccumulator ccu = new CcAccumulator();
		for (int q = 0; q < unrelated[0].length; q++) ccu.add(unrelated[0][q], unrelated[1][q]);
		double ccSigFac = ccSigFac(unrelated, rnd);

		// E(CC|S)
		double varI = variance(ii), meanS2 = 0;
		for (double s : ss) meanS2 += s * s;
		meanS2 /= n;
		double eCcTrue = varI / (varI + meanS2);
		CcAccumulator ident = new CcAccumulator();
		for (int q = 0; q < n; q++) {
			Integer j = idx.get(key(-mh[3 * q], -mh[3 * q + 1], -mh[3 * q + 2]));
			if (j != null) ident.add(val[q], val[j]);
		}
		double sigma1 = Math.max(0.05, ccSigFac / Math.sqrt(200));
		double w1 = sigma1 > 1e-4 ? 1 / (sigma1 * sigma1) : 0, w2 = 0;
		if (ident.n() > 10) {
			double sigma2 = Math.max(0.05, ccSigFac / Math.sqrt(ident.n()));
			w2 = 1 / (sigma2 * sigma2);
		}
		double ccTrue = (w1 * eCcTrue + w2 * ident.coefficient()) / (w1 + w2);

		// per-element scores
		boolean fisher = p.ccTransform() == SymmetryParameters.CcTransform.fisher_z;
		List<OperatorScore> scores = new ArrayList<>();
		List<int[]> scored = new ArrayList<>();
		List<CcAccumulator> accs = new ArrayList<>();
		for (int[] r : proper) {
			boolean dup = false;
			for (int[] s : scored) if (Arrays.equals(s, Rotations.inverse(r))) dup = true;
			if (dup) continue;
			scored.add(r);
			List<int[]> ops = new ArrayList<>();
			if (order(r) == 1) ops.add(Rotations.negate(Rotations.IDENTITY));
			else {
				ops.add(r);
				if (order(r) > 2) ops.add(Rotations.inverse(r));
			}
			CcAccumulator cc = new CcAccumulator();
			int[] hr = new int[3];
			for (int[] op : ops) {
				double[] xs = new double[n], ys = new double[n];
				int np = 0;
				for (int q = 0; q < n; q++) {
					int h = mh[3 * q], k = mh[3 * q + 1], l = mh[3 * q + 2];
					if (order(r) != 1) {
						Rotations.applyToHkl(r, h, k, l, hr, 0);
						if (hr[0] == h && hr[1] == k && hr[2] == l) continue; // epsilon > 1 under this element
					}
					Rotations.applyToHkl(op, h, k, l, hr, 0);
					Integer j = idx.get(key(hr[0], hr[1], hr[2]));
					if (j == null) continue;
					xs[np] = val[q];
					ys[np] = val[j];
					np++;
				}
				boolean[] out = iqrOutliers(xs, ys, np, 20);
				for (int q = 0; q < np; q++) if (!out[q]) cc.add(xs[q], ys[q]);
			}
			accs.add(cc);
			int nr = (int) cc.n();
			if (nr <= 0) {
				scores.add(new OperatorScore(r, Rotations.label(r), 0, 0, 0, 0, 0, 0, 0));
				continue;
			}
			double sig = Math.max(0.1, ccSigFac / Math.sqrt(nr));
			double c = cc.coefficient();
			double pS, pN;
			if (fisher) {
				double z = CcLikelihood.fisherZ(c);
				pS = CcLikelihood.pGivenSFisher(z, sig, CcLikelihood.fisherZ(ccTrue));
				pN = CcLikelihood.pGivenNotSFisher(z, sig);
			} else {
				pS = CcLikelihood.pGivenS(c, sig, ccTrue);
				pN = CcLikelihood.pGivenNotS(c, sig);
			}
			scores.add(new OperatorScore(r, Rotations.label(r), nr, c, sig, c / sig, pS, pN, pS / (pS + pN)));
		}

		// subgroups
		List<Long> subs = Rotations.subgroups(proper);
		List<SubgroupScore> sg = new ArrayList<>();
		double[] logL = new double[subs.size()];
		List<Object[]> tmp = new ArrayList<>();
		for (int sIdx = 0; sIdx < subs.size(); sIdx++) {
			long mask = subs.get(sIdx);
			List<int[]> sub = new ArrayList<>();
			for (int i = 0; i < proper.size(); i++) if ((mask & (1L << i)) != 0) sub.add(proper.get(i));
			long elements = 0;
			CcAccumulator ccFor = new CcAccumulator(), ccAgainst = new CcAccumulator();
			double zf = 0, za = 0, pl = 0;
			int nf = 0, na = 0;
			double maxDelta = 0;
			for (int e = 0; e < scored.size(); e++) {
				boolean in = Rotations.indexOf(sub, scored.get(e)) >= 0;
				if (in) {
					elements |= 1L << e;
					ccFor.add(accs.get(e));
					if (order(scored.get(e)) == 2) maxDelta = Math.max(maxDelta, Rotations.obliquity(scored.get(e), min));
				} else ccAgainst.add(accs.get(e));
				OperatorScore s = scores.get(e);
				if (s.n() <= 2) continue;
				if (in) {
					zf += s.zcc() * s.zcc();
					nf++;
					pl += Math.log(s.pGivenS());
				} else {
					za += s.zcc() * s.zcc();
					na++;
					pl += Math.log(s.pGivenNotS());
				}
			}
			if (nf > 0) zf = Math.sqrt(zf / nf);
			if (na > 0) za = Math.sqrt(za / na);
			logL[sIdx] = pl;
			SettingFinder.Found f = SettingFinder.find(sub, min, cbInpMin);
			if (f == null) throw new IllegalStateException("no reference setting found for a subgroup of order " + sub.size());
			ChangeOfBasisOp cbInpBest = f.cbMinRef().multiply(cbInpMin);
			tmp.add(new Object[] { f, cbInpBest, elements, zf, za, ccFor.coefficient(), ccAgainst.coefficient(), maxDelta });
		}
		double mx = Double.NEGATIVE_INFINITY;
		for (double v : logL) mx = Math.max(mx, v);
		double tot = 0;
		for (double v : logL) tot += Math.exp(v - mx);
		for (int sIdx = 0; sIdx < subs.size(); sIdx++) {
			Object[] o = tmp.get(sIdx);
			SettingFinder.Found f = (SettingFinder.Found) o[0];
			double lik = Math.exp(logL[sIdx] - mx) / tot;
			double zf = (double) o[3], za = (double) o[4];
			sg.add(new SubgroupScore(f.symbol(), f.referenceGroup(), acentric(f.referenceGroup()), (ChangeOfBasisOp) o[1], (long) o[2], lik, 0,
					zf - za, zf, za, (double) o[5], (double) o[6], (double) o[7]));
		}
		sg.sort((x, y) -> Double.compare(y.likelihood(), x.likelihood()));
		for (int i = 0; i < sg.size() - 1; i++) {
			SubgroupScore s = sg.get(i), nx = sg.get(i + 1);
			if (s.likelihood() > 0 && nx.likelihood() > 0) {
				double lgc = s.likelihood() * (s.likelihood() - nx.likelihood());
				double conf = Math.sqrt(Math.abs(lgc)) * Math.signum(lgc);
				sg.set(i, new SubgroupScore(s.symbol(), s.pattersonGroup(), s.mxGroup(), s.cbOpInpBest(), s.elements(), s.likelihood(), conf, s.zccNet(),
						s.zccFor(), s.zccAgainst(), s.ccFor(), s.ccAgainst(), s.maxDelta()));
			}
		}
		return new Result(cell, cbInpMin, min, latticeRef.symbol(), lattice, dMin, n, (int) ccu.n(), ccu.coefficient(), eCcTrue, ccSigFac,
				ident.coefficient(), ccTrue, p.ccTransform(), List.copyOf(scores), List.copyOf(sg));
	}

	/** The acentric group (proper rotations with the centring) of a Patterson group, as cctbx {@code build_derived_acentric_group}. */
	static SpaceGroup acentric(SpaceGroup patterson) {
		List<SymOp> ops = new ArrayList<>();
		for (SymOp o : patterson.allOps()) if (o.determinant() > 0) ops.add(o);
		return SpaceGroup.fromOps(ops);
	}

	private static int order(int[] r) { return Rotations.order(r); }

	/** Table order as DIALS prints it: identity, higher orders first, then two-folds along a, b, c, a+b, −a+b, … */
	private static int compareElements(int[] x, int[] y) {
		int ox = order(x), oy = order(y);
		if ((ox == 1) != (oy == 1)) return ox == 1 ? -1 : 1;
		if (ox != oy) return Integer.compare(oy, ox);
		int[] u = Rotations.axis(x), v = Rotations.axis(y);
		int su = Math.abs(u[0]) + Math.abs(u[1]) + Math.abs(u[2]), sv = Math.abs(v[0]) + Math.abs(v[1]) + Math.abs(v[2]);
		if (su != sv) return Integer.compare(su, sv);
		int lu = u[2] != 0 ? 2 : u[1] != 0 ? 1 : 0, lv = v[2] != 0 ? 2 : v[1] != 0 ? 1 : 0;
		if (lu != lv) return Integer.compare(lu, lv);
		return Integer.compare(v[0], u[0]);
	}

	static long key(int h, int k, int l) {
		return ((long) (h + 1024) << 22) | ((long) (k + 1024) << 11) | (l + 1024);
	}

	private static Map<Long, Integer> index(int[] mh) {
		Map<Long, Integer> m = new HashMap<>();
		for (int q = 0; q < mh.length / 3; q++) m.put(key(mh[3 * q], mh[3 * q + 1], mh[3 * q + 2]), q);
		return m;
	}

	/**
	 * Divides I and σ by the mean intensity of the reflection's resolution shell, interpolated
	 * linearly in 1/d² between shell centres (equal-count shells of ≥ 100 reflections, at most 20).
	 *
	 * @return a Wilson B (Å²) from a straight-line fit of ln⟨I⟩ against 1/(4d²), for the log
	 */
	static double normalise(double[] d, double[] ii, double[] ss) {
		int n = d.length;
		Integer[] ord = new Integer[n];
		for (int i = 0; i < n; i++) ord[i] = i;
		Arrays.sort(ord, (a, b) -> Double.compare(d[b], d[a]));
		int nb = Math.max(1, Math.min(20, n / 100));
		double[] cs = new double[nb], cm = new double[nb];
		for (int b = 0; b < nb; b++) {
			int lo = b * n / nb, hi = (b + 1) * n / nb;
			double s2 = 0, mi = 0;
			for (int q = lo; q < hi; q++) {
				s2 += 1 / (d[ord[q]] * d[ord[q]]);
				mi += ii[ord[q]];
			}
			cs[b] = s2 / (hi - lo);
			cm[b] = Math.max(mi / (hi - lo), 1e-12);
		}
		double[] mean = new double[n];
		for (int i = 0; i < n; i++) {
			double s2 = 1 / (d[i] * d[i]);
			double v;
			if (nb == 1 || s2 <= cs[0]) v = cm[0];
			else if (s2 >= cs[nb - 1]) v = cm[nb - 1];
			else {
				int b = 0;
				while (cs[b + 1] < s2) b++;
				double f = (s2 - cs[b]) / (cs[b + 1] - cs[b]);
				v = cm[b] * (1 - f) + cm[b + 1] * f;
			}
			mean[i] = v;
		}
		for (int i = 0; i < n; i++) {
			ii[i] /= mean[i];
			ss[i] /= mean[i];
		}
		// Wilson B for the log: ln<I> = c − 2B·s², s² = 1/(4d²)
		double sx = 0, sy = 0, sxx = 0, sxy = 0;
		for (int b = 0; b < nb; b++) {
			double x = cs[b] / 4, y = Math.log(cm[b]);
			sx += x;
			sy += y;
			sxx += x * x;
			sxy += x * y;
		}
		double den = nb * sxx - sx * sx;
		return den > 0 ? -(nb * sxy - sx * sy) / den / 2 : 0;
	}

	/** Shells of equal count (≥ 50 reflections, at most 30), low resolution first: [lo, hi) ranges of the d-sorted order. */
	private static Integer[] sortedByD(double[] d) {
		Integer[] ord = new Integer[d.length];
		for (int i = 0; i < d.length; i++) ord[i] = i;
		Arrays.sort(ord, (a, b) -> Double.compare(d[b], d[a]));
		return ord;
	}

	/**
	 * d where ⟨I⟩/⟨σ⟩ in shells first falls below {@code limit}, interpolated between shell centres;
	 * 0 if it never does (no cut), −1 if even the lowest-resolution shell is below it (no estimate).
	 */
	static double resolutionIOverSigma(double[] d, double[] ii, double[] ss, double limit) {
		Integer[] ord = sortedByD(d);
		int n = d.length, nb = Math.max(1, Math.min(30, n / 50));
		double[] dc = new double[nb], v = new double[nb];
		for (int b = 0; b < nb; b++) {
			int lo = b * n / nb, hi = (b + 1) * n / nb;
			double si = 0, sg = 0, s2 = 0;
			for (int q = lo; q < hi; q++) {
				si += ii[ord[q]];
				sg += ss[ord[q]];
				s2 += 1 / (d[ord[q]] * d[ord[q]]);
			}
			v[b] = sg > 0 ? si / sg : 0;
			dc[b] = 1 / Math.sqrt(s2 / (hi - lo));
		}
		return crossing(dc, v, limit, d[ord[n - 1]]);
	}

	/** As {@link #resolutionIOverSigma} for CC½ between Friedel mates (the two halves of P1 data). */
	static double resolutionCcHalf(int[] mh, double[] d, double[] ii, Map<Long, Integer> idx, double limit) {
		int n = d.length;
		List<Integer> first = new ArrayList<>();
		List<Integer> mate = new ArrayList<>();
		for (int q = 0; q < n; q++) {
			Integer j = idx.get(key(-mh[3 * q], -mh[3 * q + 1], -mh[3 * q + 2]));
			if (j != null && j > q) {
				first.add(q);
				mate.add(j);
			}
		}
		int np = first.size();
		if (np < 100) return 0;
		Integer[] ord = new Integer[np];
		for (int i = 0; i < np; i++) ord[i] = i;
		Arrays.sort(ord, (a, b) -> Double.compare(d[first.get(b)], d[first.get(a)]));
		int nb = Math.max(1, Math.min(20, np / 50));
		double[] dc = new double[nb], v = new double[nb];
		for (int b = 0; b < nb; b++) {
			int lo = b * np / nb, hi = (b + 1) * np / nb;
			CcAccumulator a = new CcAccumulator();
			double s2 = 0;
			for (int q = lo; q < hi; q++) {
				int i = first.get(ord[q]);
				a.add(ii[i], ii[mate.get(ord[q])]);
				s2 += 1 / (d[i] * d[i]);
			}
			v[b] = a.coefficient();
			dc[b] = 1 / Math.sqrt(s2 / (hi - lo));
		}
		return crossing(dc, v, limit, d[first.get(ord[np - 1])]);
	}

	private static double crossing(double[] dc, double[] v, double limit, double dLowest) {
		for (int b = 0; b < v.length; b++) {
			if (v[b] < limit) {
				if (b == 0) return -1; // below the limit already in the lowest shell: no estimate
				double f = (v[b - 1] - limit) / (v[b - 1] - v[b]);
				double s2 = 1 / (dc[b - 1] * dc[b - 1]) * (1 - f) + 1 / (dc[b] * dc[b]) * f;
				return 1 / Math.sqrt(s2);
			}
		}
		return 0;
	}

	/** Van der Waerden normal scores Φ⁻¹((rank − 0.5)/n) (ties share their mean rank). */
	static double[] normalScores(double[] x) {
		int n = x.length;
		Integer[] ord = new Integer[n];
		for (int i = 0; i < n; i++) ord[i] = i;
		Arrays.sort(ord, (a, b) -> Double.compare(x[a], x[b]));
		double[] out = new double[n];
		int i = 0;
		while (i < n) {
			int j = i;
			while (j + 1 < n && x[ord[j + 1]] == x[ord[i]]) j++;
			double rank = (i + j) / 2.0 + 0.5;
			double z = inverseNormal(rank / n);
			for (int k = i; k <= j; k++) out[ord[k]] = z;
			i = j + 1;
		}
		return out;
	}

	/** Φ⁻¹(p) by Acklam's rational approximation (relative error &lt; 1.2e-9). */
	static double inverseNormal(double p) {
		double[] a = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
				2.506628277459239e+00 };
		double[] b = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01 };
		double[] c = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
				2.938163982698783e+00 };
		double[] dd = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00 };
		double pl = 0.02425;
		if (p < pl) {
			double q = Math.sqrt(-2 * Math.log(p));
			return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((dd[0] * q + dd[1]) * q + dd[2]) * q + dd[3]) * q + 1);
		}
		if (p > 1 - pl) {
			double q = Math.sqrt(-2 * Math.log(1 - p));
			return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((dd[0] * q + dd[1]) * q + dd[2]) * q + dd[3]) * q + 1);
		}
		double q = p - 0.5, r = q * q;
		return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
				/ (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
	}

	private static double variance(double[] x) {
		double m = 0;
		for (double v : x) m += v;
		m /= x.length;
		double s = 0;
		for (double v : x) s += (v - m) * (v - m);
		return s / (x.length - 1);
	}

	/** Random pairs within resolution bins (DIALS: bins of max(200, n/500) reflections), at most 20000. */
	private static double[][] unrelatedPairs(double[] d, double[] val, Random rnd) {
		int n = d.length;
		Integer[] ord = sortedByD(d);
		int per = Math.max(200, (int) Math.ceil(n / 500.0));
		List<double[]> pairs = new ArrayList<>();
		for (int lo = 0; lo < n; lo += per) {
			int hi = Math.min(n, lo + per), cnt = hi - lo;
			int[] perm = new int[cnt];
			for (int i = 0; i < cnt; i++) perm[i] = lo + i;
			for (int i = cnt - 1; i > 0; i--) {
				int j = rnd.nextInt(i + 1);
				int t = perm[i];
				perm[i] = perm[j];
				perm[j] = t;
			}
			int half = cnt / 2;
			for (int i = 0; i < half; i++) pairs.add(new double[] { val[ord[perm[i]]], val[ord[perm[half + i]]] });
		}
		java.util.Collections.shuffle(pairs, rnd);
		int m = Math.min(20000, pairs.size());
		double[][] out = new double[2][m];
		for (int i = 0; i < m; i++) {
			out[0][i] = pairs.get(i)[0];
			out[1][i] = pairs.get(i)[1];
		}
		return out;
	}

	/** CCsigFac: slope of rms CC of random groups of N = 5…200 unrelated pairs against 1/√N. */
	private static double ccSigFac(double[][] pairs, Random rnd) {
		int nPairs = pairs[0].length;
		int maxN = (int) Math.min(nPairs / 10.0, 200), minN = Math.min(5, maxN);
		if (maxN - minN < 4) return 0;
		int cnt = maxN - minN + 1;
		double[] xs = new double[cnt], ys = new double[cnt];
		int[] sel = new int[maxN];
		int[] perm = new int[nPairs];
		for (int q = 0; q < nPairs; q++) perm[q] = q;
		for (int nn = minN; nn <= maxN; nn++) {
			double s = 0;
			for (int rep = 0; rep < 200; rep++) {
				// nn distinct indices: partial Fisher-Yates shuffle of a persistent permutation
				for (int q = 0; q < nn; q++) {
					int j = q + rnd.nextInt(nPairs - q);
					int tmp = perm[q];
					perm[q] = perm[j];
					perm[j] = tmp;
					sel[q] = perm[q];
				}
				CcAccumulator a = new CcAccumulator();
				for (int q = 0; q < nn; q++) a.add(pairs[0][sel[q]], pairs[1][sel[q]]);
				double cc = a.coefficient();
				s += cc * cc;
			}
			xs[nn - minN] = 1 / Math.sqrt(nn);
			ys[nn - minN] = Math.sqrt(s / 200);
		}
		double mx = 0, my = 0;
		for (int i = 0; i < cnt; i++) {
			mx += xs[i];
			my += ys[i];
		}
		mx /= cnt;
		my /= cnt;
		double sxy = 0, sxx = 0;
		for (int i = 0; i < cnt; i++) {
			sxy += (xs[i] - mx) * (ys[i] - my);
			sxx += (xs[i] - mx) * (xs[i] - mx);
		}
		return sxx > 0 ? sxy / sxx : 0;
	}

	/** Flags pairs with either value beyond q3 + k·IQR or below q1 − k·IQR (DIALS: k = 20). */
	private static boolean[] iqrOutliers(double[] x, double[] y, int n, double k) {
		boolean[] out = new boolean[n];
		for (double[] col : new double[][] { x, y }) {
			if (n == 0) break;
			double[] s = Arrays.copyOf(col, n);
			Arrays.sort(s);
			double q1 = quantile(s, 0.25), q3 = quantile(s, 0.75), iqr = q3 - q1;
			for (int i = 0; i < n; i++) if (col[i] > q3 + k * iqr || col[i] < q1 - k * iqr) out[i] = true;
		}
		return out;
	}

	private static double quantile(double[] sorted, double f) {
		double pos = f * (sorted.length - 1);
		int lo = (int) Math.floor(pos), hi = Math.min(sorted.length - 1, lo + 1);
		return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
	}
}
