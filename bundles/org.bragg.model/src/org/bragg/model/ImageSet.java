package org.bragg.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the images of an experiment live, as the {@code imageset} entries of a DIALS {@code .expt}:
 * a sequence given by a {@link #template()} with {@code #} digits (e.g. {@code th_8_2_####.cbf}) and
 * the scan's image range, or an explicit list of {@link #paths()} (stills, or frames of a multi-image
 * container with {@link #singleFileIndices()}, 0-based). Lookup files (mask, gain, pedestal, dx, dy)
 * are paths or null. {@link #params()} holds format keyword arguments verbatim. Paths are absolute.
 *
 * @param kind {@code ImageSequence}, {@code ImageSet} or {@code ImageGrid}
 * @param template absolute template path with #s, or null for a list
 * @param paths the image files (one per image, possibly repeated for containers); empty for a template
 * @param singleFileIndices 0-based frame indices inside container files, or an empty array
 * @param params format keyword arguments, JSON-like values kept verbatim in their order (nulls allowed)
 * @param gridSize {nFast, nSlow} images of an {@code ImageGrid}, or null for other kinds
 * @since 0.1
 */
public record ImageSet(String kind, Path template, List<Path> paths, int[] singleFileIndices, Path mask, Path gain, Path pedestal,
		Path dx, Path dy, Map<String, Object> params, int[] gridSize) {

	public static final String SEQUENCE = "ImageSequence";
	public static final String STILLS = "ImageSet";
	public static final String GRID = "ImageGrid";

	public ImageSet {
		Objects.requireNonNull(kind);
		paths = List.copyOf(paths);
		singleFileIndices = singleFileIndices.clone();
		params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
		if (template == null && paths.isEmpty()) throw new IllegalArgumentException("an imageset needs a template or image paths");
		if (gridSize != null && gridSize.length != 2) throw new IllegalArgumentException("grid_size needs 2 values");
		gridSize = gridSize == null ? null : gridSize.clone();
	}

	/** An imageset without a grid size (every kind but {@code ImageGrid}). */
	public ImageSet(String kind, Path template, List<Path> paths, int[] singleFileIndices, Path mask, Path gain, Path pedestal, Path dx,
			Path dy, Map<String, Object> params) {
		this(kind, template, paths, singleFileIndices, mask, gain, pedestal, dx, dy, params, null);
	}

	/** A sequence described by a template. */
	public static ImageSet sequence(Path template) {
		return new ImageSet(SEQUENCE, template, List.of(), new int[0], null, null, null, null, null, Map.of());
	}

	/** An imageset of explicit files (stills). */
	public static ImageSet ofFiles(String kind, List<Path> files, int[] singleFileIndices) {
		return new ImageSet(kind, null, files, singleFileIndices, null, null, null, null, null, Map.of());
	}

	public boolean isSequence() { return SEQUENCE.equals(kind); }

	/**
	 * The file of image number {@code image} (1-based, as in the scan) of a template imageset.
	 *
	 * @throws IllegalStateException if this imageset has no template
	 */
	public Path pathForImage(int image) {
		if (template == null) throw new IllegalStateException("imageset has no template");
		return Path.of(expandTemplate(template.toString(), image));
	}

	/** Replaces the run of #s in the file-name part of {@code template} by the zero-padded number. */
	public static String expandTemplate(String template, int number) {
		int end = template.lastIndexOf('#');
		if (end < 0) return template;
		int start = end;
		while (start > 0 && template.charAt(start - 1) == '#') start--;
		int width = end - start + 1;
		return template.substring(0, start) + String.format("%0" + width + "d", number) + template.substring(end + 1);
	}

	public ImageSet withMask(Path m) { return new ImageSet(kind, template, paths, singleFileIndices, m, gain, pedestal, dx, dy, params, gridSize); }
	public ImageSet withGain(Path g) { return new ImageSet(kind, template, paths, singleFileIndices, mask, g, pedestal, dx, dy, params, gridSize); }
	public ImageSet withPedestal(Path p) { return new ImageSet(kind, template, paths, singleFileIndices, mask, gain, p, dx, dy, params, gridSize); }
	public ImageSet withDxDy(Path x, Path y) { return new ImageSet(kind, template, paths, singleFileIndices, mask, gain, pedestal, x, y, params, gridSize); }
	public ImageSet withParams(Map<String, Object> p) { return new ImageSet(kind, template, paths, singleFileIndices, mask, gain, pedestal, dx, dy, p, gridSize); }

	@Override
	public boolean equals(Object o) {
		return o instanceof ImageSet s && s.kind.equals(kind) && Objects.equals(s.template, template) && s.paths.equals(paths)
				&& java.util.Arrays.equals(s.singleFileIndices, singleFileIndices) && Objects.equals(s.mask, mask)
				&& Objects.equals(s.gain, gain) && Objects.equals(s.pedestal, pedestal) && Objects.equals(s.dx, dx) && Objects.equals(s.dy, dy)
				&& java.util.Arrays.equals(s.gridSize, gridSize);
	}

	@Override
	public int hashCode() { return Objects.hash(kind, template, paths); }
}
