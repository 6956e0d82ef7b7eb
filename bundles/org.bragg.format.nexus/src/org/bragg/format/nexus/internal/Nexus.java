package org.bragg.format.nexus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;

import org.bragg.format.ImageFiles;
import org.bragg.model.BraggInputException;

/**
 * Opening HDF5 files and telling NeXus flavours apart, for the {@code understand} tests.
 *
 * @since 0.1
 */
public final class Nexus {
	private Nexus() {}

	/** The 8-byte HDF5 signature {@code \x89HDF\r\n\x1a\n}. */
	static final byte[] SIGNATURE = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };

	/** What an HDF5 file holds, as far as the readers care. */
	public enum Kind {
		/** Not HDF5, or HDF5 without a diffraction entry. */
		NONE,
		/** An NXentry with {@code definition = NXmx}. */
		NXMX,
		/** An NXmx entry whose detector has a DECTRIS {@code detectorSpecific} group. */
		NXMX_EIGER,
		/** A DECTRIS Eiger master without an NXmx definition ("nearly NeXus"). */
		EIGER_NEARLY_NEXUS
	}

	private record Key(Path path, long size, FileTime modified) {}

	private static final Map<Key, Kind> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<Key, Kind> e) { return size() > 32; }
	};

	/** @return true if the bytes start with the HDF5 signature */
	public static boolean hasSignature(byte[] head) {
		if (head.length < SIGNATURE.length) return false;
		for (int i = 0; i < SIGNATURE.length; i++) if (head[i] != SIGNATURE[i]) return false;
		return true;
	}

	/**
	 * Classifies a file (cached by path, size and modification time, as the registry asks several
	 * readers about the same file).
	 */
	public static Kind classify(Path file) {
		Key key;
		try {
			key = new Key(file.toAbsolutePath(), Files.size(file), Files.getLastModifiedTime(file));
		} catch (IOException e) {
			return Kind.NONE;
		}
		synchronized (CACHE) {
			Kind k = CACHE.get(key);
			if (k != null) return k;
		}
		Kind k = classifyUncached(file);
		synchronized (CACHE) {
			CACHE.put(key, k);
		}
		return k;
	}

	private static Kind classifyUncached(Path file) {
		if (ImageFiles.isCompressed(file)) return Kind.NONE;
		try (InputStream in = Files.newInputStream(file)) {
			if (!hasSignature(in.readNBytes(8))) return Kind.NONE;
		} catch (IOException e) {
			return Kind.NONE;
		}
		try (HdfFile h = new HdfFile(file)) {
			Group nxmx = nxmxEntry(h);
			if (nxmx != null) return Hdf.byPath(nxmx, "instrument/detector/detectorSpecific") instanceof Group ? Kind.NXMX_EIGER : Kind.NXMX;
			Group entry = Hdf.group(h, "entry");
			if (entry != null && "NXentry".equals(Hdf.nxClass(entry)) && Hdf.child(entry, "definition") == null) {
				if (Hdf.byPath(entry, "instrument/detector/detectorSpecific") instanceof Group) return Kind.EIGER_NEARLY_NEXUS;
				String desc = Hdf.string(Hdf.dataset(Hdf.group(Hdf.group(entry, "instrument"), "detector"), "description"));
				if (desc != null && desc.toLowerCase(java.util.Locale.ROOT).contains("dectris eiger")) return Kind.EIGER_NEARLY_NEXUS;
			}
			return Kind.NONE;
		} catch (HdfException | UnsupportedOperationException | IllegalArgumentException e) {
			return Kind.NONE;
		}
	}

	/** @return the first top-level NXentry whose {@code definition} is NXmx, or null */
	public static Group nxmxEntry(HdfFile h) {
		for (Group g : Hdf.groupsOfClass(h, "NXentry")) {
			String def = Hdf.string(Hdf.dataset(g, "definition"));
			if ("NXmx".equals(def)) return g;
		}
		return null;
	}

	/**
	 * Opens an HDF5 file with jHDF.
	 *
	 * @throws BraggInputException naming the file if it is missing or not readable HDF5
	 */
	public static HdfFile openHdf(Path file) throws BraggInputException {
		if (!Files.isRegularFile(file)) throw new BraggInputException(file + ": file not found");
		BitshuffleFilter.register();
		try {
			return new HdfFile(file);
		} catch (HdfException | UnsupportedOperationException e) {
			throw new BraggInputException(file.getFileName() + ": cannot read HDF5 (" + e.getMessage() + ")", e);
		}
	}
}
