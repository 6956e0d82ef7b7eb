package org.bragg.ui.imageviewer.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bragg.format.ExperimentImporter;
import org.bragg.format.FormatRegistry;
import org.bragg.format.ImportParameters;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.ui.imageviewer.DataSession;
import org.bragg.ui.imageviewer.DataSet;

/**
 * Opens files into a {@link DataSession}: {@code .expt}/{@code .json} experiment lists become data
 * sets; {@code .refl} files join the data set whose experiment identifiers they name (else the data
 * set of the same directory, else the active one, else a new one); everything else (image files,
 * templates with {@code #}, directories) is imported together with {@link ExperimentImporter}, as
 * {@code bragg import} would. Runs on a background thread; not thread-safe per instance.
 */
public final class DataLoader {
	private final DataSession session;
	private final FormatRegistry registry;

	public DataLoader(DataSession session, FormatRegistry registry) {
		this.session = session;
		this.registry = registry;
	}

	/**
	 * @return the data sets created or changed
	 * @throws BraggInputException if a file cannot be read (earlier files stay loaded)
	 */
	public List<DataSet> open(List<Path> files, Progress progress) throws BraggInputException {
		List<DataSet> touched = new ArrayList<>();
		List<String> images = new ArrayList<>();
		List<Path> refls = new ArrayList<>();
		progress.begin("Opening " + files.size() + " file(s)", files.size());
		for (Path f : files) {
			String n = f.getFileName() == null ? f.toString() : f.getFileName().toString().toLowerCase(Locale.ROOT);
			if (n.endsWith(".expt") || (n.endsWith(".json") && !Files.isDirectory(f))) {
				ExperimentList el = ExperimentListIO.read(f);
				DataSet d = new DataSet(f.getFileName().toString(), workDirectory(f.toAbsolutePath().getParent()), el, f);
				session.log("Opened " + f + ": " + el.size() + " experiment(s)\n");
				session.add(d);
				touched.add(d);
				progress.worked(1);
			} else if (n.endsWith(".refl")) {
				refls.add(f);
			} else {
				images.add(f.toString());
			}
		}
		if (!images.isEmpty()) {
			ExperimentImporter.Result r = ExperimentImporter.importImages(images, ImportParameters.defaults(), registry, progress);
			Path first = Path.of(images.get(0)).toAbsolutePath();
			String name = images.size() == 1 ? first.getFileName().toString() : first.getFileName() + " (+" + (images.size() - 1) + ")";
			DataSet d = new DataSet(name, workDirectory(Files.isDirectory(first) ? first : first.getParent()), r.experiments(), null);
			session.log("Imported " + r.numImages() + " image(s) as " + r.numSweeps() + " sequence(s) and " + r.numStills() + " still(s) ("
					+ String.join(", ", r.formatNames()) + ")\n");
			session.add(d);
			touched.add(d);
		}
		for (Path f : refls) {
			ReflectionTable t = ReflectionTableIO.read(f);
			DataSet d = target(f, t, touched);
			d.addReflections(new DataSet.Reflections(f, t));
			session.log("Loaded " + t.size() + " reflections from " + f + " into " + d.name() + "\n");
			if (!session.dataSets().contains(d)) session.add(d);
			else session.contentChanged(d);
			if (!touched.contains(d)) touched.add(d);
			progress.worked(1);
		}
		return touched;
	}

	/** The data set a reflection table belongs to. */
	private DataSet target(Path refl, ReflectionTable t, List<DataSet> justOpened) {
		List<DataSet> all = new ArrayList<>(justOpened);
		for (DataSet d : session.dataSets()) if (!all.contains(d)) all.add(d);
		if (!t.experimentIdentifiers().isEmpty()) {
			for (DataSet d : all) {
				List<String> ids = d.experiments().asList().stream().map(Experiment::identifier).toList();
				if (!ids.isEmpty() && ids.containsAll(t.experimentIdentifiers().values())) return d;
			}
		}
		Path dir = refl.toAbsolutePath().getParent();
		for (DataSet d : all) if (d.experimentsFile() != null && dir.equals(d.experimentsFile().toAbsolutePath().getParent())) return d;
		if (!justOpened.isEmpty()) return justOpened.get(justOpened.size() - 1);
		if (session.active() != null) return session.active();
		return new DataSet(refl.getFileName().toString(), workDirectory(dir), new ExperimentList(List.of()), null);
	}

	/**
	 * Where processing of a data set writes: its own directory if writable, else
	 * {@code ~/bragg-processing/<directory name>}.
	 */
	static Path workDirectory(Path dir) {
		if (dir != null && Files.isDirectory(dir) && Files.isWritable(dir)) return dir;
		String leaf = dir == null || dir.getFileName() == null ? "data" : dir.getFileName().toString();
		return Path.of(System.getProperty("user.home"), "bragg-processing", leaf);
	}
}
