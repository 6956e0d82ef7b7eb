package org.bragg.model;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * An ordered, immutable list of {@link Experiment}s, as dxtbx's {@code ExperimentList}. The index of
 * an experiment is the {@code id} column of reflection tables.
 *
 * @since 0.1
 */
public final class ExperimentList implements Iterable<Experiment> {
	private final List<Experiment> experiments;

	public ExperimentList(List<Experiment> experiments) { this.experiments = List.copyOf(experiments); }

	public static ExperimentList of(Experiment... e) { return new ExperimentList(List.of(e)); }

	public int size() { return experiments.size(); }
	public boolean isEmpty() { return experiments.isEmpty(); }
	public Experiment get(int i) { return experiments.get(i); }
	public List<Experiment> asList() { return experiments; }
	@Override public Iterator<Experiment> iterator() { return experiments.iterator(); }

	/** @return a new list with experiment i replaced */
	public ExperimentList with(int i, Experiment e) {
		List<Experiment> l = new ArrayList<>(experiments);
		l.set(i, e);
		return new ExperimentList(l);
	}

	/** @return the index of the experiment with this identifier, or −1 */
	public int indexOfIdentifier(String id) {
		for (int i = 0; i < experiments.size(); i++) if (experiments.get(i).identifier().equals(id)) return i;
		return -1;
	}

	/** @return the distinct image sets in order of first use (by identity) */
	public List<ImageSet> imageSets() {
		List<ImageSet> out = new ArrayList<>();
		for (Experiment e : experiments) {
			ImageSet s = e.imageSet();
			if (s != null && out.stream().noneMatch(x -> x == s)) out.add(s);
		}
		return out;
	}

	/** @return a fresh random identifier in DIALS's UUID style */
	public static String newIdentifier() { return UUID.randomUUID().toString(); }
}
