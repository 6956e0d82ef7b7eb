package org.bragg.refinement.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A parameterisation of one experimental model (DIALS {@code ModelParameterisation} and
 * {@code ScanVaryingModelParameterisation}): named parameter sets, each either one value (static) or a
 * value per smoother position (scan-varying), some fixed. The free parameters are listed set by set
 * (all samples of a set together), named as DIALS does ({@code Mu1}, {@code Phi2_sample3}).
 *
 * <p>{@link #compose(double)} evaluates the model state at scan coordinate t (ignored when static) into
 * {@link #state} and fills {@link #derivIndex}/{@link #deriv}: the derivatives of the state with respect
 * to the free parameters that affect it at t (local free indices). Not thread-safe: one instance per
 * refinement.
 */
public abstract class ModelParam {
	/** e.g. Beam1, Crystal1, Detector1, Goniometer1 */
	public final String modelId;
	/** experiments whose predictions this model affects */
	public final int[] experimentIds;
	protected final String[] names;
	protected final boolean[] fixed;
	/** [set][sample] */
	protected final double[][] values;
	protected final GaussianSmoother smoother;

	/** state after compose: size depends on the model type */
	public double[] state;
	/** number of valid derivative entries after compose */
	public int nDeriv;
	/** local free parameter index of each derivative entry */
	public int[] derivIndex = new int[0];
	/** derivative arrays (same shape as state) */
	public double[][] deriv = new double[0][];

	protected ModelParam(String modelId, int[] experimentIds, String[] names, double[] initial, GaussianSmoother smoother) {
		this.modelId = modelId;
		this.experimentIds = experimentIds.clone();
		this.names = names.clone();
		this.fixed = new boolean[names.length];
		this.smoother = smoother;
		int ns = smoother == null ? 1 : smoother.numValues();
		values = new double[names.length][ns];
		for (int i = 0; i < names.length; i++) Arrays.fill(values[i], initial[i]);
	}

	public boolean isScanVarying() { return smoother != null; }

	public int numSamples() { return values.length == 0 ? 1 : values[0].length; }

	public int numSets() { return names.length; }

	/** Names of all sets without the model prefix (e.g. "Dist", "Group1Tau2"). */
	public String[] setNames() { return names.clone(); }

	public boolean isFixed(int set) { return fixed[set]; }

	public void setFixed(int set, boolean f) { fixed[set] = f; }

	public int numFree() {
		int n = 0;
		for (boolean f : fixed) if (!f) n++;
		return n * numSamples();
	}

	/** Names of free parameters with the model prefix, DIALS style. */
	public List<String> freeNames() {
		List<String> out = new ArrayList<>();
		for (int s = 0; s < names.length; s++) {
			if (fixed[s]) continue;
			if (smoother == null) out.add(modelId + names[s]);
			else for (int j = 0; j < numSamples(); j++) out.add(modelId + names[s] + "_sample" + j);
		}
		return out;
	}

	public void getFree(double[] out, int off) {
		for (int s = 0; s < names.length; s++) {
			if (fixed[s]) continue;
			for (int j = 0; j < numSamples(); j++) out[off++] = values[s][j];
		}
	}

	public void setFree(double[] in, int off) {
		for (int s = 0; s < names.length; s++) {
			if (fixed[s]) continue;
			for (int j = 0; j < numSamples(); j++) values[s][j] = in[off++];
		}
	}

	/** Local free index of sample j of set s, or −1 if the set is fixed. */
	protected int freeIndex(int set, int sample) {
		if (fixed[set]) return -1;
		int k = 0;
		for (int s = 0; s < set; s++) if (!fixed[s]) k++;
		return k * numSamples() + sample;
	}

	// scratch for compose
	private double[] w;

	/**
	 * Smoothed value of every set at t, written to {@code val}; {@code dvdp[set][sample]} receives
	 * dval/dp_sample (0 for fixed sets).
	 */
	protected void setValues(double t, double[] val, double[][] dvdp) {
		if (smoother == null) {
			for (int s = 0; s < names.length; s++) {
				val[s] = values[s][0];
				dvdp[s][0] = fixed[s] ? 0 : 1;
			}
			return;
		}
		if (w == null) w = new double[smoother.numValues()];
		double sum = smoother.weights(t, w);
		for (int s = 0; s < names.length; s++) {
			double sv = 0;
			for (int j = 0; j < w.length; j++) {
				sv += w[j] * values[s][j];
				dvdp[s][j] = fixed[s] || sum <= 0 ? 0 : w[j] / sum;
			}
			val[s] = sum > 0 ? sv / sum : 0;
		}
	}

	/** Resets the derivative list, sized for {@code n} entries of length {@code len}. */
	protected void beginDerivs(int n, int len) {
		if (deriv.length < n || (n > 0 && deriv[0].length != len)) {
			deriv = new double[n][len];
			derivIndex = new int[n];
		}
		nDeriv = 0;
	}

	/** Adds {@code scale·d} as the derivative with respect to local free parameter k. */
	protected void addDeriv(int k, double[] d, double scale) {
		double[] t = deriv[nDeriv];
		for (int i = 0; i < d.length; i++) t[i] = d[i] * scale;
		derivIndex[nDeriv++] = k;
	}

	/**
	 * Adds the derivative of the state with respect to every free sample of set s, given dstate/dval of
	 * the set and the smoother weights.
	 */
	protected void addSetDerivs(int set, double[] dState, double[][] dvdp) {
		if (fixed[set]) return;
		for (int j = 0; j < numSamples(); j++) {
			double f = dvdp[set][j];
			if (f == 0) continue;
			addDeriv(freeIndex(set, j), dState, f);
		}
	}

	/** Composes the state (and derivatives) at scan coordinate t. */
	public abstract void compose(double t);

	/** The maximum number of derivative entries {@link #compose} can produce. */
	protected int maxDerivs() { return names.length * numSamples(); }
}
