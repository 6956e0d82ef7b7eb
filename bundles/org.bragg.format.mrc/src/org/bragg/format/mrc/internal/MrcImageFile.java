package org.bragg.format.mrc.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.bragg.format.ImageFile;
import org.bragg.format.ImageFiles;
import org.bragg.format.PanelData;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Goniometer;
import org.bragg.model.Scan;

/**
 * An opened MRC stack: one frame per section, read on demand (plain files by position, .bz2/.gz
 * files by decompressing the whole file once per read). Integer modes (0 int8, 1 int16, 6 uint16)
 * give {@code int[]}, float modes (2 float32, 12 float16) {@code double[]}; pixel (x, y) at
 * {@code y·NX + x}. Thread-safe.
 *
 * @since 0.1
 */
public final class MrcImageFile implements ImageFile {
	private final Path path;
	private final String formatName;
	private final MrcHeader h;
	private final Beam beam;
	private final Detector detector;
	private final Goniometer goniometer;
	private final Scan scan;

	public MrcImageFile(Path path, String formatName, MrcHeader h, Beam beam, Detector detector, Goniometer goniometer, Scan scan) {
		this.path = path;
		this.formatName = formatName;
		this.h = h;
		this.beam = beam;
		this.detector = detector;
		this.goniometer = goniometer;
		this.scan = scan;
	}

	@Override public Path path() { return path; }
	@Override public String formatName() { return formatName; }
	@Override public int numImages() { return h.nz; }

	private void check(int i) {
		if (i < 0 || i >= h.nz) throw new IndexOutOfBoundsException(h.file + " holds images 0…" + (h.nz - 1) + "; index " + i + " requested");
	}

	@Override public Beam beam(int index) { check(index); return beam; }
	@Override public Detector detector(int index) { check(index); return detector; }
	@Override public Goniometer goniometer(int index) { check(index); return goniometer; }

	@Override
	public Scan scan(int index) {
		check(index);
		return scan.numImages() == 1 ? scan : scan.slice(scan.firstImage() + index, scan.firstImage() + index);
	}

	@Override
	public PanelData[] read(int index) throws BraggInputException {
		check(index);
		long off = h.dataOffset() + index * h.frameBytes();
		int len = (int) h.frameBytes();
		ByteBuffer b;
		if (ImageFiles.isCompressed(path)) {
			byte[] all = ImageFiles.readAll(path);
			if (all.length < off + len) throw truncated(all.length);
			b = ByteBuffer.wrap(all, (int) off, len).slice();
		} else {
			b = ByteBuffer.allocate(len);
			try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
				long size = ch.size();
				if (size < off + len) throw truncated(size);
				while (b.hasRemaining()) if (ch.read(b, off + b.position()) < 0) throw truncated(size);
			} catch (IOException e) {
				throw new BraggInputException(h.file + ": cannot read frame " + index + " (" + e.getMessage() + ")", e);
			}
			b.flip();
		}
		b.order(h.order);
		int n = h.nx * h.ny;
		PanelData p = switch (h.mode) {
		case 0 -> { int[] v = new int[n]; for (int i = 0; i < n; i++) v[i] = b.get(i); yield PanelData.ofInts(h.nx, h.ny, v); }
		case 1 -> { int[] v = new int[n]; for (int i = 0; i < n; i++) v[i] = b.getShort(2 * i); yield PanelData.ofInts(h.nx, h.ny, v); }
		case 6 -> { int[] v = new int[n]; for (int i = 0; i < n; i++) v[i] = b.getShort(2 * i) & 0xffff; yield PanelData.ofInts(h.nx, h.ny, v); }
		case 2 -> { double[] v = new double[n]; for (int i = 0; i < n; i++) v[i] = b.getFloat(4 * i); yield PanelData.ofDoubles(h.nx, h.ny, v); }
		case 12 -> { double[] v = new double[n]; for (int i = 0; i < n; i++) v[i] = HalfFloat.toFloat(b.getShort(2 * i) & 0xffff); yield PanelData.ofDoubles(h.nx, h.ny, v); }
		default -> throw new BraggInputException(h.file + ": MRC MODE " + h.mode + " is not supported");
		};
		return new PanelData[] { p };
	}

	private BraggInputException truncated(long size) {
		return new BraggInputException(h.file + ": truncated: NX×NY×NZ = " + h.nx + "×" + h.ny + "×" + h.nz + " MODE " + h.mode + " pixels after "
				+ h.dataOffset() + " header bytes need " + (h.dataOffset() + h.nz * h.frameBytes()) + " bytes, the file has " + size);
	}

	/** @return the parsed header */
	public MrcHeader header() { return h; }

}
