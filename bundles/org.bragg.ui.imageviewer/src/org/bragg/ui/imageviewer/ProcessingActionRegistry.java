package org.bragg.ui.imageviewer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.bragg.format.FormatRegistry;
import org.bragg.ui.imageviewer.internal.ProcessingActions;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.jobs.Job;

/**
 * The processing actions contributed to the extension point {@value #EXTENSION_POINT} (schema
 * {@code schema/processingActions.exsd}), Bragg's own (import, find spots, index, refine, integrate,
 * symmetry, scale, in {@code plugin.xml}) and those of other bundles, sorted by their {@code order}.
 *
 * @since 0.1
 */
public final class ProcessingActionRegistry {
	/** Id of the extension point. */
	public static final String EXTENSION_POINT = "org.bragg.ui.imageviewer.processingActions";

	/** What a program action is given before its arguments. */
	public enum Inputs {
		/** the data set's image templates (or files) */
		IMAGES,
		/** the data set's current {@code .expt} */
		EXPERIMENTS,
		/** the data set's current {@code .expt} and most recent {@code .refl} */
		EXPERIMENTS_REFLECTIONS;

		/** @return the value of an {@code inputs} attribute (null = experiments,reflections) */
		public static Inputs parse(String s) {
			if (s == null || s.isBlank()) return EXPERIMENTS_REFLECTIONS;
			return switch (s.replace(" ", "")) {
				case "images" -> IMAGES;
				case "experiments" -> EXPERIMENTS;
				case "experiments,reflections" -> EXPERIMENTS_REFLECTIONS;
				default -> throw new IllegalArgumentException("inputs must be images, experiments or experiments,reflections, got " + s);
			};
		}
	}

	/**
	 * One contributed action.
	 *
	 * @param id unique id
	 * @param label button text
	 * @param tooltip tool tip (may be empty)
	 * @param order position (ascending)
	 * @param program the bragg program, or null for a class action
	 * @param inputs what a program is given
	 * @param outputs files loaded back into the data set (relative to its directory)
	 * @param arguments default {@code name=value} parameters
	 * @param custom creates the Java action of a class contribution, or null
	 */
	public record Action(String id, String label, String tooltip, int order, String program, Inputs inputs, List<String> outputs,
			List<String> arguments, Supplier<ProcessingAction> custom) {
		/** @throws IllegalArgumentException unless exactly one of program and custom is given */
		public Action {
			Objects.requireNonNull(id);
			Objects.requireNonNull(label);
			if ((program == null) == (custom == null)) throw new IllegalArgumentException("action " + id + ": give either a program or a class");
			outputs = List.copyOf(outputs);
			arguments = List.copyOf(arguments);
			tooltip = tooltip == null ? "" : tooltip;
		}

		/**
		 * @param extra the user's parameters, appended to the contribution's
		 * @return the Job (not scheduled)
		 */
		public Job createJob(DataSet ds, DataSession session, FormatRegistry registry, List<String> extra) {
			List<String> args = new ArrayList<>(arguments);
			args.addAll(extra);
			if (custom != null) return custom.get().createJob(ds, session, registry, args);
			return new ProcessingActions(session, registry).programJob(program, inputs, outputs, ds, args);
		}
	}

	private ProcessingActionRegistry() {}

	/**
	 * Reads the contributions.
	 *
	 * @param registry the extension registry (e.g. {@code Platform.getExtensionRegistry()}); null gives an empty list
	 * @return the actions sorted by order, then label; malformed contributions are left out and reported on stderr
	 */
	public static List<Action> actions(IExtensionRegistry registry) {
		List<Action> out = new ArrayList<>();
		if (registry == null) return out;
		for (IConfigurationElement e : registry.getConfigurationElementsFor(EXTENSION_POINT)) {
			if (!"action".equals(e.getName())) continue;
			try {
				out.add(parse(e));
			} catch (RuntimeException ex) {
				System.err.println("Bragg: ignoring processing action " + e.getAttribute("id") + " of " + e.getContributor().getName() + ": " + ex.getMessage());
			}
		}
		out.sort(Comparator.comparingInt(Action::order).thenComparing(Action::label));
		return out;
	}

	private static Action parse(IConfigurationElement e) {
		String order = e.getAttribute("order");
		Supplier<ProcessingAction> custom = null;
		if (e.getAttribute("class") != null) {
			custom = () -> {
				try {
					return (ProcessingAction) e.createExecutableExtension("class");
				} catch (CoreException ex) {
					throw new IllegalStateException("cannot create " + e.getAttribute("class") + ": " + ex.getMessage(), ex);
				}
			};
		}
		return new Action(e.getAttribute("id"), e.getAttribute("label"), e.getAttribute("tooltip"), order == null ? 1000 : Integer.parseInt(order.trim()),
				e.getAttribute("program"), Inputs.parse(e.getAttribute("inputs")), split(e.getAttribute("outputs"), ","), split(e.getAttribute("arguments"), " "),
				custom);
	}

	private static List<String> split(String s, String sep) {
		if (s == null || s.isBlank()) return List.of();
		return Arrays.stream(s.trim().split(sep.equals(" ") ? "\\s+" : "\\s*,\\s*")).filter(x -> !x.isEmpty()).toList();
	}
}
