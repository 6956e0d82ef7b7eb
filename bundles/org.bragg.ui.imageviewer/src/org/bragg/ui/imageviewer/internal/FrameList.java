package org.bragg.ui.imageviewer.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageSource;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.ImageSet;

/**
 * The images of an experiment list in viewing order: every image of each experiment's scan (a
 * rotation sequence) or of its imageset (stills), with the experiment's index (the {@code id} column
 * of reflection tables) and the image's index within its scan. Image sources are shared between
 * experiments that share an imageset. Thread-safe; {@link #close()} closes the image sources.
 */
public final class FrameList implements AutoCloseable {
	/** One image. @param imageInScan 0-based index within the experiment's scan (0 for a still) */
	public record Frame(int experimentId, Experiment experiment, ImageSource source, int sourceIndex, int imageInScan) {}

	private final List<Frame> frames = new ArrayList<>();
	private final List<ImageSource> sources = new ArrayList<>();

	public FrameList(ExperimentList experiments, FormatRegistry registry) {
		Map<ImageSet, ImageSource> byImageSet = new IdentityHashMap<>();
		// stills that share one imageset of as many images as experiments: experiment j shows image j
		Map<ImageSet, Integer> sharers = new IdentityHashMap<>(), seen = new IdentityHashMap<>();
		for (Experiment e : experiments) if (e.imageSet() != null) sharers.merge(e.imageSet(), 1, Integer::sum);
		for (int id = 0; id < experiments.size(); id++) {
			Experiment e = experiments.get(id);
			if (e.imageSet() == null || e.detector() == null) continue;
			ImageSource src = byImageSet.get(e.imageSet());
			if (src == null) {
				src = ImageSource.of(e.imageSet(), e.scan(), registry);
				byImageSet.put(e.imageSet(), src);
				sources.add(src);
			}
			boolean rotation = e.scan() != null && !e.scan().isStill();
			if (rotation || e.imageSet().template() != null) {
				for (int i = 0; i < src.numImages(); i++) frames.add(new Frame(id, e, src, i, i));
			} else if (sharers.get(e.imageSet()) > 1 && sharers.get(e.imageSet()) == src.numImages()) {
				int j = seen.merge(e.imageSet(), 1, Integer::sum) - 1;
				frames.add(new Frame(id, e, src, j, 0));
			} else {
				for (int i = 0; i < src.numImages(); i++) frames.add(new Frame(id, e, src, i, 0));
			}
		}
	}

	public int size() { return frames.size(); }

	public Frame get(int i) { return frames.get(i); }

	public boolean isEmpty() { return frames.isEmpty(); }

	@Override
	public void close() { sources.forEach(ImageSource::close); }
}
