package org.bragg.format.nexus.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.GlobalHeap;
import io.jhdf.GroupSymbolTableNode;
import io.jhdf.HdfFile;
import io.jhdf.LocalHeap;
import io.jhdf.ObjectHeader;
import io.jhdf.SymbolTableEntry;
import io.jhdf.btree.BTreeV1;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.LinkMessage;
import io.jhdf.object.message.SymbolTableMessage;
import io.jhdf.storage.HdfBackingStorage;

/**
 * The parts of the HDF5 format (HDF5 File Format Specification 3.0) that jHDF 0.13 does not read
 * and Bragg needs for HDF5 virtual datasets (VDS, layout class 3): listing a group's links without
 * loading its children (jHDF fails on the whole group when one child is a VDS), reading a dataset's
 * object header (versions 1 and 2, with continuation blocks) without interpreting its layout, and
 * decoding the VDS mapping from the global heap (source file, source dataset, source and virtual
 * selections). Selections are decoded for "all" and for regular hyperslabs (versions 1–3); point
 * selections and irregular or unlimited hyperslabs are rejected.
 *
 * @since 0.1
 */
public final class LowLevelHdf {
	private LowLevelHdf() {}

	/** A link of a group: a hard link (address ≥ 0), a soft link (path) or an external link (file, path). */
	public record LinkTarget(String name, long address, String softPath, String externalFile, String externalPath) {}

	/**
	 * Lists the links of a group from its object header (old-style symbol table or link messages).
	 *
	 * @throws IllegalStateException for dense link storage (fractal heap), which is not implemented
	 */
	public static Map<String, LinkTarget> links(HdfFile h, long groupAddress) {
		HdfBackingStorage s = h.getHdfBackingStorage();
		ObjectHeader oh = ObjectHeader.readObjectHeader(s, groupAddress);
		Map<String, LinkTarget> out = new LinkedHashMap<>();
		if (oh.hasMessageOfType(SymbolTableMessage.class)) {
			SymbolTableMessage stm = oh.getMessageOfType(SymbolTableMessage.class);
			LocalHeap heap = new LocalHeap(s, stm.getLocalHeapAddress());
			ByteBuffer names = heap.getDataBuffer();
			for (long node : BTreeV1.createGroupBTree(s, stm.getBTreeAddress()).getChildAddresses()) {
				for (SymbolTableEntry e : new GroupSymbolTableNode(s, node).getSymbolTableEntries()) {
					String name = cString(names, e.getLinkNameOffset());
					if (e.getCacheType() == 2) out.put(name, new LinkTarget(name, -1, cString(names, e.getLinkValueOffset()), null, null));
					else out.put(name, new LinkTarget(name, e.getObjectHeaderAddress(), null, null, null));
				}
			}
			return out;
		}
		List<LinkMessage> lms = oh.getMessagesOfType(LinkMessage.class);
		if (lms.isEmpty() && oh.getMessages().stream().anyMatch(m -> m.getClass().getSimpleName().equals("LinkInfoMessage")))
			throw new IllegalStateException("groups with dense link storage are not supported");
		for (LinkMessage lm : lms) {
			String name = lm.getLinkName();
			switch (lm.getLinkType()) {
			case HARD -> out.put(name, new LinkTarget(name, lm.getHardLinkAddress(), null, null, null));
			case SOFT -> out.put(name, new LinkTarget(name, -1, lm.getSoftLink(), null, null));
			case EXTERNAL -> out.put(name, new LinkTarget(name, -1, null, lm.getExternalFile(), lm.getExternalPath()));
			}
		}
		return out;
	}

	private static String cString(ByteBuffer b, int offset) {
		int end = offset;
		while (end < b.limit() && b.get(end) != 0) end++;
		byte[] a = new byte[end - offset];
		b.get(offset, a);
		return new String(a, StandardCharsets.UTF_8);
	}

	/** One block of a VDS mapping: frames [virtualStart, virtualStart + count) come from source frames [sourceStart, …). */
	public record Mapping(String file, String dataset, long sourceStart, long virtualStart, long count) {}

	/** A virtual dataset: its shape, element type and mappings. */
	public record Virtual(long[] dims, DataType type, List<Mapping> mappings) {}

	/** A raw object header message. */
	private record Msg(int type, ByteBuffer data) {}

	/**
	 * Reads a dataset's object header and, if its layout is virtual, its mapping.
	 *
	 * @return the virtual dataset, or null if the layout is not virtual
	 * @throws IllegalStateException if the header or mapping uses a feature not implemented here
	 */
	public static Virtual virtualDataset(HdfFile h, long address) {
		HdfBackingStorage s = h.getHdfBackingStorage();
		List<Msg> msgs = messages(s, address);
		DataSpace space = null;
		DataType type = null;
		ByteBuffer layout = null;
		for (Msg m : msgs) {
			switch (m.type) {
			case 1 -> space = DataSpace.readDataSpace(m.data.duplicate().order(ByteOrder.LITTLE_ENDIAN), s.getSuperblock());
			case 3 -> type = DataType.readDataType(m.data.duplicate().order(ByteOrder.LITTLE_ENDIAN));
			case 8 -> layout = m.data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
			default -> { }
			}
		}
		if (layout == null || space == null || type == null) throw new IllegalStateException("dataset header lacks dataspace, datatype or layout");
		int version = layout.get() & 0xff, cls = layout.get() & 0xff;
		if (cls != 3) return null;
		if (version != 4) throw new IllegalStateException("virtual layout message version " + version);
		long heapAddress = readUnsigned(layout, s.getSizeOfOffsets());
		int index = layout.getInt();
		ByteBuffer b = new GlobalHeap(s, heapAddress).getObjectData(index).order(ByteOrder.LITTLE_ENDIAN);
		int v = b.get() & 0xff;
		if (v != 0) throw new IllegalStateException("VDS global heap block version " + v);
		long n = readUnsigned(b, s.getSizeOfLengths());
		List<Mapping> maps = new ArrayList<>();
		for (long i = 0; i < n; i++) {
			String file = cString(b);
			String dataset = cString(b);
			long[][] src = selection(b);
			long[][] virt = selection(b);
			long[] dims = space.getDimensionsAsLong();
			long vStart = virt == null ? 0 : virt[0][0], vCount = virt == null ? dims[0] : virt[1][0];
			long sStart = src == null ? 0 : src[0][0], sCount = src == null ? vCount : src[1][0];
			if (sCount != vCount) throw new IllegalStateException("VDS mapping " + i + " maps " + sCount + " source frames onto " + vCount);
			maps.add(new Mapping(file, dataset, sStart, vStart, vCount));
		}
		return new Virtual(space.getDimensionsAsLong(), type, maps);
	}

	private static String cString(ByteBuffer b) {
		int start = b.position();
		while (b.get() != 0) { /* skip to the terminator */ }
		byte[] a = new byte[b.position() - start - 1];
		b.get(start, a);
		return new String(a, StandardCharsets.UTF_8);
	}

	/**
	 * Decodes a serialized selection.
	 *
	 * @return {{start of dim 0, …}, {extent of dim 0, …}} of the selected box, or null for "all"
	 */
	private static long[][] selection(ByteBuffer b) {
		int type = b.getInt();
		int version = b.getInt();
		if (type == 3 || type == 0) { // all / none
			if (version == 1) {
				b.getInt(); // reserved
				b.getInt(); // length
			}
			if (type == 0) throw new IllegalStateException("empty VDS selection");
			return null;
		}
		if (type != 2) throw new IllegalStateException("VDS point selections are not supported");
		int rank;
		long[] start, stride, count, block;
		if (version == 1) {
			b.getInt();
			b.getInt();
			rank = b.getInt();
			int blocks = b.getInt();
			if (blocks != 1) throw new IllegalStateException("irregular VDS hyperslab with " + blocks + " blocks");
			long[] s = new long[rank], e = new long[rank];
			for (int d = 0; d < rank; d++) s[d] = b.getInt() & 0xffffffffL;
			for (int d = 0; d < rank; d++) e[d] = b.getInt() & 0xffffffffL;
			long[] ext = new long[rank];
			for (int d = 0; d < rank; d++) ext[d] = e[d] - s[d] + 1;
			return new long[][] { s, ext };
		}
		int flags = b.get() & 0xff;
		int enc;
		if (version == 2) {
			b.getInt(); // length
			rank = b.getInt();
			enc = 8;
		} else if (version == 3) {
			enc = b.get() & 0xff;
			rank = b.getInt();
		} else throw new IllegalStateException("hyperslab selection version " + version);
		if ((flags & 1) == 0) throw new IllegalStateException("irregular VDS hyperslabs are not supported");
		start = new long[rank];
		stride = new long[rank];
		count = new long[rank];
		block = new long[rank];
		for (int d = 0; d < rank; d++) {
			start[d] = readUnsigned(b, enc);
			stride[d] = readUnsigned(b, enc);
			count[d] = readUnsigned(b, enc);
			block[d] = readUnsigned(b, enc);
		}
		long unlimited = enc == 8 ? -1L : (1L << (8 * enc)) - 1;
		long[] ext = new long[rank];
		for (int d = 0; d < rank; d++) {
			if (count[d] == unlimited || block[d] == unlimited) throw new IllegalStateException("unlimited VDS selections are not supported");
			if (count[d] > 1 && stride[d] != block[d]) throw new IllegalStateException("strided VDS hyperslabs are not supported");
			ext[d] = count[d] * block[d];
		}
		return new long[][] { start, ext };
	}

	private static long readUnsigned(ByteBuffer b, int bytes) {
		long v = 0;
		for (int i = 0; i < bytes; i++) v |= (b.get() & 0xffL) << (8 * i);
		return v;
	}

	/** Reads every message of an object header (v1 or v2), following continuation blocks. */
	private static List<Msg> messages(HdfBackingStorage s, long address) {
		List<Msg> out = new ArrayList<>();
		ByteBuffer sig = s.readBufferFromAddress(address, 4);
		boolean v2 = sig.get(0) == 'O' && sig.get(1) == 'H' && sig.get(2) == 'D' && sig.get(3) == 'R';
		List<long[]> blocks = new ArrayList<>();
		if (!v2) {
			ByteBuffer hdr = s.readBufferFromAddress(address, 16).order(ByteOrder.LITTLE_ENDIAN);
			int version = hdr.get(0) & 0xff;
			if (version != 1) throw new IllegalStateException("object header version " + version);
			long size = hdr.getInt(8) & 0xffffffffL;
			blocks.add(new long[] { address + 16, size });
			for (int k = 0; k < blocks.size(); k++) {
				ByteBuffer b = s.readBufferFromAddress(blocks.get(k)[0], (int) blocks.get(k)[1]).order(ByteOrder.LITTLE_ENDIAN);
				while (b.remaining() >= 8) {
					int type = b.getShort() & 0xffff, len = b.getShort() & 0xffff;
					b.get(); // flags
					b.position(b.position() + 3);
					if (len > b.remaining()) break;
					ByteBuffer data = b.slice(b.position(), len).order(ByteOrder.LITTLE_ENDIAN);
					b.position(b.position() + len);
					if (type == 0x10) blocks.add(new long[] { readUnsigned(data, s.getSizeOfOffsets()), readUnsigned(data, s.getSizeOfLengths()) });
					else out.add(new Msg(type, data));
				}
			}
			return out;
		}
		ByteBuffer pre = s.readBufferFromAddress(address, 4 + 1 + 1 + 16 + 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
		pre.position(5);
		int flags = pre.get() & 0xff;
		if ((flags & 0x20) != 0) pre.position(pre.position() + 16);
		if ((flags & 0x10) != 0) pre.position(pre.position() + 4);
		int sizeBytes = 1 << (flags & 3);
		long chunk0 = readUnsigned(pre, sizeBytes);
		boolean order = (flags & 0x04) != 0;
		blocks.add(new long[] { address + pre.position(), chunk0 });
		for (int k = 0; k < blocks.size(); k++) {
			long at = blocks.get(k)[0], len = blocks.get(k)[1];
			ByteBuffer b;
			if (k == 0) b = s.readBufferFromAddress(at, (int) len).order(ByteOrder.LITTLE_ENDIAN);
			else {
				b = s.readBufferFromAddress(at, (int) len).order(ByteOrder.LITTLE_ENDIAN);
				b.position(4); // "OCHK"
				b.limit(b.limit() - 4); // checksum
			}
			int headerLen = 4 + (order ? 2 : 0);
			while (b.remaining() >= headerLen) {
				int type = b.get() & 0xff, mlen = b.getShort() & 0xffff;
				b.get(); // flags
				if (order) b.getShort();
				if (mlen > b.remaining()) break;
				ByteBuffer data = b.slice(b.position(), mlen).order(ByteOrder.LITTLE_ENDIAN);
				b.position(b.position() + mlen);
				if (type == 0x10) blocks.add(new long[] { readUnsigned(data, s.getSizeOfOffsets()), readUnsigned(data, s.getSizeOfLengths()) });
				else if (type != 0) out.add(new Msg(type, data));
			}
		}
		return out;
	}
}
