package org.bragg.format.nexus.internal;

import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.Filter;
import io.jhdf.filter.FilterManager;

/**
 * HDF5 filter 32008 (bitshuffle, optionally with LZ4) for jHDF, backed by {@link Bitshuffle}.
 * {@link #register()} replaces jHDF's own bit-by-bit implementation for the whole JVM, which makes
 * generic reads through jHDF ({@code Dataset.getData}) fast too, and lets jHDF's writer produce
 * bitshuffle-LZ4 datasets.
 *
 * <p>Filter data (HDF5 {@code cd_values}) are those of the bitshuffle plugin: {@code [major,
 * minor, element size, block size, compression]}, where block size 0 means the default and
 * compression is 0 (none) or 2 (LZ4); 3 (Zstandard) is rejected.
 *
 * @since 0.1
 */
public final class BitshuffleFilter implements Filter {
	private static volatile boolean registered;

	/** Registers this filter with jHDF's {@link FilterManager} (idempotent). */
	public static void register() {
		if (registered) return;
		synchronized (BitshuffleFilter.class) {
			if (!registered) {
				FilterManager.addFilter(new BitshuffleFilter());
				registered = true;
			}
		}
	}

	/** The filter data the bitshuffle plugin writes for an element size and LZ4 compression. */
	public static int[] lz4FilterData(int elemSize) {
		return new int[] { 0, 3, elemSize, 0, Bitshuffle.COMPRESS_LZ4 };
	}

	@Override
	public int getId() { return Bitshuffle.FILTER_ID; }

	@Override
	public String getName() { return "bitshuffle"; }

	@Override
	public byte[] decode(byte[] encoded, int[] filterData) {
		int elemSize = elemSize(filterData);
		int compression = filterData.length > 4 ? filterData[4] : Bitshuffle.COMPRESS_NONE;
		int block = filterData.length > 3 ? filterData[3] : 0;
		checkCompression(compression);
		try {
			return Bitshuffle.decodeToBytes(encoded, elemSize, compression == Bitshuffle.COMPRESS_LZ4, block);
		} catch (Bitshuffle.CorruptChunkException e) {
			throw new HdfFilterException(e.getMessage());
		}
	}

	@Override
	public byte[] encode(byte[] data, int[] filterData) {
		int elemSize = elemSize(filterData);
		int compression = filterData.length > 4 ? filterData[4] : Bitshuffle.COMPRESS_NONE;
		int block = filterData.length > 3 ? filterData[3] : 0;
		checkCompression(compression);
		return compression == Bitshuffle.COMPRESS_LZ4 ? Bitshuffle.encodeLz4(data, elemSize, block) : Bitshuffle.encodePlain(data, elemSize, block);
	}

	private static int elemSize(int[] filterData) {
		if (filterData.length < 3 || filterData[2] <= 0) throw new HdfFilterException("bitshuffle filter data lack the element size");
		return filterData[2];
	}

	private static void checkCompression(int c) {
		if (c != Bitshuffle.COMPRESS_LZ4 && c != Bitshuffle.COMPRESS_NONE)
			throw new HdfFilterException("bitshuffle compression " + c + (c == Bitshuffle.COMPRESS_ZSTD ? " (Zstandard)" : "") + " is not supported; only none (0) and LZ4 (2)");
	}
}
