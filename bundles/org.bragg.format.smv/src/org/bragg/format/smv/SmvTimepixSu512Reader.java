package org.bragg.format.smv;

import java.util.ArrayList;
import java.util.List;

import org.bragg.format.ImageFile;
import org.bragg.format.smv.internal.SmvImageFile;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Panel;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Vec3;

/**
 * The Stockholm TimePix quad stored as 512×512 raw pixels of 55 µm, dxtbx
 * {@code FormatSMVTimePix_SU_512x512}: a hierarchical detector of four 254×254-pixel panels.
 *
 * <p><b>Pixel layout.</b> Each 256-pixel row of a chip starts and ends with a pixel three times
 * as wide (165 µm) as the others, so along each axis the raw pixel widths are 3p, 254 × p, 3p | 3p,
 * 254 × p, 3p with p = {@code PIXEL_SIZE}. The wide pixels (raw rows and columns 0, 255, 256 and 511)
 * are left out: panel k holds raw pixels [x0, x0 + 254) × [y0, y0 + 254) with (x0, y0) = (1, 1),
 * (257, 1), (1, 257), (257, 257) for panels 0–3, its {@link Panel#rawImageOffset()}.
 *
 * <p><b>Geometry.</b> {@code BEAM_CENTER_X}/{@code _Y} are raw pixel coordinates along fast/slow;
 * they are turned into mm by summing the pixel widths above (wide pixels count 3p), giving (bx, by).
 * The root group of the hierarchy has fast axis +x, slow axis −y and origin
 * (0, 0, −{@code DISTANCE}) − bx·fast − by·slow, so that the beam (along −z) hits the detector at the
 * beam centre. In the group's frame the panels have fast (1, 0, 0), slow (0, 1, 0) and origins
 * (x, y, 0) with x, y = 0.165 mm for the first chip and 3 × 0.165 + 254·p mm for the second; in the
 * global frame, which is what {@link Panel} stores, their axes are the group's and their origin is
 * group origin + x·group fast + y·group slow. Panels: {@code SENSOR_PAD}, Si, 0.3 mm thick, μ = 0,
 * simple px↔mm mapping, trusted range (−1, 65535), gain 1 (the format's default; pass the
 * measured gain at import), names {@code Panel0}…{@code Panel3}.
 *
 * @since 0.1
 */
public class SmvTimepixSu512Reader extends SmvTimepixSuReader {

	/** Raw pixels per chip along each axis. */
	private static final int CHIP = 256;
	/** Width of the wide edge pixels in mm, as dxtbx fixes it. */
	private static final double WIDE_MM = 0.165;

	/** Creates the reader. */
	public SmvTimepixSu512Reader() {}

	@Override
	public String name() { return "FormatSMVTimePix_SU_512x512"; }

	@Override
	public String parent() { return "FormatSMVTimePix_SU"; }

	@Override
	protected boolean understand(SmvHeader h) {
		try {
			return h.getDouble("PIXEL_SIZE") == 0.055 && "512".equals(h.get("SIZE1")) && "512".equals(h.get("SIZE2"));
		} catch (BraggInputException e) {
			return false;
		}
	}

	@Override
	protected ImageFile open(SmvHeader h) throws BraggInputException {
		return new SmvImageFile(h, name(), beam(h), detector(h), goniometer(), scan(h), 2 * CHIP, 2 * CHIP);
	}

	/** Builds the four-panel hierarchical detector described in the class comment. */
	protected Detector detector(SmvHeader h) throws BraggInputException {
		double p = h.getDouble("PIXEL_SIZE");
		double bx = rawPixelToMm(h.getDouble("BEAM_CENTER_X"), p);
		double by = rawPixelToMm(h.getDouble("BEAM_CENTER_Y"), p);
		double distance = h.getDouble("DISTANCE");
		Vec3 gFast = new Vec3(1, 0, 0), gSlow = new Vec3(0, -1, 0);
		Vec3 gOrigin = new Vec3(0, 0, -distance).minus(gFast.times(bx)).minus(gSlow.times(by));
		int n = CHIP - 2; // 254 narrow pixels per chip and axis
		double second = 3 * WIDE_MM + n * p; // local offset of the second chip, mm
		int[][] offsets = { { 1, 1 }, { CHIP + 1, 1 }, { 1, CHIP + 1 }, { CHIP + 1, CHIP + 1 } };
		double[][] localOrigins = { { WIDE_MM, WIDE_MM }, { second, WIDE_MM }, { WIDE_MM, second }, { second, second } };
		List<Panel> panels = new ArrayList<>();
		List<DetectorNode> children = new ArrayList<>();
		for (int k = 0; k < 4; k++) {
			// local frame: fast (1,0,0), slow (0,1,0), origin (lx, ly, 0) → global
			Vec3 fast = gFast, slow = gSlow;
			Vec3 origin = gOrigin.plus(gFast.times(localOrigins[k][0])).plus(gSlow.times(localOrigins[k][1]));
			panels.add(new Panel("Panel" + k, "SENSOR_PAD", fast, slow, origin, offsets[k], new int[] { n, n }, new double[] { p, p },
					new double[] { -1, 65535 }, 0.3, "Si", 0.0, "", List.of(), 1.0, 0.0, PxMmStrategy.SIMPLE));
			children.add(new DetectorNode.PanelRef(k));
		}
		return new Detector(panels, new DetectorNode.Group("", "", gFast, gSlow, gOrigin, children));
	}

	/**
	 * Converts a raw pixel coordinate along one axis to mm from the outer edge of raw pixel 0, with the
	 * widths 3p, 254 × p, 3p, 3p, 254 × p, 3p of the two chips (coordinates beyond the last pixel
	 * continue with the last pixel's width).
	 */
	static double rawPixelToMm(double px, double p) {
		if (px <= 0) return px * pixelWidth(0, p); // before the first (wide) pixel
		int whole = (int) Math.min(Math.ceil(px) - 1, 2 * CHIP - 1); // index of the pixel holding px
		int wide = 0;
		for (int i = 0; i < whole; i++) if (pixelWidth(i, p) != p) wide++;
		return (3 * wide + (whole - wide)) * p + (px - whole) * pixelWidth(whole, p);
	}

	private static double pixelWidth(int i, double p) {
		int inChip = i % CHIP;
		return inChip == 0 || inChip == CHIP - 1 ? 3 * p : p;
	}
}
