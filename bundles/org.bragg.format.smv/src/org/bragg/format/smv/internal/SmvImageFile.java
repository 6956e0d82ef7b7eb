package org.bragg.format.smv.internal;

import java.nio.file.Path;
import java.util.Objects;

import org.bragg.format.ImageFile;
import org.bragg.format.PanelData;
import org.bragg.format.smv.SmvHeader;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Goniometer;
import org.bragg.model.Panel;
import org.bragg.model.Scan;

/**
 * An opened SMV image: models built once from the header, pixels decoded on demand. Each detector
 * panel is cut from the raw {@code SIZE1 × SIZE2} image at the panel's raw image offset, so a
 * multi-panel layout (e.g. the TimePix quad) skips the pixels between panels. Immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class SmvImageFile implements ImageFile {
	private final SmvHeader header;
	private final String formatName;
	private final Beam beam;
	private final Detector detector;
	private final Goniometer goniometer;
	private final Scan scan;
	private final int rawFast;
	private final int rawSlow;

	/**
	 * @param rawFast SIZE1, pixels along fast in the file
	 * @param rawSlow SIZE2, pixels along slow in the file
	 */
	public SmvImageFile(SmvHeader header, String formatName, Beam beam, Detector detector, Goniometer goniometer, Scan scan,
			int rawFast, int rawSlow) {
		this.header = Objects.requireNonNull(header);
		this.formatName = formatName;
		this.beam = beam;
		this.detector = detector;
		this.goniometer = goniometer;
		this.scan = scan;
		this.rawFast = rawFast;
		this.rawSlow = rawSlow;
		for (Panel p : detector.panels()) {
			int[] off = p.rawImageOffset();
			if (off[0] < 0 || off[1] < 0 || off[0] + p.nFast() > rawFast || off[1] + p.nSlow() > rawSlow)
				throw new IllegalArgumentException("panel " + p.name() + " does not fit in the " + rawFast + "×" + rawSlow + " raw image");
		}
	}

	/** @return the parsed header */
	public SmvHeader header() { return header; }

	@Override public Path path() { return header.path(); }
	@Override public String formatName() { return formatName; }
	@Override public Beam beam(int index) { check(index); return beam; }
	@Override public Detector detector(int index) { check(index); return detector; }
	@Override public Goniometer goniometer(int index) { check(index); return goniometer; }
	@Override public Scan scan(int index) { check(index); return scan; }

	private static void check(int index) {
		if (index != 0) throw new IndexOutOfBoundsException("an SMV file holds one image; index " + index + " requested");
	}

	@Override
	public PanelData[] read(int index) throws BraggInputException {
		check(index);
		int[] raw = SmvPixels.readUnsignedShort(header, rawFast, rawSlow);
		PanelData[] out = new PanelData[detector.size()];
		for (int k = 0; k < out.length; k++) {
			Panel p = detector.panel(k);
			int nf = p.nFast(), ns = p.nSlow();
			int[] off = p.rawImageOffset();
			if (off[0] == 0 && off[1] == 0 && nf == rawFast && ns == rawSlow) {
				out[k] = PanelData.ofInts(nf, ns, raw);
				continue;
			}
			int[] v = new int[nf * ns];
			for (int y = 0; y < ns; y++) System.arraycopy(raw, (off[1] + y) * rawFast + off[0], v, y * nf, nf);
			out[k] = PanelData.ofInts(nf, ns, v);
		}
		return out;
	}
}
