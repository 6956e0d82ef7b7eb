package org.bragg.format.nexus.internal;

import java.nio.file.Path;
import java.util.List;

import io.jhdf.HdfFile;

import org.bragg.format.ImageFile;
import org.bragg.format.PanelData;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Goniometer;
import org.bragg.model.Scan;

/**
 * An opened NeXus/HDF5 container: models built once from the master file, frames decoded one at a
 * time from the data sets (see {@link FrameStack}). Image {@code i} (0-based) is scan image i + 1.
 * Thread-safe for reading; {@link #close()} closes the master and every data file.
 *
 * @since 0.1
 */
public final class NexusImageFile implements ImageFile {

	/** Where a detector module's pixels are in each frame: rows [y0, y0 + ny), columns [x0, x0 + nx). */
	public record ModuleSlice(int y0, int x0, int ny, int nx) {}

	private final Path path;
	private final String formatName;
	private final Beam beam;
	private final double[] wavelengths;
	private final Detector detector;
	private final Goniometer goniometer;
	private final Scan scan;
	private final int numImages;
	private final FrameStack frames;
	private final List<ModuleSlice> modules;
	private final boolean[][] staticMask;
	private final int bitDepthReadout;
	private final HdfFile master;

	/**
	 * @param wavelengths per-frame wavelengths in Å, or a single value
	 * @param bitDepthReadout NXdetector {@code bit_depth_readout}, 0 if absent: values 2^b − 1 and
	 *        2^b − 2 (2³¹ − 1 and 2³¹ − 2 for 32 bits) then read as −1 and −2, as dxtbx does
	 */
	public NexusImageFile(Path path, String formatName, Beam beam, double[] wavelengths, Detector detector, Goniometer goniometer, Scan scan,
			int numImages, FrameStack frames, List<ModuleSlice> modules, boolean[][] staticMask, int bitDepthReadout, HdfFile master) {
		this.path = path;
		this.formatName = formatName;
		this.beam = beam;
		this.wavelengths = wavelengths.clone();
		this.detector = detector;
		this.goniometer = goniometer;
		this.scan = scan;
		this.numImages = numImages;
		this.frames = frames;
		this.modules = List.copyOf(modules);
		this.staticMask = staticMask;
		this.bitDepthReadout = bitDepthReadout;
		this.master = master;
	}

	@Override public Path path() { return path; }
	@Override public String formatName() { return formatName; }
	@Override public int numImages() { return numImages; }

	private void check(int index) {
		if (index < 0 || index >= numImages)
			throw new IndexOutOfBoundsException(path.getFileName() + " holds images 0…" + (numImages - 1) + "; index " + index + " requested");
	}

	@Override
	public Beam beam(int index) {
		check(index);
		return wavelengths.length > 1 ? beam.withWavelength(wavelengths[Math.min(index, wavelengths.length - 1)]) : beam;
	}

	@Override public Detector detector(int index) { check(index); return detector; }
	@Override public Goniometer goniometer(int index) { check(index); return goniometer; }

	@Override
	public Scan scan(int index) {
		check(index);
		return scan == null ? null : scan.slice(scan.firstImage() + index, scan.firstImage() + index);
	}

	/** @return the scan of the whole container (image numbers 1…n), or null for stills */
	public Scan fullScan() { return scan; }

	@Override
	public PanelData[] read(int index) throws BraggInputException {
		check(index);
		Object frame = frames.readFrame(index);
		int nx = frames.nFast();
		PanelData[] out = new PanelData[modules.size()];
		for (int k = 0; k < out.length; k++) {
			ModuleSlice m = modules.get(k);
			boolean whole = m.y0 == 0 && m.x0 == 0 && m.nx == nx && m.ny == frames.nSlow();
			if (frame instanceof int[] v) {
				int[] p = whole ? v : new int[m.nx * m.ny];
				if (!whole) for (int y = 0; y < m.ny; y++) System.arraycopy(v, (m.y0 + y) * nx + m.x0, p, y * m.nx, m.nx);
				if (bitDepthReadout > 0) flagSpecialValues(p);
				out[k] = PanelData.ofInts(m.nx, m.ny, p);
			} else {
				double[] v = (double[]) frame;
				double[] p = whole ? v : new double[m.nx * m.ny];
				if (!whole) for (int y = 0; y < m.ny; y++) System.arraycopy(v, (m.y0 + y) * nx + m.x0, p, y * m.nx, m.nx);
				out[k] = PanelData.ofDoubles(m.nx, m.ny, p);
			}
		}
		return out;
	}

	private void flagSpecialValues(int[] p) {
		long top = bitDepthReadout >= 32 ? 1L << 31 : 1L << bitDepthReadout;
		int masked = (int) (top - 1), saturated = (int) (top - 2);
		for (int i = 0; i < p.length; i++) {
			if (p[i] == masked) p[i] = -1;
			else if (p[i] == saturated) p[i] = -2;
		}
	}

	@Override
	public boolean[][] staticMask(int index) {
		check(index);
		if (staticMask == null) return null;
		boolean[][] c = new boolean[staticMask.length][];
		for (int i = 0; i < c.length; i++) c[i] = staticMask[i].clone();
		return c;
	}

	@Override
	public void close() {
		frames.close();
		try {
			master.close();
		} catch (RuntimeException e) {
			// read-only file
		}
	}
}
