package org.bragg.format.nexus.internal;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.links.ExternalLink;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;

import org.bragg.model.BraggInputException;

/**
 * The image frames of an NXdata group: one or more HDF5 datasets of shape (frames, slow, fast) (or a
 * single (slow, fast) image), in the master file or reached through external links, concatenated in
 * name order. External files are looked up <em>only</em> in the master file's directory, by file
 * name (so a master copied with its data files keeps working, and a link cannot reach elsewhere).
 *
 * <p>Frames are decoded one at a time: with one chunk per frame, the chunk is read raw and decoded
 * here (bitshuffle-LZ4 directly into ints by {@link Bitshuffle}; other filters through jHDF's
 * pipeline); other layouts use jHDF's slicing. Integer data become {@code int[]} (uint32 values
 * above 2³¹ − 1 wrap to negative, so 0xFFFFFFFF reads as −1, as in dxtbx); floating point data
 * {@code double[]}. Thread-safe for reading.
 *
 * @since 0.1
 */
public final class FrameStack implements AutoCloseable {

	/** One dataset holding frames [first, first + count), from its frame {@code offset} on. */
	private record Part(Dataset dataset, String where, int first, int count, int rank, int offset) {}

	private final List<Part> parts;
	private final List<HdfFile> opened;
	private final int ny;
	private final int nx;
	private final int frames;
	private final String master;

	private FrameStack(String master, List<Part> parts, List<HdfFile> opened, int ny, int nx) {
		this.master = master;
		this.parts = parts;
		this.opened = opened;
		this.ny = ny;
		this.nx = nx;
		int f = 0;
		for (Part p : parts) f += p.count;
		this.frames = f;
	}

	/** @return frames in the stack */
	public int frames() { return frames; }
	/** @return pixels along slow of each frame */
	public int nSlow() { return ny; }
	/** @return pixels along fast of each frame */
	public int nFast() { return nx; }

	/**
	 * The external files an NXdata group links to (resolved in the master's directory), without
	 * opening them.
	 */
	public static List<Path> linkedFiles(Group data, Path masterFile) {
		List<Path> out = new ArrayList<>();
		Path dir = masterFile.toAbsolutePath().getParent();
		List<String> names = sortedNames(data);
		if (!names.isEmpty()) {
			for (String name : names) {
				Node n = rawChild(data, name);
				if (n instanceof ExternalLink l) out.add((Path) resolveExternal(l, masterFile)[0]);
			}
			return out;
		}
		try { // a group jHDF cannot load, e.g. holding a virtual dataset
			for (LowLevelHdf.LinkTarget t : LowLevelHdf.links(data.getHdfFile(), data.getAddress()).values()) {
				if (t.externalFile() != null) out.add(dir.resolve(baseName(t.externalFile())));
				else if (t.address() >= 0) {
					LowLevelHdf.Virtual v = LowLevelHdf.virtualDataset(data.getHdfFile(), t.address());
					if (v != null) for (LowLevelHdf.Mapping m : v.mappings())
						if (!m.file().equals(".") && !out.contains(dir.resolve(baseName(m.file())))) out.add(dir.resolve(baseName(m.file())));
				}
			}
		} catch (RuntimeException e) {
			// unreadable: no companion files known
		}
		return out;
	}

	/**
	 * Collects the frame datasets of an NXdata group: the {@code signal} dataset if named, else
	 * {@code data} if present, else every dataset of rank ≥ 2 in name order.
	 *
	 * @throws BraggInputException naming the master and the missing file if a linked file is absent,
	 *         or if the group holds no image data
	 */
	public static FrameStack open(Group data, Path masterFile) throws BraggInputException {
		String master = masterFile.getFileName().toString();
		Map<String, LowLevelHdf.LinkTarget> low = null;
		List<String> names = sortedNames(data);
		if (names.isEmpty()) { // jHDF cannot load the group, e.g. because a child is a virtual dataset
			try {
				low = LowLevelHdf.links(data.getHdfFile(), data.getAddress());
			} catch (RuntimeException e) {
				throw new BraggInputException(master + ": cannot list " + data.getPath() + " (" + e.getMessage() + ")");
			}
			names = new ArrayList<>(low.keySet());
			names.sort(Comparator.naturalOrder());
		}
		String signal = Hdf.attrString(data, "signal");
		List<String> use;
		if (signal != null && names.contains(signal)) use = List.of(signal);
		else if (names.contains("data")) use = List.of("data");
		else use = names.stream().filter(n -> !n.startsWith("_filename_")).toList();
		List<HdfFile> opened = new ArrayList<>();
		List<Part> parts = new ArrayList<>();
		int[] shape = { -1, -1 }; // ny, nx
		int first = 0;
		try {
			for (String name : use) {
				String from = data.getPath() + "/" + name;
				if (low != null) {
					LowLevelHdf.LinkTarget t = low.get(name);
					if (t.externalFile() != null) {
						first = add(parts, opened, shape, master, masterFile, t.externalFile(), t.externalPath(), from, first);
					} else if (t.address() >= 0) {
						LowLevelHdf.Virtual v = virtualOrNull(data.getHdfFile(), t.address(), master, from);
						if (v != null) first = addVirtual(parts, opened, shape, master, masterFile, v, data.getHdfFile(), from, first);
						else if (data.getHdfFile().getNodeByAddress(t.address()) instanceof Dataset d) first = add(parts, shape, master, d, master + ":" + from, first);
					} else if (Hdf.byPath(data, t.softPath()) instanceof Dataset d) {
						first = add(parts, shape, master, d, master + ":" + d.getPath(), first);
					}
					continue;
				}
				Node n = rawChild(data, name);
				if (n instanceof ExternalLink l) {
					Object[] r = resolveExternal(l, masterFile);
					first = add(parts, opened, shape, master, masterFile, ((Path) r[0]).getFileName().toString(), (String) r[1], from, first);
				} else {
					Node t = n instanceof Link l ? (l.isBrokenLink() ? null : l.getTarget()) : n;
					if (t instanceof Dataset td) first = add(parts, shape, master, td, master + ":" + td.getPath(), first);
				}
			}
		} catch (BraggInputException | RuntimeException e) {
			opened.forEach(HdfFile::close);
			if (e instanceof HdfException he) throw new BraggInputException(master + ": cannot read image data (" + he.getMessage() + ")", he);
			throw e;
		}
		if (parts.isEmpty()) {
			opened.forEach(HdfFile::close);
			throw new BraggInputException(master + ": NXdata group " + data.getPath() + " holds no image data set (expected data or data_000001…)");
		}
		return new FrameStack(master, parts, opened, shape[0], shape[1]);
	}

	private static LowLevelHdf.Virtual virtualOrNull(HdfFile h, long address, String master, String from) throws BraggInputException {
		try {
			return LowLevelHdf.virtualDataset(h, address);
		} catch (RuntimeException e) {
			throw new BraggInputException(master + ": cannot read the virtual dataset " + from + " (" + e.getMessage() + ")");
		}
	}

	/** Adds a dataset of an external file, looked up by file name in the master's directory. */
	private static int add(List<Part> parts, List<HdfFile> opened, int[] shape, String master, Path masterFile, String file, String target,
			String from, int first) throws BraggInputException {
		return add(parts, shape, master, externalDataset(opened, master, masterFile, file, target, from), externalWhere(file, target), first);
	}

	private static String externalWhere(String file, String target) {
		return baseName(file) + ":" + target;
	}

	private static String baseName(String file) {
		String b = file.replace('\\', '/');
		return b.substring(b.lastIndexOf('/') + 1);
	}

	private static Dataset externalDataset(List<HdfFile> opened, String master, Path masterFile, String file, String target, String from)
			throws BraggInputException {
		Path dir = masterFile.toAbsolutePath().getParent();
		Path p = dir.resolve(baseName(file));
		if (!Files.isRegularFile(p))
			throw new BraggInputException(master + ": data file " + p.getFileName() + " (linked from " + from + ") is missing in " + dir);
		HdfFile h = null;
		for (HdfFile o : opened) if (o.getFileAsPath().toAbsolutePath().equals(p.toAbsolutePath())) h = o;
		if (h == null) {
			h = Nexus.openHdf(p);
			opened.add(h);
		}
		String path = target.startsWith("/") ? target : "/" + target;
		Node t = Hdf.byPath(h, path);
		if (!(t instanceof Dataset td))
			throw new BraggInputException(master + ": data file " + p.getFileName() + " has no dataset " + path + " (linked from " + from + ")");
		return td;
	}

	private static int add(List<Part> parts, int[] shape, String master, Dataset d, String where, int first) throws BraggInputException {
		int[] dims = d.getDimensions();
		if (dims.length < 2) return first; // e.g. per-frame angle arrays stored in NXdata
		if (dims.length > 3) throw new BraggInputException(master + ": " + where + " has " + dims.length + " dimensions; expected (frames, slow, fast)");
		int count = dims.length == 2 ? 1 : dims[0];
		checkShape(shape, master, where, dims[dims.length - 2], dims[dims.length - 1]);
		parts.add(new Part(d, where, first, count, dims.length, 0));
		return first + count;
	}

	private static void checkShape(int[] shape, String master, String where, int fy, int fx) throws BraggInputException {
		if (shape[0] < 0) {
			shape[0] = fy;
			shape[1] = fx;
		} else if (shape[0] != fy || shape[1] != fx) {
			throw new BraggInputException(master + ": " + where + " frames are " + fx + "×" + fy + " px, expected " + shape[1] + "×" + shape[0]
					+ " as in the first data set");
		}
	}

	/** Adds the source blocks of a virtual dataset, each mapping frames of a source dataset. */
	private static int addVirtual(List<Part> parts, List<HdfFile> opened, int[] shape, String master, Path masterFile, LowLevelHdf.Virtual v,
			HdfFile self, String from, int first) throws BraggInputException {
		long[] dims = v.dims();
		if (dims.length != 3) throw new BraggInputException(master + ": virtual dataset " + from + " has " + dims.length + " dimensions; expected 3");
		checkShape(shape, master, from, (int) dims[1], (int) dims[2]);
		List<LowLevelHdf.Mapping> maps = new ArrayList<>(v.mappings());
		maps.sort(Comparator.comparingLong(LowLevelHdf.Mapping::virtualStart));
		long next = 0;
		for (LowLevelHdf.Mapping m : maps) {
			if (m.virtualStart() != next)
				throw new BraggInputException(master + ": virtual dataset " + from + " maps no data to frames " + next + "…" + (m.virtualStart() - 1));
			Dataset d;
			String where;
			if (m.file().equals(".")) {
				Node n = Hdf.byPath(self, m.dataset().startsWith("/") ? m.dataset() : "/" + m.dataset());
				if (!(n instanceof Dataset nd)) throw new BraggInputException(master + ": virtual dataset " + from + " maps to the missing " + m.dataset());
				d = nd;
				where = master + ":" + m.dataset();
			} else {
				d = externalDataset(opened, master, masterFile, m.file(), m.dataset(), from);
				where = externalWhere(m.file(), m.dataset());
			}
			int[] sd = d.getDimensions();
			if (sd.length != 3 || sd[1] != dims[1] || sd[2] != dims[2] || m.sourceStart() + m.count() > sd[0])
				throw new BraggInputException(master + ": virtual dataset " + from + " maps frames " + m.sourceStart() + "…"
						+ (m.sourceStart() + m.count() - 1) + " of " + where + ", which has shape " + java.util.Arrays.toString(sd));
			parts.add(new Part(d, where, first + (int) m.virtualStart(), (int) m.count(), 3, (int) m.sourceStart()));
			next = m.virtualStart() + m.count();
		}
		if (next < dims[0]) throw new BraggInputException(master + ": virtual dataset " + from + " maps no data to frames " + next + "…" + (dims[0] - 1));
		return first + (int) dims[0];
	}

	private static List<String> sortedNames(Group g) {
		List<String> names;
		try {
			names = new ArrayList<>(g.getChildren().keySet());
		} catch (HdfException e) {
			return List.of();
		}
		names.sort(Comparator.naturalOrder());
		return names;
	}

	private static Node rawChild(Group g, String name) {
		try {
			Map<String, Node> kids = g.getChildren();
			return kids.get(name);
		} catch (HdfException e) {
			return null;
		}
	}

	/** @return {file in the master's directory, dataset path in that file} */
	private static Object[] resolveExternal(ExternalLink l, Path masterFile) {
		String tp = l.getTargetPath(); // "file:path"
		int colon = tp.lastIndexOf(':');
		String file = colon < 0 ? tp : tp.substring(0, colon);
		String target = colon < 0 ? "/" : tp.substring(colon + 1);
		String base = file.replace('\\', '/');
		base = base.substring(base.lastIndexOf('/') + 1);
		Path dir = masterFile.toAbsolutePath().getParent();
		return new Object[] { dir.resolve(base), target.startsWith("/") ? target : "/" + target };
	}

	/**
	 * Decodes frame {@code index}.
	 *
	 * @return {@code int[]} or {@code double[]} of nSlow·nFast values, row-major
	 * @throws BraggInputException if the frame is beyond the data or its chunk is corrupt
	 */
	public Object readFrame(int index) throws BraggInputException {
		if (index < 0 || index >= frames)
			throw new BraggInputException(master + ": image " + (index + 1) + " requested but the data sets hold " + frames + " frames");
		Part part = null;
		for (Part p : parts) if (index < p.first + p.count) { part = p; break; }
		int i = index - part.first + part.offset;
		try {
			return read(part, i);
		} catch (Bitshuffle.CorruptChunkException e) {
			throw new BraggInputException(part.where + ": frame " + i + " is corrupt (" + e.getMessage() + ")");
		} catch (HdfException e) {
			throw new BraggInputException(part.where + ": cannot read frame " + i + " (" + e.getMessage() + ")", e);
		}
	}

	private Object read(Part part, int i) throws Bitshuffle.CorruptChunkException, BraggInputException {
		Dataset d = part.dataset;
		DataType type = d.getDataType();
		int n = ny * nx;
		if (d instanceof ChunkedDataset cd && onePerFrame(cd.getChunkDimensions(), part.rank)) {
			int[] offset = part.rank == 3 ? new int[] { i, 0, 0 } : new int[] { 0, 0 };
			List<PipelineFilterWithData> filters = d.getFilters();
			if (type instanceof FixedPoint fp && filters.size() == 1 && filters.get(0).getId() == Bitshuffle.FILTER_ID) {
				int[] fd = filters.get(0).getFilterData();
				int size = fp.getSize();
				if (fd.length > 4 && fd[4] == Bitshuffle.COMPRESS_LZ4 && (size == 1 || size == 2 || size == 4)) {
					ByteBuffer raw = rawChunk(cd, offset);
					if (raw != null) {
						int[] out = new int[n];
						Bitshuffle.decodeLz4(raw, size, fp.isSigned(), fp.getByteOrder() == ByteOrder.BIG_ENDIAN, out);
						return out;
					}
				}
			}
			byte[] bytes;
			try {
				bytes = filters.isEmpty() ? toArray(rawChunk(cd, offset)) : cd.getDecompressedChunk(offset);
			} catch (HdfException e) {
				bytes = null; // e.g. a chunk never written: fall back to jHDF's slicing with fill values
			}
			if (bytes != null) return convert(bytes, type, n, part.where);
		}
		long[] off = part.rank == 3 ? new long[] { i, 0, 0 } : new long[] { 0, 0 };
		int[] shape = part.rank == 3 ? new int[] { 1, ny, nx } : new int[] { ny, nx };
		Object data = d.getData(off, shape);
		return flatten(data, type instanceof FloatingPoint, n, part.where);
	}

	private boolean onePerFrame(int[] chunk, int rank) {
		return rank == 3 ? chunk.length == 3 && chunk[0] == 1 && chunk[1] == ny && chunk[2] == nx
				: chunk.length == 2 && chunk[0] == ny && chunk[1] == nx;
	}

	private static ByteBuffer rawChunk(ChunkedDataset cd, int[] offset) {
		try {
			return cd.getRawChunkBuffer(offset);
		} catch (HdfException e) {
			return null;
		}
	}

	private static byte[] toArray(ByteBuffer b) {
		if (b == null) return null;
		byte[] a = new byte[b.remaining()];
		b.duplicate().get(a);
		return a;
	}

	private static Object convert(byte[] bytes, DataType type, int n, String where) throws BraggInputException {
		int size = type.getSize();
		if ((long) n * size != bytes.length)
			throw new BraggInputException(where + ": decoded chunk has " + bytes.length + " bytes, expected " + (long) n * size);
		if (type instanceof FixedPoint fp) {
			ByteBuffer b = ByteBuffer.wrap(bytes).order(fp.getByteOrder());
			int[] out = new int[n];
			boolean s = fp.isSigned();
			switch (size) {
			case 1 -> { for (int k = 0; k < n; k++) out[k] = s ? bytes[k] : bytes[k] & 0xff; }
			case 2 -> { for (int k = 0; k < n; k++) { short v = b.getShort(2 * k); out[k] = s ? v : v & 0xffff; } }
			case 4 -> b.asIntBuffer().get(out);
			case 8 -> { for (int k = 0; k < n; k++) out[k] = (int) b.getLong(8 * k); }
			default -> throw new BraggInputException(where + ": integer pixels of " + size + " bytes are not supported");
			}
			return out;
		}
		if (type instanceof FloatingPoint fl) {
			ByteBuffer b = ByteBuffer.wrap(bytes).order(fl.getByteOrder());
			double[] out = new double[n];
			if (size == 4) for (int k = 0; k < n; k++) out[k] = b.getFloat(4 * k);
			else if (size == 8) b.asDoubleBuffer().get(out);
			else throw new BraggInputException(where + ": floating-point pixels of " + size + " bytes are not supported");
			return out;
		}
		throw new BraggInputException(where + ": pixel type " + type.getClass().getSimpleName() + " is not numeric");
	}

	private static Object flatten(Object data, boolean floating, int n, String where) throws BraggInputException {
		if (floating) {
			double[] out = new double[n];
			int[] k = { 0 };
			walk(data, v -> out[k[0]++] = v.doubleValue(), n, where);
			return out;
		}
		int[] out = new int[n];
		int[] k = { 0 };
		walk(data, v -> out[k[0]++] = v.intValue(), n, where);
		return out;
	}

	private static void walk(Object o, java.util.function.Consumer<Number> sink, int n, String where) throws BraggInputException {
		if (o instanceof int[] a) for (int v : a) sink.accept(v);
		else if (o instanceof long[] a) for (long v : a) sink.accept((int) v);
		else if (o instanceof short[] a) for (short v : a) sink.accept(v);
		else if (o instanceof byte[] a) for (byte v : a) sink.accept(v);
		else if (o instanceof float[] a) for (float v : a) sink.accept(v);
		else if (o instanceof double[] a) for (double v : a) sink.accept(v);
		else if (o != null && o.getClass().isArray()) for (int i = 0; i < Array.getLength(o); i++) walk(Array.get(o, i), sink, n, where);
		else throw new BraggInputException(where + ": unexpected pixel data " + (o == null ? "null" : o.getClass().getSimpleName()));
	}

	@Override
	public void close() {
		for (HdfFile h : opened) {
			try {
				h.close();
			} catch (RuntimeException e) {
				// closing a read-only file cannot lose data
			}
		}
	}
}
