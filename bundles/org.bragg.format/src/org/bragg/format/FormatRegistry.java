package org.bragg.format;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bragg.model.BraggInputException;

/**
 * Chooses the reader for a file with dxtbx's rule: starting from the root, descend to the child
 * reader that {@linkplain FormatReader#understand understands} the file, and return the deepest one
 * (Parkhurst et al. 2014). Readers come from {@link ServiceLoader} on a plain class path
 * ({@link #fromServiceLoader()}) or are added by the OSGi component that tracks
 * {@link FormatReader} services ({@link #add}/{@link #remove}). Thread-safe.
 *
 * @since 0.1
 */
public final class FormatRegistry {
	private final List<FormatReader> readers = new CopyOnWriteArrayList<>();

	/** An empty registry. */
	public FormatRegistry() {}

	/** @return a registry holding every reader found by {@link ServiceLoader} (on a plain class path) or in the
	 *         service files of every bundle (inside OSGi, without needing Declarative Services) */
	public static FormatRegistry fromServiceLoader() {
		FormatRegistry r = new FormatRegistry();
		for (FormatReader f : ServiceLoader.load(FormatReader.class, FormatRegistry.class.getClassLoader())) r.add(f);
		ClassLoader ctx = Thread.currentThread().getContextClassLoader();
		if (ctx != null && ctx != FormatRegistry.class.getClassLoader())
			for (FormatReader f : ServiceLoader.load(FormatReader.class, ctx)) r.add(f);
		try {
			// Inside OSGi, ServiceLoader cannot see other bundles' service files: read them from every bundle.
			for (FormatReader f : org.bragg.format.internal.OsgiServiceFiles.load(FormatReader.class, FormatRegistry.class)) r.add(f);
		} catch (LinkageError notOsgi) {
			// plain class path without the OSGi framework API
		}
		return r;
	}

	/** Adds a reader (ignored if one with the same name is present). */
	public void add(FormatReader reader) {
		if (readers.stream().noneMatch(r -> r.name().equals(reader.name()))) readers.add(reader);
	}

	public void remove(FormatReader reader) { readers.removeIf(r -> r.name().equals(reader.name())); }

	/** @return the registered readers, sorted by name */
	public List<FormatReader> readers() {
		List<FormatReader> l = new ArrayList<>(readers);
		l.sort(Comparator.comparing(FormatReader::name));
		return l;
	}

	/**
	 * @return the deepest reader that understands the file
	 * @throws BraggInputException if the file does not exist, cannot be read, or no reader understands it
	 */
	public FormatReader find(Path file) throws BraggInputException {
		if (!Files.isRegularFile(file)) throw new BraggInputException(file + ": file not found");
		FileHeader h = new FileHeader(file, ImageFiles.readHead(file, FileHeader.MAX_BYTES));
		FormatReader best = descend(FormatReader.ROOT, h);
		if (best == null)
			throw new BraggInputException(file + ": no format reader understands this file (tried " + readers.size() + " readers: "
					+ readers().stream().map(FormatReader::name).toList() + ")");
		return best;
	}

	/** @return the reader with this dxtbx-style name, or null */
	public FormatReader byName(String name) {
		for (FormatReader r : readers) if (r.name().equals(name)) return r;
		return null;
	}

	/** Opens a file with the reader chosen by {@link #find}. */
	public ImageFile open(Path file) throws BraggInputException {
		return find(file).open(file);
	}

	private FormatReader descend(String parent, FileHeader h) {
		for (FormatReader r : readers) {
			if (!r.parent().equals(parent)) continue;
			boolean ok;
			try {
				ok = r.understand(h);
			} catch (RuntimeException e) {
				ok = false;
			}
			if (ok) {
				FormatReader deeper = descend(r.name(), h);
				return deeper != null ? deeper : r;
			}
		}
		return null;
	}
}
