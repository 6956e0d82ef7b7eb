package org.bragg.ui.imageviewer.internal;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.bragg.cli.Bragg;
import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.format.FormatRegistry;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.Experiment;
import org.bragg.model.ImageSet;
import org.bragg.model.Progress;
import org.bragg.params.ParameterException;
import org.bragg.params.Parsed;
import org.bragg.params.Phil;
import org.bragg.ui.core.ProgressJobs;
import org.bragg.ui.imageviewer.DataSession;
import org.bragg.ui.imageviewer.DataSet;
import org.bragg.ui.imageviewer.ProcessingActionRegistry.Inputs;
import org.eclipse.core.runtime.jobs.Job;

/**
 * The processing actions of the Processing perspective: each runs one {@code bragg} program (the same
 * {@link Command} the command line runs, found by name in {@link Bragg#commands()}) as an Eclipse Job
 * in the data set's working directory, with the Job's progress and cancel, the program log going to
 * the console view and to {@code bragg.<program>.log}, and its outputs loaded back into the data set.
 * A program that this build of Bragg does not contain yet is reported as an error, not hidden.
 */
public final class ProcessingActions {
	/** Bundle id used in statuses. */
	public static final String PLUGIN_ID = "org.bragg.ui.imageviewer";

	private final DataSession session;
	private final FormatRegistry registry;

	public ProcessingActions(DataSession session, FormatRegistry registry) {
		this.session = session;
		this.registry = registry;
	}

	/** @return true if this build contains the program (e.g. {@code find_spots}) */
	public static boolean isAvailable(String program) {
		return Bragg.commands().containsKey(program);
	}

	/**
	 * {@code bragg import} of the data set's images; the data set's experiments become the written
	 * {@code imported.expt}.
	 *
	 * @param extraArgs {@code name=value} parameters (may be empty)
	 */
	public Job importJob(DataSet ds, List<String> extraArgs) {
		return programJob("import", Inputs.IMAGES, List.of("imported.expt"), ds, extraArgs);
	}

	/**
	 * {@code bragg find_spots} on the data set's experiments (written to {@code imported.expt} first if
	 * they do not come from a file); loads {@code strong.refl} into the data set.
	 */
	public Job findSpotsJob(DataSet ds, List<String> extraArgs) {
		return programJob("find_spots", Inputs.EXPERIMENTS, List.of("strong.refl"), ds, extraArgs);
	}

	/**
	 * Any {@code bragg} program as a Job (the generic processing action of the extension point
	 * {@code org.bragg.ui.imageviewer.processingActions}): runs {@code bragg <program> <inputs> <args>} in
	 * the data set's directory, then loads the listed outputs back into the data set ({@code .expt}
	 * replaces its experiments, {@code .refl} is added as its newest reflection table) and tells the
	 * session, so that the explorer and the viewer show them.
	 *
	 * @param inputs what the program gets before the arguments
	 * @param outputs files relative to the data set's directory
	 */
	public Job programJob(String program, Inputs inputs, List<String> outputs, DataSet ds, List<String> extraArgs) {
		return ProgressJobs.create("bragg " + program + ": " + ds.name(), PLUGIN_ID, progress -> {
			if (!isAvailable(program))
				throw new BraggInputException(program + " is not available in this build of Bragg (no such program in org.bragg.cli: "
						+ Bragg.commands().keySet() + ")");
			List<String> args = new ArrayList<>();
			if (inputs == Inputs.IMAGES) {
				args.addAll(imageInputs(ds));
				if (args.isEmpty()) throw new BraggInputException(ds.name() + ": the data set has no images to import");
			} else {
				Path expt = ds.experimentsFile();
				if (expt == null) {
					Files.createDirectories(ds.directory());
					expt = ds.directory().resolve("imported.expt");
					ExperimentListIO.write(ds.experiments(), expt);
					ds.setExperiments(ds.experiments(), expt);
				}
				args.add(expt.toString());
				if (inputs == Inputs.EXPERIMENTS_REFLECTIONS) {
					List<DataSet.Reflections> refl = ds.reflections();
					if (refl.isEmpty()) throw new BraggInputException(ds.name() + ": bragg " + program + " needs reflections; find spots first");
					args.add(refl.get(refl.size() - 1).file().toString());
				}
			}
			args.addAll(extraArgs);
			run(program, args, ds.directory(), progress);
			if (progress.isCancelled()) return;
			boolean changed = false, newExperiments = false;
			for (String o : outputs) {
				Path f = ds.directory().resolve(o);
				if (!Files.isRegularFile(f)) {
					session.log("bragg " + program + " did not write " + f + "\n");
					continue;
				}
				if (o.endsWith(".expt")) {
					ds.setExperiments(ExperimentListIO.read(f), f);
					newExperiments = true;
				} else if (o.endsWith(".refl")) ds.addReflections(new DataSet.Reflections(f, ReflectionTableIO.read(f)));
				else continue;
				changed = true;
			}
			if (changed) {
				session.contentChanged(ds);
				session.setActive(ds, session.active() == ds && !(newExperiments && inputs == Inputs.IMAGES) ? session.activeImage() : 0);
			}
		});
	}

	/** The image inputs of a data set: each imageset's template, or its files. */
	static List<String> imageInputs(DataSet ds) {
		Map<ImageSet, Boolean> seen = new IdentityHashMap<>();
		List<String> out = new ArrayList<>();
		for (Experiment e : ds.experiments()) {
			ImageSet s = e.imageSet();
			if (s == null || seen.put(s, true) != null) continue;
			if (s.template() != null) out.add(s.template().toString());
			else for (Path p : s.paths()) if (!out.contains(p.toString())) out.add(p.toString());
		}
		return out;
	}

	/**
	 * Runs a program as {@code bragg <program> args…} would, in {@code cwd}, logging to the console and
	 * to {@code bragg.<program>.log}.
	 *
	 * @throws BraggInputException for bad parameters or data (the message is shown to the user)
	 */
	public void run(String program, List<String> args, Path cwd, Progress progress) throws Exception {
		Command<?> cmd = Bragg.commands().get(program);
		if (cmd == null) throw new BraggInputException("program " + program + " is not available in this build of Bragg");
		Files.createDirectories(cwd);
		session.log("\n$ bragg " + program + " " + String.join(" ", args) + "\n  (in " + cwd + ")\n");
		try (OutputStream file = new java.io.BufferedOutputStream(new FileOutputStream(cwd.resolve("bragg." + program + ".log").toFile()));
				PrintStream out = new PrintStream(new ConsoleStream(session, file), true, StandardCharsets.UTF_8)) {
			out.println("Bragg " + Bragg.VERSION + " — " + program);
			try {
				runTyped(cmd, args, cwd, out, progress);
				out.println(progress.isCancelled() ? "Cancelled." : "Done.");
			} catch (ParameterException e) {
				out.println("Error: " + e.getMessage());
				throw new BraggInputException("bragg " + program + ": " + e.getMessage());
			} catch (BraggInputException e) {
				out.println("Error: " + e.getMessage());
				throw e;
			}
		}
	}

	private <P extends Record> void runTyped(Command<P> cmd, List<String> args, Path cwd, PrintStream out, Progress progress) throws Exception {
		Parsed<P> parsed = Phil.parse(args, cmd.parameterType());
		String diff = Phil.diff(parsed.params());
		if (!diff.isBlank()) out.println("The following parameters have been modified:\n\n" + diff);
		Context<P> ctx = new Context<>(parsed.params(), parsed.positional(), cwd, out, progress, registry,
				Runtime.getRuntime().availableProcessors());
		cmd.run(ctx);
	}

	/** @return the parameters of a preference string, split at white space */
	public static List<String> splitArgs(String s) {
		return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
	}

	/** Sends each completed line to the session log and every byte to the log file. */
	private static final class ConsoleStream extends OutputStream {
		private final DataSession session;
		private final OutputStream file;
		private final ByteArrayOutputStream line = new ByteArrayOutputStream();

		ConsoleStream(DataSession session, OutputStream file) {
			this.session = session;
			this.file = file;
		}

		@Override
		public synchronized void write(int b) throws IOException {
			file.write(b);
			line.write(b);
			if (b == '\n') flushLine();
		}

		@Override
		public synchronized void write(byte[] b, int off, int len) throws IOException {
			for (int i = off; i < off + len; i++) write(b[i]);
		}

		private void flushLine() {
			session.log(line.toString(StandardCharsets.UTF_8));
			line.reset();
		}

		@Override
		public synchronized void flush() throws IOException {
			file.flush();
		}

		@Override
		public synchronized void close() throws IOException {
			if (line.size() > 0) flushLine();
			file.close();
		}
	}
}
