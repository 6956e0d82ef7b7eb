package org.bragg.ui.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.report.RefinementRun;

/**
 * Finds and reads what the diagnostics views show in a processing directory (as {@code bragg process} or the
 * single programs leave it): {@code refined.expt/.refl}, {@code integrated.expt/.refl}, {@code scaled.expt/.refl},
 * and refinement runs recorded by {@code bragg refine output.history=<stem>history.json
 * output.correlation_plot.filename=<stem>corr.png} (which writes {@code <stem>corr.json}).
 *
 * @since 0.1
 */
public final class DiagnosticsFiles {
	private DiagnosticsFiles() {}

	/** Experiments and reflections of one processing step. @param experimentsFile where they came from */
	public record Results(Path experimentsFile, ExperimentList experiments, ReflectionTable reflections) {}

	private static final Pattern HISTORY = Pattern.compile("(.*?)[._-]?history\\.json");

	/**
	 * @param stem "refined", "integrated" or "scaled"
	 * @return the step's results, or null if {@code <stem>.expt} or {@code <stem>.refl} is missing
	 * @throws BraggInputException if a file is unreadable
	 */
	public static Results results(Path dir, String stem) throws BraggInputException {
		Path e = dir.resolve(stem + ".expt"), r = dir.resolve(stem + ".refl");
		if (!Files.isRegularFile(e) || !Files.isRegularFile(r)) return null;
		return new Results(e, ExperimentListIO.read(e), ReflectionTableIO.read(r));
	}

	/**
	 * Every {@code <stem>history.json} (also {@code <stem>_history.json}, {@code <stem>.history.json}) in {@code dir},
	 * paired with {@code <stem>corr.json} (or {@code _corr}, {@code .corr}) when present; the label is the stem
	 * ("refinement" if empty). Sorted by file name.
	 *
	 * @throws BraggInputException if a file is unreadable
	 */
	public static List<RefinementRun> refinementRuns(Path dir) throws BraggInputException {
		List<RefinementRun> runs = new ArrayList<>();
		List<Path> files;
		try (Stream<Path> s = Files.list(dir)) {
			files = s.filter(p -> HISTORY.matcher(p.getFileName().toString()).matches()).sorted().toList();
		} catch (IOException ex) {
			throw new BraggInputException(dir + ": cannot list the directory: " + ex.getMessage());
		}
		for (Path h : files) {
			Matcher m = HISTORY.matcher(h.getFileName().toString());
			m.matches();
			String stem = m.group(1);
			Path corr = null;
			for (String sep : new String[] { "", "_", ".", "-" }) {
				Path c = dir.resolve(stem + sep + "corr.json");
				if (!stem.isEmpty() && Files.isRegularFile(c)) { corr = c; break; }
			}
			runs.add(RefinementRun.read(stem.isEmpty() ? "refinement" : stem, h, corr));
		}
		return runs;
	}
}
