package org.bragg.refinement.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.bragg.model.Progress;
import org.bragg.refinement.RefinementException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Non-linear least-squares engines of DIALS ({@code engine.py}) over EJML: Gauss–Newton and
 * Levenberg–Marquardt (μ₀ = 10⁻³·max diag(JᵀWJ), Nielsen's gain-ratio update μ ← μ·max(1/3, 1 − (2ρ − 1)³)
 * on success, μ ← μ·ν, ν ← 2ν on failure, up to ν = 8192). Termination as DIALS: RMSD target achieved,
 * relative change of every RMSD below 10⁻⁴ between successive steps ("RMSD no longer decreasing"),
 * maximum iterations (LM 100, GN 20 by default), zero expected decrease, objective increase (GN).
 */
public final class Engine {

	/** One evaluation of the residuals (observations first, then restraints). */
	public static final class Eval {
		/** residuals and weights, m = 3·nref + restraints */
		public double[] r, w;
		/** Jacobian, m × p row-major (null if not computed) */
		public double[] j;
		public int nref;
		/** number of leading rows belonging to observations (3·nref) */
		public int nObsRows;
		public double[] rmsd;
		public double objective;
	}

	/** The least-squares problem. */
	public interface Problem {
		int nParams();
		double[] getParams();
		void setParams(double[] x);
		Eval evaluate(boolean jacobian) throws RefinementException;
		boolean achieved(double[] rmsd);
		List<String> names();
	}

	public static final String TARGET_ACHIEVED = "RMSD target achieved";
	public static final String RMSD_CONVERGED = "RMSD no longer decreasing";
	public static final String OBJECTIVE_INCREASE = "Refinement failure: objective increased";
	public static final String MAX_ITERATIONS = "Reached maximum number of iterations";
	public static final String MAX_TRIAL_ITERATIONS = "Reached maximum number of consecutive unsuccessful trial steps";
	public static final String DOF_TOO_LOW = "Not enough degrees of freedom to refine";
	public static final String OBJECTIVE_FLAT = "Refinement failure: zero expected decrease of the objective";

	/** One journal row. */
	public record Step(int nref, double[] rmsd, double objective, double conditionNumber, double mu, double[] params) {}

	public final List<Step> history = new ArrayList<>();
	public String reason;
	/** final normal matrix (undamped) and reduced χ² */
	public double[] normalMatrix;
	public double reducedChiSq;
	/** last full evaluation (with Jacobian) */
	public Eval lastEval;
	/** When to compute the Jacobian condition number: every step, first and last step only, or never. */
	public enum Track { ALL, ENDS, NONE }

	private final Track track;

	public Engine(Track track) { this.track = track; }

	public Engine(boolean trackCondition) { this(trackCondition ? Track.ALL : Track.NONE); }

	/** A = JᵀWJ (p×p), g = JᵀWr, computed in parallel chunks. */
	static double[][] normal(Eval e, int p) {
		int m = e.r.length;
		int nChunks = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), m / 2000));
		double[][] as = new double[nChunks][p * p], gs = new double[nChunks][p];
		IntStream.range(0, nChunks).parallel().forEach(c -> {
			double[] a = as[c], g = gs[c];
			int lo = (int) ((long) m * c / nChunks), hi = (int) ((long) m * (c + 1) / nChunks);
			for (int i = lo; i < hi; i++) {
				double w = e.w[i];
				if (w == 0) continue;
				int o = i * p;
				double wr = w * e.r[i];
				for (int k = 0; k < p; k++) {
					double jk = e.j[o + k];
					if (jk == 0) continue;
					g[k] += jk * wr;
					double wjk = w * jk;
					int ro = k * p;
					for (int l = k; l < p; l++) a[ro + l] += wjk * e.j[o + l];
				}
			}
		});
		double[] a = new double[p * p], g = new double[p];
		for (int c = 0; c < nChunks; c++) {
			for (int i = 0; i < p * p; i++) a[i] += as[c][i];
			for (int i = 0; i < p; i++) g[i] += gs[c][i];
		}
		for (int k = 0; k < p; k++) for (int l = 0; l < k; l++) a[k * p + l] = a[l * p + k];
		return new double[][] { a, g };
	}

	static double objective(Eval e) {
		double s = 0;
		for (int i = 0; i < e.r.length; i++) s += e.w[i] * e.r[i] * e.r[i];
		return 0.5 * s;
	}

	/** Condition number σmax/σmin of the (unweighted) observation rows of the Jacobian. */
	public static double conditionNumber(Eval e, int p) {
		int m = e.nObsRows;
		if (m < p || p == 0) return Double.NaN;
		DMatrixRMaj j = new DMatrixRMaj(m, p);
		System.arraycopy(e.j, 0, j.data, 0, m * p);
		QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, p);
		if (!qr.decompose(j)) return Double.NaN;
		DMatrixRMaj rr = qr.getR(null, true);
		double[] sv = SingularOps_DDRM.singularValues(rr);
		double mx = 0, mn = Double.POSITIVE_INFINITY;
		for (double s : sv) {
			mx = Math.max(mx, s);
			mn = Math.min(mn, s);
		}
		return mn == 0 ? Double.POSITIVE_INFINITY : mx / mn;
	}

	private static double[] solve(double[] a, double[] g, double mu, int p) throws RefinementException {
		DMatrixRMaj am = new DMatrixRMaj(p, p);
		System.arraycopy(a, 0, am.data, 0, p * p);
		for (int k = 0; k < p; k++) am.add(k, k, mu);
		DMatrixRMaj b = new DMatrixRMaj(p, 1);
		for (int k = 0; k < p; k++) b.data[k] = -g[k];
		DMatrixRMaj x = new DMatrixRMaj(p, 1);
		LinearSolverDense<DMatrixRMaj> s = LinearSolverFactory_DDRM.chol(p);
		if (!s.setA(am)) {
			s = LinearSolverFactory_DDRM.pseudoInverse(true);
			if (!s.setA(am)) throw new RefinementException("The normal matrix is singular; fix some parameters (e.g. detector.fix_list) and try again");
		}
		s.solve(b, x);
		for (double v : x.data) if (!Double.isFinite(v)) throw new RefinementException("The normal equations gave a non-finite step; the refinement is ill-conditioned");
		return x.data;
	}

	private static boolean rmsdConverged(List<Step> h) {
		if (h.size() < 2) return false;
		double[] r1 = h.get(h.size() - 1).rmsd, r2 = h.get(h.size() - 2).rmsd;
		for (int i = 0; i < r1.length; i++) {
			if (r2[i] > 0 && Math.abs((r2[i] - r1[i]) / r2[i]) >= 1e-4) return false;
		}
		return true;
	}

	private void record(Eval e, Problem pr, double mu) {
		boolean want = e.j != null && (track == Track.ALL || track == Track.ENDS && history.isEmpty());
		double cond = want ? conditionNumber(e, pr.nParams()) : Double.NaN;
		history.add(new Step(e.nref, e.rmsd.clone(), e.objective, cond, mu, pr.getParams()));
	}

	/** With {@link Track#ENDS}, computes the condition number of the last recorded step. */
	public void finish(int p) {
		if (track != Track.ENDS || history.isEmpty() || lastEval == null || lastEval.j == null) return;
		Step s = history.get(history.size() - 1);
		if (!Double.isNaN(s.conditionNumber())) return;
		history.set(history.size() - 1, new Step(s.nref(), s.rmsd(), s.objective(), conditionNumber(lastEval, p), s.mu(), s.params()));
	}

	/** Levenberg–Marquardt, as DIALS's {@code LevenbergMarquardtIterations}. */
	public void runLevMar(Problem pr, int maxIterations, Progress progress) throws RefinementException {
		int p = pr.nParams();
		Eval e = pr.evaluate(true);
		double[][] ag = normal(e, p);
		List<String> names = pr.names();
		List<String> zero = new ArrayList<>();
		for (int k = 0; k < p; k++) if (ag[1][k] == 0.0) zero.add(names.get(k));
		if (!zero.isEmpty())
			throw new RefinementException("The normal equations have an indeterminate solution. The problematic parameters are " + String.join(", ", zero) + ".");
		if (e.r.length - p < 1) {
			reason = DOF_TOO_LOW;
			return;
		}
		double maxDiag = 0;
		for (int k = 0; k < p; k++) maxDiag = Math.max(maxDiag, ag[0][k * p + k]);
		double mu = 1e-3 * maxDiag;
		int nu = 2, nIter = 0;
		progress.begin("Refinement", maxIterations);
		while (true) {
			double f = e.objective;
			double[] h = solve(ag[0], ag[1], mu, p);
			record(e, pr, mu);
			lastEval = e;
			normalMatrix = ag[0];
			reducedChiSq = 2 * f / Math.max(1, e.r.length - p);
			if (pr.achieved(e.rmsd)) {
				reason = TARGET_ACHIEVED;
				break;
			}
			if (rmsdConverged(history)) {
				reason = RMSD_CONVERGED;
				break;
			}
			if (nIter == maxIterations) {
				reason = MAX_ITERATIONS;
				break;
			}
			if (progress.isCancelled()) {
				reason = "Cancelled";
				break;
			}
			double expected = 0;
			for (int k = 0; k < p; k++) expected += h[k] * (mu * h[k] - ag[1][k]);
			expected *= 0.5;
			if (expected == 0) {
				reason = OBJECTIVE_FLAT;
				break;
			}
			double[] xOld = pr.getParams();
			double[] xNew = xOld.clone();
			for (int k = 0; k < p; k++) xNew[k] += h[k];
			pr.setParams(xNew);
			nIter++;
			progress.worked(1);
			Eval trial = pr.evaluate(false);
			double rho = (f - trial.objective) / expected;
			if (rho > 0) {
				mu *= Math.max(1.0 / 3, 1 - Math.pow(2 * rho - 1, 3));
				nu = 2;
			} else {
				pr.setParams(xOld);
				history.remove(history.size() - 1);
				if (nu >= 8192) {
					reason = MAX_TRIAL_ITERATIONS;
					e = pr.evaluate(true);
					record(e, pr, mu);
					lastEval = e;
					break;
				}
				mu *= nu;
				nu *= 2;
			}
			e = pr.evaluate(true);
			ag = normal(e, p);
		}
		progress.done();
	}

	/** Gauss–Newton, as DIALS's {@code GaussNewtonIterations}. */
	public void runGaussNewton(Problem pr, int maxIterations, Progress progress) throws RefinementException {
		int p = pr.nParams();
		Eval e = pr.evaluate(true);
		if (e.r.length - p < 1) {
			reason = DOF_TOO_LOW;
			return;
		}
		int nIter = 0;
		double[] xPrev = null;
		progress.begin("Refinement", maxIterations);
		while (true) {
			double[][] ag = normal(e, p);
			double[] h = solve(ag[0], ag[1], 0, p);
			record(e, pr, Double.NaN);
			lastEval = e;
			normalMatrix = ag[0];
			reducedChiSq = 2 * e.objective / Math.max(1, e.r.length - p);
			if (pr.achieved(e.rmsd)) {
				reason = TARGET_ACHIEVED;
				break;
			}
			if (rmsdConverged(history)) {
				reason = RMSD_CONVERGED;
				break;
			}
			int n = history.size();
			if (n >= 2 && history.get(n - 1).objective > history.get(n - 2).objective && history.get(n - 1).nref <= history.get(n - 2).nref) {
				reason = OBJECTIVE_INCREASE;
				if (xPrev != null) {
					pr.setParams(xPrev);
					reason += ". Parameters set back one step";
					e = pr.evaluate(true);
					lastEval = e;
				}
				break;
			}
			if (nIter == maxIterations) {
				reason = MAX_ITERATIONS;
				break;
			}
			xPrev = pr.getParams();
			double[] x = xPrev.clone();
			for (int k = 0; k < p; k++) x[k] += h[k];
			pr.setParams(x);
			nIter++;
			progress.worked(1);
			e = pr.evaluate(true);
		}
		progress.done();
	}

	/** @return ESDs sqrt(diag(χ²_red·A⁻¹)) and the variance–covariance matrix, or null if A is singular */
	public double[][] esds(int p) {
		if (normalMatrix == null) return null;
		DMatrixRMaj a = new DMatrixRMaj(p, p);
		System.arraycopy(normalMatrix, 0, a.data, 0, p * p);
		DMatrixRMaj inv = new DMatrixRMaj(p, p);
		if (!CommonOps_DDRM.invert(a, inv)) return null;
		double[] esd = new double[p];
		double[] vc = inv.data.clone();
		for (int i = 0; i < vc.length; i++) vc[i] *= reducedChiSq;
		for (int k = 0; k < p; k++) esd[k] = Math.sqrt(Math.max(0, vc[k * p + k]));
		return new double[][] { esd, vc };
	}

	/**
	 * Pearson correlations between Jacobian columns within residual block {@code block} (0 X, 1 Y, 2 φ)
	 * of the observation rows, as DIALS's corrgrams (NaN-free: a constant column correlates 0).
	 */
	public static double[][] correlation(Eval e, int p, int block) {
		int nref = e.nref;
		double[][] c = new double[p][p];
		double[] mean = new double[p], ss = new double[p];
		int off = block * nref;
		for (int k = 0; k < p; k++) {
			double s = 0;
			for (int i = 0; i < nref; i++) s += e.j[(off + i) * p + k];
			mean[k] = s / nref;
		}
		double[] cov = new double[p * p];
		for (int i = 0; i < nref; i++) {
			int o = (off + i) * p;
			for (int k = 0; k < p; k++) {
				double a = e.j[o + k] - mean[k];
				if (a == 0) continue;
				for (int l = k; l < p; l++) cov[k * p + l] += a * (e.j[o + l] - mean[l]);
			}
		}
		for (int k = 0; k < p; k++) ss[k] = cov[k * p + k];
		for (int k = 0; k < p; k++)
			for (int l = k; l < p; l++) {
				double v = k == l ? 1 : (ss[k] > 0 && ss[l] > 0 ? cov[k * p + l] / Math.sqrt(ss[k] * ss[l]) : 0);
				c[k][l] = c[l][k] = v;
			}
		return c;
	}
}
