package org.bragg.format;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.bragg.model.BraggInputException;

/**
 * Reading image files with transparent bzip2 and gzip decompression (detected from the magic bytes,
 * not the file name), using Apache Commons Compress.
 *
 * @since 0.1
 */
public final class ImageFiles {
	private ImageFiles() {}

	/** Recently decompressed files, so that sniffing a compressed file and then opening it decompresses it once. */
	private record Key(Path path, long modified, long size) {}

	private static final int CACHE_ENTRIES = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
	private static final java.util.Map<Key, java.lang.ref.SoftReference<byte[]>> CACHE = java.util.Collections.synchronizedMap(
			new java.util.LinkedHashMap<>(16, 0.75f, true) {
				private static final long serialVersionUID = 1L;

				@Override
				protected boolean removeEldestEntry(java.util.Map.Entry<Key, java.lang.ref.SoftReference<byte[]>> e) {
					return size() > CACHE_ENTRIES;
				}
			});

	private static Key key(Path file) {
		try {
			return new Key(file.toAbsolutePath(), Files.getLastModifiedTime(file).toMillis(), Files.size(file));
		} catch (IOException e) {
			return null;
		}
	}

	/** @return a buffered stream of the decompressed content. @throws BraggInputException if unreadable */
	public static InputStream openDecompressed(Path file) throws BraggInputException {
		try {
			InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
			raw.mark(4);
			int b0 = raw.read(), b1 = raw.read(), b2 = raw.read();
			raw.reset();
			if (b0 == 'B' && b1 == 'Z' && b2 == 'h') return new BufferedInputStream(new BZip2CompressorInputStream(raw, true), 1 << 16);
			if (b0 == 0x1f && b1 == 0x8b) return new BufferedInputStream(new GzipCompressorInputStream(raw, true), 1 << 16);
			return raw;
		} catch (NoSuchFileException e) {
			throw new BraggInputException(file + ": file not found");
		} catch (IOException e) {
			throw new BraggInputException(file + ": cannot read (" + e.getMessage() + ")", e);
		}
	}

	/**
	 * Reads the whole decompressed content of a file.
	 *
	 * @throws BraggInputException if the file is unreadable or the compressed stream is corrupt/truncated
	 */
	public static byte[] readAll(Path file) throws BraggInputException {
		if (!isCompressed(file)) {
			try {
				return Files.readAllBytes(file);
			} catch (NoSuchFileException e) {
				throw new BraggInputException(file + ": file not found");
			} catch (IOException e) {
				throw new BraggInputException(file + ": cannot read (" + e.getMessage() + ")", e);
			}
		}
		Key k = key(file);
		if (k != null) {
			java.lang.ref.SoftReference<byte[]> ref = CACHE.get(k);
			byte[] hit = ref == null ? null : ref.get();
			if (hit != null) return hit.clone();
		}
		byte[] data;
		try (InputStream in = openDecompressed(file)) {
			data = in.readAllBytes();
		} catch (IOException e) {
			throw new BraggInputException(file + ": compressed data are corrupt or truncated (" + e.getMessage() + ")", e);
		}
		if (k != null) CACHE.put(k, new java.lang.ref.SoftReference<>(data.clone()));
		return data;
	}

	/**
	 * @return up to {@code max} leading decompressed bytes. For a bzip2/gzip file the whole content is
	 *         decompressed (bzip2 decodes whole blocks anyway) and kept for a following {@link #readAll}.
	 */
	public static byte[] readHead(Path file, int max) throws BraggInputException {
		if (isCompressed(file)) {
			byte[] all = readAll(file);
			return java.util.Arrays.copyOf(all, Math.min(max, all.length));
		}
		try (InputStream in = openDecompressed(file)) {
			return in.readNBytes(max);
		} catch (IOException e) {
			throw new BraggInputException(file + ": cannot read the header (" + e.getMessage() + ")", e);
		}
	}

	/** @return true if the file starts with bzip2 or gzip magic bytes */
	public static boolean isCompressed(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			int b0 = in.read(), b1 = in.read(), b2 = in.read();
			return (b0 == 'B' && b1 == 'Z' && b2 == 'h') || (b0 == 0x1f && b1 == 0x8b);
		} catch (IOException e) {
			return false;
		}
	}
}
