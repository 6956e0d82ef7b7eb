package org.bragg.format;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.ImageSet;
import org.bragg.model.Panel;
import org.bragg.model.Scan;

/**
 * Pixel access to the images of one imageset: lazy (nothing is decoded until asked), thread-safe,
 * with the reader chosen once for the whole set so that no file is sniffed twice (DIALS issue #382).
 * Images are addressed by 0-based index within the imageset (for a sequence, index i is image number
 * {@code scan.firstImage() + i}).
 *
 * @since 0.1
 */
public final class ImageSource implements AutoCloseable {
	private final ImageSet imageSet;
	private final Scan scan;
	private final FormatRegistry registry;
	private final int numImages;
	private volatile FormatReader reader;
	private final ConcurrentHashMap<Path, ImageFile> containers = new ConcurrentHashMap<>();

	private ImageSource(ImageSet imageSet, Scan scan, FormatRegistry registry) {
		this.imageSet = imageSet;
		this.scan = scan;
		this.registry = registry;
		if (imageSet.template() != null) {
			if (scan == null) throw new IllegalArgumentException("a template imageset needs a scan");
			this.numImages = scan.numImages();
		} else {
			this.numImages = imageSet.paths().size();
		}
	}

	/** @return pixel access for the imageset of an experiment (its scan gives the image range of a template) */
	public static ImageSource of(Experiment e, FormatRegistry registry) {
		if (e.imageSet() == null) throw new IllegalArgumentException("experiment " + e.identifier() + " has no imageset");
		return new ImageSource(e.imageSet(), e.scan(), registry);
	}

	/** @return pixel access for an imageset; {@code scan} may be null for a file list */
	public static ImageSource of(ImageSet set, Scan scan, FormatRegistry registry) {
		return new ImageSource(set, scan, registry);
	}

	public int numImages() { return numImages; }

	public ImageSet imageSet() { return imageSet; }

	/** @return the file holding image {@code index} (0-based) */
	public Path path(int index) {
		checkIndex(index);
		if (imageSet.template() != null) return imageSet.pathForImage(scan.firstImage() + index);
		return imageSet.paths().get(index);
	}

	/** @return the index of image {@code index} inside its file (0 for single-image files) */
	public int indexInFile(int index) {
		checkIndex(index);
		int[] sfi = imageSet.singleFileIndices();
		return sfi.length > index ? sfi[index] : 0;
	}

	private void checkIndex(int index) {
		if (index < 0 || index >= numImages) throw new IndexOutOfBoundsException("image index " + index + " outside 0.." + (numImages - 1));
	}

	/** @return the reader used for this imageset (sniffed once from the first image) */
	public FormatReader reader() throws BraggInputException {
		FormatReader r = reader;
		if (r == null) {
			synchronized (this) {
				if (reader == null) reader = registry.find(path(0));
				r = reader;
			}
		}
		return r;
	}

	/**
	 * Decodes image {@code index}.
	 *
	 * @return one {@link PanelData} per panel
	 * @throws BraggInputException if the file is missing, truncated or corrupt
	 */
	public PanelData[] read(int index) throws BraggInputException {
		Path p = path(index);
		int inFile = indexInFile(index);
		if (imageSet.singleFileIndices().length > 0) {
			ImageFile f = container(p);
			return f.read(inFile);
		}
		try (ImageFile f = reader().open(p)) {
			return f.read(inFile);
		}
	}

	/**
	 * The format's static mask for image {@code index}, combined with the panels' trusted-range
	 * rectangles ({@link Panel#mask()}) of {@code detector}; true = valid. Pixel values outside the
	 * trusted range are masked per image by the algorithms, not here.
	 *
	 * @return one boolean[nFast·nSlow] per panel
	 */
	public boolean[][] staticMask(int index, Detector detector) throws BraggInputException {
		Path p = path(index);
		boolean[][] m;
		if (imageSet.singleFileIndices().length > 0) {
			m = container(p).staticMask(indexInFile(index));
		} else {
			try (ImageFile f = reader().open(p)) {
				m = f.staticMask(indexInFile(index));
			}
		}
		List<Panel> panels = detector.panels();
		boolean[][] out = new boolean[panels.size()][];
		for (int k = 0; k < panels.size(); k++) {
			Panel pan = panels.get(k);
			int nf = pan.nFast(), ns = pan.nSlow();
			boolean[] mk = m != null && m.length > k && m[k] != null ? m[k].clone() : filled(nf * ns);
			for (int[] r : pan.mask()) {
				for (int y = Math.max(0, r[1]); y < Math.min(ns, r[3]); y++)
					for (int x = Math.max(0, r[0]); x < Math.min(nf, r[2]); x++) mk[y * nf + x] = false;
			}
			out[k] = mk;
		}
		return out;
	}

	private static boolean[] filled(int n) {
		boolean[] b = new boolean[n];
		java.util.Arrays.fill(b, true);
		return b;
	}

	private ImageFile container(Path p) throws BraggInputException {
		ImageFile f = containers.get(p);
		if (f == null) {
			synchronized (containers) {
				f = containers.get(p);
				if (f == null) {
					f = reader().open(p);
					containers.put(p, f);
				}
			}
		}
		return f;
	}

	@Override
	public void close() {
		containers.values().forEach(ImageFile::close);
		containers.clear();
	}
}
