package org.bragg.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bragg.model.BraggInputException;
import org.bragg.refinement.Diagnostics;
import org.bragg.refinement.Diagnostics.CorrelationMatrix;
import org.bragg.refinement.RmsdStep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the refinement diagnostics charts show of one refinement run: the step history recorded by the engine
 * (RMSDs, condition numbers), the parameter correlation matrices of the final step's Jacobian, and, when the
 * run was made in this JVM, the free parameters with their values and ESDs.
 * <p>Built either from a {@link org.bragg.refinement.RefinementResult} ({@link #of}) or from the files
 * {@code bragg refine output.history=… output.correlation_plot.filename=…} writes ({@link #read}), which carry
 * the same numbers: nothing is re-computed here (Waterman et al. 2016, Acta Cryst. D72, 558–575, §3.3).
 * Units as in {@link RmsdStep} (mm, rad) and {@link Diagnostics} (mrad, mm).
 *
 * @param label a short name shown in legends, e.g. "all free" or "Dist,Tau2,Tau3 fixed"
 * @param history every engine step of every macrocycle, in order
 * @param correlations corrgrams of the final step by residual block ("X", "Y", "Phi"); may be empty
 * @param parameterNames free parameters of the final macrocycle (from the corrgram labels when read from files)
 * @param parameterValues their final values, or empty when not known (read from files)
 * @param parameterEsds their ESDs, or empty
 * @param parameterShifts final minus starting values of the final macrocycle (same units), or empty when not known
 * @param terminationReason as dials.refine prints it, or ""
 * @since 0.1
 */
public record RefinementRun(String label, List<RmsdStep> history, List<CorrelationMatrix> correlations, List<String> parameterNames,
		double[] parameterValues, double[] parameterEsds, double[] parameterShifts, String terminationReason) {

	/** The parameters of the standard static parameterisations of one sweep (goniometer excluded). */
	public static final List<String> STANDARD_PARAMETERS = List.of("Beam1Mu1", "Beam1Mu2", "Beam1Nu", "Crystal1Phi1", "Crystal1Phi2",
			"Crystal1Phi3", "Detector1Dist", "Detector1Shift1", "Detector1Shift2", "Detector1Tau1", "Detector1Tau2", "Detector1Tau3");

	public RefinementRun {
		history = List.copyOf(history);
		correlations = List.copyOf(correlations);
		parameterNames = List.copyOf(parameterNames);
		parameterValues = parameterValues.clone();
		parameterEsds = parameterEsds.clone();
		parameterShifts = parameterShifts.clone();
		if (terminationReason == null) terminationReason = "";
	}

	@Override public double[] parameterValues() { return parameterValues.clone(); }
	@Override public double[] parameterEsds() { return parameterEsds.clone(); }
	@Override public double[] parameterShifts() { return parameterShifts.clone(); }

	/**
	 * @param history the steps of all macrocycles (e.g. {@code RefinementResult.history()} of each call)
	 * @param d the diagnostics of the final macrocycle
	 */
	public static RefinementRun of(String label, List<RmsdStep> history, Diagnostics d) {
		return new RefinementRun(label, history, d.correlations(), d.parameterNames(), d.parameterValues(), d.parameterEsds(), new double[0], d.terminationReason());
	}

	/**
	 * Reads the refinement history JSON ({@code output.history}: {@code data.macrocycle}, {@code num_reflections},
	 * {@code rmsd} [[x mm, y mm, φ rad], …], {@code objective}, {@code condition_number} and, when present as in
	 * DIALS's journal, {@code parameter_vector} per step, giving the final values and their shifts over the final
	 * macrocycle) and, if given, the
	 * correlation JSON ({@code output.correlation_plot.filename}: {@code corrmats} by block and {@code labels}).
	 *
	 * @param correlationJson may be null
	 * @throws BraggInputException if a file cannot be read or lacks a field (names the file and field)
	 */
	public static RefinementRun read(String label, Path historyJson, Path correlationJson) throws BraggInputException {
		ObjectMapper om = new ObjectMapper();
		List<RmsdStep> steps = new ArrayList<>();
		String reason = "";
		JsonNode h = tree(om, historyJson);
		JsonNode data = h.path("data");
		JsonNode rmsd = data.path("rmsd");
		if (!rmsd.isArray()) throw new BraggInputException(historyJson + ": field data.rmsd expected a list of [x, y, phi], found " + rmsd.getNodeType());
		JsonNode mc = data.path("macrocycle"), nref = data.path("num_reflections"), obj = data.path("objective"), cond = data.path("condition_number");
		int[] step = new int[64];
		for (int i = 0; i < rmsd.size(); i++) {
			int m = mc.path(i).asInt(0);
			int s = m < step.length ? step[m]++ : 0;
			JsonNode r = rmsd.get(i);
			steps.add(new RmsdStep(m, s, nref.path(i).asInt(0), num(r.path(0)), num(r.path(1)), num(r.path(2)), num(obj.path(i)), num(cond.path(i)), Double.NaN));
		}
		reason = h.path("attributes").path("reason_for_termination").asText("");
		List<CorrelationMatrix> mats = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		if (correlationJson != null) {
			JsonNode c = tree(om, correlationJson);
			for (JsonNode l : c.path("labels")) labels.add(l.asText());
			JsonNode cm = c.path("corrmats");
			if (!cm.isObject()) throw new BraggInputException(correlationJson + ": field corrmats expected an object of matrices by block, found " + cm.getNodeType());
			for (var it = cm.fields(); it.hasNext();) {
				var e = it.next();
				int n = e.getValue().size();
				if (n != labels.size()) throw new BraggInputException(correlationJson + ": corrmats." + e.getKey() + " expected " + labels.size() + " rows (one per label), found " + n);
				double[][] v = new double[n][n];
				for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) v[i][j] = num(e.getValue().path(i).path(j));
				mats.add(new CorrelationMatrix(e.getKey(), labels, v));
			}
		}
		double[] values = new double[0], shifts = new double[0];
		JsonNode pv = data.path("parameter_vector");
		if (pv.isArray() && pv.size() == steps.size() && !steps.isEmpty()) {
			int last = steps.size() - 1, firstOfLast = last;
			while (firstOfLast > 0 && steps.get(firstOfLast - 1).macrocycle() == steps.get(last).macrocycle()) firstOfLast--;
			JsonNode a = pv.get(firstOfLast), b = pv.get(last);
			if (b.isArray() && a.isArray() && a.size() == b.size()) {
				values = new double[b.size()];
				shifts = new double[b.size()];
				for (int k = 0; k < b.size(); k++) { values[k] = num(b.get(k)); shifts[k] = values[k] - num(a.get(k)); }
			}
		}
		return new RefinementRun(label, steps, mats, labels, values, new double[0], shifts, reason);
	}

	private static JsonNode tree(ObjectMapper om, Path p) throws BraggInputException {
		try {
			return om.readTree(p.toFile());
		} catch (IOException e) {
			throw new BraggInputException(p + ": cannot read JSON: " + e.getMessage());
		}
	}

	private static double num(JsonNode n) {
		if (n.isNumber()) return n.asDouble();
		if (n.isTextual()) {
			try {
				return Double.parseDouble(n.asText());
			} catch (NumberFormatException e) {
				return Double.NaN;
			}
		}
		return Double.NaN;
	}

	/** @return the condition number of each step (NaN where the engine did not compute one) */
	public double[] conditionNumbers() {
		double[] c = new double[history.size()];
		for (int i = 0; i < c.length; i++) c[i] = history.get(i).conditionNumber();
		return c;
	}

	/** @return the last finite condition number of the history, or NaN */
	public double finalConditionNumber() {
		for (int i = history.size() - 1; i >= 0; i--) if (Double.isFinite(history.get(i).conditionNumber())) return history.get(i).conditionNumber();
		return Double.NaN;
	}

	/**
	 * @return the standard parameters ({@link #STANDARD_PARAMETERS}) that were not refined, i.e. fixed by
	 *         {@code fix_list}, by {@code fix=…} or automatically (e.g. the beam's in-spindle-plane angle, the wavelength);
	 *         a hierarchical detector's {@code Detector1Group1Dist} counts as {@code Detector1Dist}
	 */
	public List<String> fixedParameters() {
		Set<String> free = new LinkedHashSet<>();
		for (String n : parameterNames) free.add(n.replaceFirst("_sample\\d+$", "").replaceAll("(Group|Panel)\\d+", ""));
		List<String> fixed = new ArrayList<>();
		for (String s : STANDARD_PARAMETERS) if (!free.contains(s)) fixed.add(s);
		return fixed;
	}

	private static String fmt(double[] a, int i) {
		return i < a.length ? String.format(Locale.ROOT, "%.5f", a[i]) : "-";
	}

	/** @return a text table of the free parameters (value ± ESD when known) and the fixed ones */
	public String parameterTable() {
		StringBuilder b = new StringBuilder();
		b.append(String.format(Locale.ROOT, "%-28s %14s %12s %12s%n", "Parameter", "value", "ESD", "shift"));
		for (int i = 0; i < parameterNames.size(); i++)
			b.append(String.format(Locale.ROOT, "%-28s %14s %12s %12s%n", parameterNames.get(i), fmt(parameterValues, i), fmt(parameterEsds, i), fmt(parameterShifts, i)));
		b.append("Not refined: ").append(fixedParameters().isEmpty() ? "none" : String.join(", ", fixedParameters())).append('\n');
		return b.toString();
	}
}
