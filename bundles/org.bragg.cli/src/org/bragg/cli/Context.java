package org.bragg.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FormatRegistry;
import org.bragg.model.Progress;

/**
 * What a running {@link Command} gets: its parsed parameters, the positional arguments (input files),
 * the output directory, a log that goes to the terminal and to {@code bragg.<program>.log}, a
 * progress reporter and the format registry.
 *
 * @since 0.1
 */
public record Context<P extends Record>(P params, List<String> inputs, Path workingDirectory, PrintStream out, Progress progress,
		FormatRegistry formats, int nproc) {

	/** Prints a line to the terminal and the log. */
	public void log(String line) { out.println(line); }

	/** @return a path in the working directory */
	public Path resolve(Path p) { return workingDirectory.resolve(p); }
}
