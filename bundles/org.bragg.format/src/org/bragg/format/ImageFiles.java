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
		try (InputStream in = openDecompressed(file)) {
			return in.readAllBytes();
		} catch (IOException e) {
			throw new BraggInputException(file + ": compressed data are corrupt or truncated (" + e.getMessage() + ")", e);
		}
	}

	/** @return up to {@code max} leading decompressed bytes */
	public static byte[] readHead(Path file, int max) throws BraggInputException {
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
