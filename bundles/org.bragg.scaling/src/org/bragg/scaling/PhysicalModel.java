package org.bragg.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bragg.model.BraggInputException;
import org.bragg.model.Experiment;
import org.bragg.model.Scan;
import org.bragg.scaling.internal.SphericalHarmonics;
import org.bragg.scaling.internal.Smoother1D;

/**
 * DIALS's physical scaling model (Beilsten-Edmands et al. 2020, Acta Cryst. D76, 385–399; DIALS 3.12
 * {@code PhysicalScalingModel}) as stored in the {@code scaling_model} entry of an {@code .expt} file, with
 * evaluation of its components. The inverse scale of an observation is g = C(φ)·exp(B(φ)/(2d²))·A(s0c, s1c):
 * <ul>
 * <li>scale C(φ): a {@link Smoother1D 1D Gaussian smoother} of the {@code scale} parameters on the
 * normalised coordinate x = (φ − φ₀)/{@code scale_rot_interval} (φ₀ the start of {@code valid_osc_range}), as
 * DIALS's model plots evaluate it. (For the reflections DIALS and {@link Scaler} use z·{@code s_norm_fac} minus
 * its minimum over the data, z the image-array coordinate; s_norm_fac carries a factor 0.999, so the two
 * differ by well under 1%.)</li>
 * <li>decay B(φ) (Å²): the same with the {@code decay} parameters and {@code decay_rot_interval};</li>
 * <li>absorption A = 1 + Σ_{l=1..lmax} Σ_{m=−l..l} P_lm·Y_lm, with Y_lm the real harmonics of
 * {@link SphericalHarmonics} averaged over the incoming (−s0) and outgoing (s1) directions in the crystal
 * frame (the goniometer rotation at φ undone).</li>
 * </ul>
 * Immutable; arrays are copied in and out.
 *
 * @since 0.1
 */
public final class PhysicalModel {
	private final List<String> corrections;
	private final double[] scale, scaleEsd, decay, decayEsd, absorption, absorptionEsd;
	private final double sNormFac, scaleRotInterval, dNormFac, decayRotInterval, absSurfaceWeight;
	private final int lmax;
	private final double[] validOscRange;
	private final int[] validImageRange;
	private final double[] errorModel;
	private final double imid;

	PhysicalModel(double[] scale, double[] scaleEsd, double sNormFac, double scaleRotInterval, double[] decay, double[] decayEsd, double dNormFac,
			double decayRotInterval, double[] absorption, double[] absorptionEsd, int lmax, double absSurfaceWeight, double[] validOscRange,
			int[] validImageRange, double[] errorModel, double imid) {
		List<String> c = new ArrayList<>();
		c.add("scale");
		if (decay != null) c.add("decay");
		if (absorption != null) c.add("absorption");
		this.corrections = List.copyOf(c);
		this.scale = scale.clone();
		this.scaleEsd = scaleEsd == null ? null : scaleEsd.clone();
		this.sNormFac = sNormFac;
		this.scaleRotInterval = scaleRotInterval;
		this.decay = decay == null ? null : decay.clone();
		this.decayEsd = decayEsd == null ? null : decayEsd.clone();
		this.dNormFac = dNormFac;
		this.decayRotInterval = decayRotInterval;
		this.absorption = absorption == null ? null : absorption.clone();
		this.absorptionEsd = absorptionEsd == null ? null : absorptionEsd.clone();
		this.lmax = lmax;
		this.absSurfaceWeight = absSurfaceWeight;
		this.validOscRange = validOscRange.clone();
		this.validImageRange = validImageRange == null ? null : validImageRange.clone();
		this.errorModel = errorModel == null ? null : errorModel.clone();
		this.imid = imid;
	}

	/**
	 * DIALS's {@code initialise_smooth_input}: the number of smoother parameters, the normalisation factor and
	 * the actual interval (degrees) for an oscillation range, image width and requested interval (degrees).
	 * @return {n, normFac, interval}
	 */
	public static double[] smoothInput(double[] oscRange, double oneOscWidth, double interval) {
		interval += 0.00001;
		double range = oscRange[1] - oscRange[0], rotInt;
		int n;
		if (range < 2 * interval) {
			if (range <= interval) { rotInt = range; n = 2; }
			else { rotInt = range / 2; n = 3; }
		} else {
			int nBins = Math.max((int) (range / interval) + 1, 3);
			rotInt = range / nBins;
			n = nBins + 2;
		}
		return new double[] { n, 0.999 * oneOscWidth / rotInt, rotInt };
	}

	/** The corrections present, in DIALS order ({@code scale}, {@code decay}, {@code absorption}). */
	public List<String> corrections() { return corrections; }
	/** Scale-term parameters. */
	public double[] scaleParameters() { return scale.clone(); }
	/** Decay-term parameters (B in Å²), or null without a decay term. */
	public double[] decayParameters() { return decay == null ? null : decay.clone(); }
	/** Absorption-surface coefficients P_lm (l = 1..lmax, m = −l..l), or null without absorption. */
	public double[] absorptionParameters() { return absorption == null ? null : absorption.clone(); }
	/** Estimated standard deviations of the scale parameters (null if not refined). */
	public double[] scaleEsds() { return scaleEsd == null ? null : scaleEsd.clone(); }
	/** Estimated standard deviations of the decay parameters (null if absent). */
	public double[] decayEsds() { return decayEsd == null ? null : decayEsd.clone(); }
	/** Estimated standard deviations of the absorption parameters (null if absent). */
	public double[] absorptionEsds() { return absorptionEsd == null ? null : absorptionEsd.clone(); }
	/** lmax of the absorption surface (0 without absorption). */
	public int lmax() { return lmax; }
	/** Restraint weight of the absorption coefficients. */
	public double absSurfaceWeight() { return absSurfaceWeight; }
	/** Spacing of the scale parameters in degrees. */
	public double scaleRotInterval() { return scaleRotInterval; }
	/** Spacing of the decay parameters in degrees. */
	public double decayRotInterval() { return decayRotInterval; }
	/** Valid rotation range {φ start, φ end} in degrees. */
	public double[] validOscRange() { return validOscRange.clone(); }
	/** The profile/summation combination used: Imid (0 profile only, 1 summation only), NaN if not recorded. */
	public double imid() { return imid; }
	/** Basic error model {a, b}, or null. */
	public double[] errorModel() { return errorModel == null ? null : errorModel.clone(); }

	/** Normalised smoother coordinate of φ (degrees): (φ − φ₀)/interval, as DIALS's model plots evaluate it. */
	private double x(double phiDeg, double rotInterval) { return (phiDeg - validOscRange[0]) / rotInterval; }

	/** Smoother parameter positions of the scale term in degrees (as the DIALS plots show them). */
	public double[] scaleParameterPhi() { return knots(scale.length, scaleRotInterval); }
	/** Smoother parameter positions of the decay term in degrees, or null without decay. */
	public double[] decayParameterPhi() { return decay == null ? null : knots(decay.length, decayRotInterval); }

	private double[] knots(int n, double rot) {
		double[] p = new Smoother1D(n).positions();
		for (int i = 0; i < n; i++) p[i] = validOscRange[0] + p[i] * rot;
		return p;
	}

	/** Scale term C at rotation angle φ (degrees). */
	public double scaleAt(double phiDeg) { return new Smoother1D(scale.length).value(x(phiDeg, scaleRotInterval), scale); }

	/** Relative B (Å²) of the decay term at φ (degrees); 0 without decay. */
	public double bAt(double phiDeg) { return decay == null ? 0 : new Smoother1D(decay.length).value(x(phiDeg, decayRotInterval), decay); }

	/**
	 * The absorption surface 1 + Σ P_lm·Y_lm(θ, φ) for one direction in the crystal frame (θ polar, φ azimuth,
	 * radians), as DIALS's "Absorption correction surface" plot; 1 without absorption.
	 */
	public double absorptionAt(double theta, double phi) {
		if (absorption == null) return 1;
		double[] y = new double[absorption.length];
		SphericalHarmonics.evaluate(lmax, theta, phi, 1, false, y, 0);
		double s = 1;
		for (int i = 0; i < y.length; i++) s += absorption[i] * y[i];
		return s;
	}

	/**
	 * The absorption surface on DIALS's plot grid: {@code nAzimuth} azimuths evenly from 0 to 2π inclusive
	 * (outer index) by {@code nPolar} polar angles evenly from 0 to π inclusive (DIALS uses 100 × 50).
	 * @return values [azimuth][polar]
	 * @throws IllegalArgumentException if either count is below 2
	 */
	public double[][] absorptionSurface(int nAzimuth, int nPolar) {
		if (nAzimuth < 2 || nPolar < 2) throw new IllegalArgumentException("grid needs at least 2 × 2 points");
		double[][] s = new double[nAzimuth][nPolar];
		for (int a = 0; a < nAzimuth; a++) for (int p = 0; p < nPolar; p++) s[a][p] = absorptionAt(Math.PI * p / (nPolar - 1), 2 * Math.PI * a / (nAzimuth - 1));
		return s;
	}

	/**
	 * Inverse scale g of one observation.
	 * @param phiDeg   rotation angle (degrees)
	 * @param dStarSq  1/d² (Å⁻²)
	 * @param s0c      unit incoming direction −s0 in the crystal frame (ignored without absorption)
	 * @param s1c      unit outgoing direction s1 in the crystal frame (ignored without absorption)
	 */
	public double inverseScale(double phiDeg, double dStarSq, double[] s0c, double[] s1c) {
		double g = scaleAt(phiDeg) * Math.exp(bAt(phiDeg) * dStarSq / 2);
		if (absorption != null) {
			double[] y = new double[absorption.length];
			SphericalHarmonics.absorptionRow(lmax, s0c, s1c, y, 0);
			double a = 1;
			for (int i = 0; i < y.length; i++) a += absorption[i] * y[i];
			g *= a;
		}
		return g;
	}

	/** The model as DIALS writes it in {@code scaling_model} ({@code __id__: "physical"}). */
	public Map<String, Object> toDials() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("__id__", "physical");
		m.put("is_scaled", true);
		m.put("scale", component(scale, scaleEsd, 1.0));
		if (decay != null) m.put("decay", component(decay, decayEsd, 0.0));
		if (absorption != null) m.put("absorption", component(absorption, absorptionEsd, 0.0));
		Map<String, Object> cfg = new LinkedHashMap<>();
		cfg.put("corrections", corrections);
		cfg.put("valid_osc_range", List.of(validOscRange[0], validOscRange[1]));
		cfg.put("s_norm_fac", sNormFac);
		cfg.put("scale_rot_interval", scaleRotInterval);
		if (decay != null) { cfg.put("d_norm_fac", dNormFac); cfg.put("decay_rot_interval", decayRotInterval); }
		if (absorption != null) { cfg.put("lmax", lmax); cfg.put("abs_surface_weight", absSurfaceWeight); }
		if (validImageRange != null) cfg.put("valid_image_range", List.of(validImageRange[0], validImageRange[1]));
		if (errorModel != null) { cfg.put("error_model_type", "BasicErrorModel"); cfg.put("error_model_parameters", List.of(errorModel[0], errorModel[1])); }
		if (Double.isFinite(imid)) cfg.put("Imid", imid);
		m.put("configuration_parameters", cfg);
		return m;
	}

	private static Map<String, Object> component(double[] p, double[] esd, double nullValue) {
		Map<String, Object> c = new LinkedHashMap<>();
		c.put("n_parameters", p.length);
		c.put("parameters", list(p));
		if (esd != null) c.put("est_standard_devs", list(esd));
		c.put("null_parameter_value", nullValue);
		return c;
	}

	private static List<Double> list(double[] a) { List<Double> l = new ArrayList<>(a.length); for (double v : a) l.add(v); return l; }

	/**
	 * Reads the physical model of an experiment (as loaded by {@code org.bragg.io} from a DIALS or Bragg
	 * {@code scaled.expt}).
	 * @throws BraggInputException if the experiment has no scaling model, it is not {@code physical}, or a field is missing or malformed
	 */
	public static PhysicalModel of(Experiment e) throws BraggInputException {
		Map<String, Object> m = e.scalingModel();
		if (m == null || m.isEmpty()) throw new BraggInputException("experiment " + e.identifier() + ": no scaling_model (expected a scaled .expt)");
		return fromDials(m, e.scan());
	}

	/**
	 * Reads a {@code scaling_model} map. {@code scan} (may be null) supplies the image range when the map has no
	 * {@code valid_image_range}.
	 * @throws BraggInputException if {@code __id__} is not {@code physical} or a required field is missing or malformed
	 */
	public static PhysicalModel fromDials(Map<String, Object> m, Scan scan) throws BraggInputException {
		if (!"physical".equals(m.get("__id__"))) throw new BraggInputException("scaling_model: __id__ expected \"physical\", found " + m.get("__id__"));
		Map<?, ?> cfg = map(m, "configuration_parameters");
		List<?> corr = cfg.get("corrections") instanceof List<?> l ? l : List.of();
		double[] osc = doubles(cfg, "valid_osc_range");
		int[] img = null;
		if (cfg.get("valid_image_range") instanceof List<?> l && l.size() == 2) img = new int[] { ((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue() };
		else if (scan != null) img = scan.imageRange();
		Map<?, ?> s = map(m, "scale");
		double[] sc = doubles(s, "parameters"), scE = s.containsKey("est_standard_devs") ? doubles(s, "est_standard_devs") : null;
		double[] de = null, deE = null, ab = null, abE = null;
		double dn = 0, dri = 0, sw = 0;
		int lmax = 0;
		if (corr.contains("decay")) {
			Map<?, ?> d = map(m, "decay");
			de = doubles(d, "parameters");
			deE = d.containsKey("est_standard_devs") ? doubles(d, "est_standard_devs") : null;
			dn = number(cfg, "d_norm_fac");
			dri = number(cfg, "decay_rot_interval");
		}
		if (corr.contains("absorption")) {
			Map<?, ?> a = map(m, "absorption");
			ab = doubles(a, "parameters");
			abE = a.containsKey("est_standard_devs") ? doubles(a, "est_standard_devs") : null;
			lmax = (int) number(cfg, "lmax");
			sw = number(cfg, "abs_surface_weight");
			if (ab.length != SphericalHarmonics.numTerms(lmax))
				throw new BraggInputException("scaling_model: absorption.parameters expected " + SphericalHarmonics.numTerms(lmax) + " values for lmax " + lmax + ", found " + ab.length);
		}
		double[] em = cfg.get("error_model_parameters") instanceof List<?> ? doubles(cfg, "error_model_parameters") : null;
		double imid = cfg.get("Imid") instanceof Number x ? x.doubleValue() : Double.NaN;
		return new PhysicalModel(sc, scE, number(cfg, "s_norm_fac"), number(cfg, "scale_rot_interval"), de, deE, dn, dri, ab, abE, lmax, sw, osc, img, em, imid);
	}

	private static Map<?, ?> map(Map<?, ?> m, String key) throws BraggInputException {
		if (m.get(key) instanceof Map<?, ?> r) return r;
		throw new BraggInputException("scaling_model: " + key + " expected an object, found " + m.get(key));
	}

	private static double number(Map<?, ?> m, String key) throws BraggInputException {
		if (m.get(key) instanceof Number n) return n.doubleValue();
		throw new BraggInputException("scaling_model: " + key + " expected a number, found " + m.get(key));
	}

	private static double[] doubles(Map<?, ?> m, String key) throws BraggInputException {
		if (!(m.get(key) instanceof List<?> l)) throw new BraggInputException("scaling_model: " + key + " expected a list of numbers, found " + m.get(key));
		double[] r = new double[l.size()];
		for (int i = 0; i < r.length; i++) {
			if (!(l.get(i) instanceof Number n)) throw new BraggInputException("scaling_model: " + key + "[" + i + "] expected a number, found " + l.get(i));
			r[i] = n.doubleValue();
		}
		return r;
	}

	/** dials.scale's model summary: the corrections table and the parameters with their esds. */
	public String summary() {
		StringBuilder sb = new StringBuilder();
		sb.append("+--------------+----------------+\n| correction   |   n_parameters |\n|--------------+----------------|\n");
		sb.append(String.format("| %-12s | %14d |%n", "scale", scale.length));
		if (decay != null) sb.append(String.format("| %-12s | %14d |%n", "decay", decay.length));
		if (absorption != null) sb.append(String.format("| %-12s | %14d |%n", "absorption", absorption.length));
		sb.append("+--------------+----------------+\n");
		appendParams(sb, "scale", scale, scaleEsd);
		if (decay != null) appendParams(sb, "decay", decay, decayEsd);
		if (absorption != null) appendParams(sb, "absorption", absorption, absorptionEsd);
		return sb.toString();
	}

	private static void appendParams(StringBuilder sb, String name, double[] p, double[] e) {
		sb.append("  ").append(name).append(e != null ? " component:\n    parameters (sigma)\n" : " component:\n    parameters\n");
		for (int i = 0; i < p.length; i++) {
			String v = String.format(java.util.Locale.ROOT, p[i] < 0 ? "    %.4f" : "     %.4f", p[i]);
			sb.append(v);
			if (e != null) sb.append(String.format(java.util.Locale.ROOT, "   (%.4f)", e[i]));
			sb.append('\n');
		}
	}
}
