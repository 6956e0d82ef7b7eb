package org.bragg.ui.imageviewer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;

/**
 * One data set of a {@link DataSession}: the experiments of one {@code .expt} file or one import of
 * images, and the reflection files loaded with them. Several data sets can be open at once (a combined
 * beamline session). The experiment list and each reflection table are immutable values; the data set
 * replaces them when a processing step produces new ones.
 *
 * <p>Thread-safe: accessors return snapshots.
 *
 * @since 0.1
 */
public final class DataSet {
	/** A reflection file loaded into a data set. */
	public record Reflections(Path file, ReflectionTable table) {
		public Reflections {
			Objects.requireNonNull(file);
			Objects.requireNonNull(table);
		}
	}

	private final String name;
	private final Path directory;
	private volatile ExperimentList experiments;
	private volatile Path experimentsFile;
	private final List<Reflections> reflections = new ArrayList<>();

	/**
	 * @param name shown in the explorer
	 * @param directory where processing of this data set writes its outputs
	 * @param experiments the experiments (may be empty, never null)
	 * @param experimentsFile the {@code .expt} file, or null if the experiments come from images
	 */
	public DataSet(String name, Path directory, ExperimentList experiments, Path experimentsFile) {
		this.name = Objects.requireNonNull(name);
		this.directory = Objects.requireNonNull(directory);
		this.experiments = Objects.requireNonNull(experiments);
		this.experimentsFile = experimentsFile;
	}

	public String name() { return name; }

	/** @return the working directory of processing steps on this data set */
	public Path directory() { return directory; }

	public ExperimentList experiments() { return experiments; }

	/** @return the {@code .expt} file the experiments were read from or written to, or null */
	public Path experimentsFile() { return experimentsFile; }

	/** Replaces the experiments (e.g. after import or indexing). */
	public void setExperiments(ExperimentList e, Path file) {
		experiments = Objects.requireNonNull(e);
		experimentsFile = file;
	}

	/** @return the reflection files, oldest first */
	public synchronized List<Reflections> reflections() { return List.copyOf(reflections); }

	/** Adds a reflection file, replacing one loaded from the same path. */
	public synchronized void addReflections(Reflections r) {
		reflections.removeIf(x -> x.file().equals(r.file()));
		reflections.add(r);
	}

	/** @return the most recently added reflection table, or null */
	public synchronized ReflectionTable latestReflections() {
		return reflections.isEmpty() ? null : reflections.get(reflections.size() - 1).table();
	}

	/** @return the number of images over all experiments (a scan's images, or one per still) */
	public int imageCount() {
		int n = 0;
		for (var e : experiments) n += e.imageSet() == null ? 0 : e.scan() != null && !e.scan().isStill() ? e.scan().numImages() : Math.max(1, e.imageSet().paths().size());
		return n;
	}

	@Override
	public String toString() { return name; }
}
