package org.bragg.cli;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.bragg.cli.internal.CliProgress;
import org.bragg.cli.internal.Programs;
import org.bragg.format.FormatRegistry;
import org.bragg.model.BraggInputException;
import org.bragg.params.ParameterException;
import org.bragg.params.Parsed;
import org.bragg.params.Phil;

/**
 * The {@code bragg} command: {@code bragg <program> [files…] [name=value …] [params.phil]}.
 *
 * <p>Exit status 0 on success, 1 on a user or input error (one line on stderr naming the problem),
 * 2 on a bug (the stack trace goes to the log). Each program writes {@code bragg.<program>.log} in the
 * working directory with everything printed plus the parameters that differ from the defaults, as
 * DIALS does. {@code -h} prints usage, {@code -c} the parameters with defaults, {@code -e N} includes
 * expert level N, {@code -a N} the attribute level (help and types).
 *
 * @since 0.1
 */
public final class Bragg {
	/** Version printed in logs. */
	public static final String VERSION = "0.1.0";

	private Bragg() {}

	public static void main(String[] args) {
		System.exit(run(args, Path.of("").toAbsolutePath(), System.out, System.err));
	}

	/** @return the commands by name: built-in ones plus any found by {@link ServiceLoader} */
	public static Map<String, Command<?>> commands() {
		Map<String, Command<?>> m = new TreeMap<>();
		for (Command<?> c : Programs.builtIn()) m.put(c.name(), c);
		@SuppressWarnings("rawtypes")
		ServiceLoader<Command> sl = ServiceLoader.load(Command.class, Bragg.class.getClassLoader());
		for (Command<?> c : sl) m.putIfAbsent(c.name(), c);
		return m;
	}

	/**
	 * Runs a program in {@code cwd}. Used by {@link #main} and by tests.
	 *
	 * @return the exit status
	 */
	public static int run(String[] args, Path cwd, PrintStream stdout, PrintStream stderr) {
		Map<String, Command<?>> cmds = commands();
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
			stdout.println("Usage: bragg <program> [files…] [name=value …] [params.phil]\n");
			stdout.println("Programs:");
			for (Command<?> c : cmds.values()) stdout.printf("  %-26s %s%n", c.name(), c.summary());
			stdout.println("\nbragg <program> -h prints a program's usage; -c shows its parameters (-e N: expert level, -a N: attributes).");
			return args.length == 0 ? 1 : 0;
		}
		if (args[0].equals("--version")) {
			stdout.println("Bragg " + VERSION);
			return 0;
		}
		Command<?> cmd = cmds.get(args[0].replace('-', '_').replaceFirst("^(dials|bragg)\\.", ""));
		if (cmd == null) {
			stderr.println("bragg: unknown program '" + args[0] + "'. Programs: " + String.join(", ", cmds.keySet()));
			return 1;
		}
		return runCommand(cmd, List.of(args).subList(1, args.length), cwd, stdout, stderr);
	}

	private static <P extends Record> int runCommand(Command<P> cmd, List<String> argv, Path cwd, PrintStream stdout, PrintStream stderr) {
		boolean showConfig = false, help = false;
		int expert = 0, attributes = 0;
		List<String> rest = new ArrayList<>();
		for (int i = 0; i < argv.size(); i++) {
			String a = argv.get(i);
			switch (a) {
				case "-h", "--help" -> help = true;
				case "-c" -> showConfig = true;
				case "-e", "-a" -> {
					if (i + 1 >= argv.size()) {
						stderr.println("bragg " + cmd.name() + ": " + a + " needs a number");
						return 1;
					}
					try {
						int v = Integer.parseInt(argv.get(++i));
						if (a.equals("-e")) expert = v; else attributes = v;
					} catch (NumberFormatException e) {
						stderr.println("bragg " + cmd.name() + ": " + a + " needs a number, found '" + argv.get(i) + "'");
						return 1;
					}
				}
				default -> {
					if (a.matches("-e\\d")) expert = a.charAt(2) - '0';
					else if (a.matches("-a\\d")) attributes = a.charAt(2) - '0';
					else rest.add(a);
				}
			}
		}
		if (help) {
			stdout.println(cmd.usage());
			stdout.println();
			stdout.println("Parameters (bragg " + cmd.name() + " -c -a 1 shows help for each):");
			stdout.print(Phil.showConfig(cmd.parameterType(), expert, 0));
			return 0;
		}
		if (showConfig) {
			stdout.print(Phil.showConfig(cmd.parameterType(), expert, Math.max(attributes, 0)));
			return 0;
		}
		Path log = cwd.resolve("bragg." + cmd.name() + ".log");
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		try (OutputStream logFile = openLog(log)) {
			OutputStream sink = logFile != null ? logFile : buffer;
			PrintStream out = new PrintStream(new Tee(stdout, sink), true, StandardCharsets.UTF_8);
			out.println("Bragg " + VERSION + " — " + cmd.name());
			out.println("Algorithms follow DIALS: Winter et al. (2018) Acta Cryst. D74, 85-97.");
			try {
				// .phil files are found relative to the working directory of the run, like input files
				List<String> resolved = new ArrayList<>();
				for (String a : rest)
					resolved.add(a.endsWith(".phil") && !a.contains("=") && !Path.of(a).isAbsolute() ? cwd.resolve(a).toString() : a);
				Parsed<P> parsed = Phil.parse(resolved, cmd.parameterType());
				String diff = Phil.diff(parsed.params());
				if (!diff.isBlank()) out.println(diff); // Phil.diff starts with DIALS's "The following parameters have been modified:"
				int nproc = Runtime.getRuntime().availableProcessors();
				Context<P> ctx = new Context<>(parsed.params(), parsed.positional(), cwd, out, new CliProgress(out), FormatRegistry.fromServiceLoader(), nproc);
				cmd.run(ctx);
				out.flush();
				return 0;
			} catch (BraggInputException | ParameterException e) {
				out.flush();
				write(sink, "Error: " + e.getMessage() + "\n");
				stderr.println("bragg " + cmd.name() + ": " + e.getMessage() + (logFile != null ? "  (log: " + log.getFileName() + ")" : ""));
				return 1;
			} catch (Exception | Error e) {
				out.flush();
				StringWriter sw = new StringWriter();
				e.printStackTrace(new PrintWriter(sw));
				write(sink, "Internal error:\n" + sw);
				stderr.println("bragg " + cmd.name() + ": internal error: " + e + " — this is a bug; the stack trace is in " + log.getFileName());
				return 2;
			}
		} catch (IOException e) {
			stderr.println("bragg " + cmd.name() + ": cannot write " + log + ": " + e.getMessage());
			return 1;
		}
	}

	private static OutputStream openLog(Path log) {
		try {
			return new FileOutputStream(log.toFile());
		} catch (IOException e) {
			return null;
		}
	}

	private static void write(OutputStream o, String s) {
		try {
			o.write(s.getBytes(StandardCharsets.UTF_8));
			o.flush();
		} catch (IOException ignored) {
			// the log is best effort; the terminal already has the message
		}
	}

	/** Writes to two streams. */
	private static final class Tee extends OutputStream {
		private final OutputStream a, b;

		Tee(OutputStream a, OutputStream b) { this.a = a; this.b = b; }

		@Override public void write(int x) throws IOException { a.write(x); b.write(x); }
		@Override public void write(byte[] buf, int off, int len) throws IOException { a.write(buf, off, len); b.write(buf, off, len); }
		@Override public void flush() throws IOException { a.flush(); b.flush(); }
	}
}
