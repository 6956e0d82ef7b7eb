package org.bragg.integration.internal;

import org.bragg.model.Detector;
import org.bragg.model.Scan;

/**
 * Positions of the reference profiles of 3D profile fitting, as DIALS's {@code GridSampler} ({@code fitting.grid_method
 * = regular_grid}) and {@code SingleSampler}: a regular 3×3 grid over the panel times {@code num_scan_points} scan
 * blocks of {@code fitting.scan_step} degrees for a single-panel detector; scan blocks only for a multi-panel detector
 * (DIALS falls back to {@code single} there).
 *
 * <p><b>Frames:</b> x, y in panel pixels, z in scan array-index coordinates (the first frame of the scan starts at
 * {@code firstImage − 1}, as {@code xyzcal.px}). Profile index = ix + 3·iy + 9·iz (regular grid) or iz (single).
 * Immutable and thread safe.
 */
public final class ReferenceSampler {
	private final int gx, gy, gz;
	private final int width, height;
	private final int z0, z1;
	private final double stepX, stepY, stepZ;

	/**
	 * @param detector    the detector (one panel: regular 3×3 grid; several: scan blocks only)
	 * @param scan        the rotation scan
	 * @param scanStepDeg the angular size of a scan block ({@code fitting.scan_step}, 5° in DIALS)
	 */
	public ReferenceSampler(Detector detector, Scan scan, double scanStepDeg) {
		if (!(scanStepDeg > 0)) throw new IllegalArgumentException("fitting.scan_step must be > 0, found " + scanStepDeg);
		boolean single = detector.size() > 1;
		gx = single ? 1 : 3;
		gy = single ? 1 : 3;
		width = detector.panel(0).nFast();
		height = detector.panel(0).nSlow();
		double range = scan.numImages() * scan.oscillation()[1];
		gz = Math.max(1, (int) Math.ceil(range / scanStepDeg - 1e-9));
		z0 = scan.firstImage() - 1;
		z1 = z0 + scan.numImages();
		stepX = (double) width / gx;
		stepY = (double) height / gy;
		stepZ = (double) (z1 - z0) / gz;
	}

	/** @return the number of reference profiles */
	public int size() { return gx * gy * gz; }

	/** @return the number of scan blocks */
	public int blocks() { return gz; }

	/** @return the scan block (0 … {@link #blocks()}−1) of profile {@code index} */
	public int block(int index) { return index / (gx * gy); }

	/** @return true for the regular detector grid, false for scan blocks only */
	public boolean isGrid() { return gx > 1; }

	/**
	 * The profile whose cell contains a position (DIALS {@code nearest}).
	 *
	 * @return the index, or −1 where DIALS's sampler rejects the position: z outside the scan, or (regular grid)
	 *         x, y outside the panel or a panel other than 0
	 */
	public int nearest(int panel, double x, double y, double z) {
		if (!(z >= z0 && z < z1)) return -1;
		int ix = 0, iy = 0;
		if (gx > 1) {
			if (panel != 0 || !(x >= 0 && y >= 0 && x < width && y < height)) return -1;
			ix = clamp((int) Math.floor(x / stepX), gx);
			iy = clamp((int) Math.floor(y / stepY), gy);
		}
		int iz = clamp((int) Math.floor((z - z0) / stepZ), gz);
		return ix + gx * (iy + gy * iz);
	}

	/**
	 * The profiles a reference at a position contributes to (DIALS {@code nearest_n}: the nearest and its neighbours in
	 * the 3×3×3 neighbourhood) with the weights exp(−4 ln2 d²), d the distance to each profile's centre in cells.
	 *
	 * @param index   the nearest profile ({@link #nearest})
	 * @param weights receives the weight of each returned profile; length ≥ 27
	 * @return the profile indices (the first {@code n} entries of the array), n = array length
	 */
	public int[] nearestN(int index, double x, double y, double z, double[] weights) {
		int ix = index % gx, iy = (index / gx) % gy, iz = index / (gx * gy);
		int[] tmp = new int[27];
		int n = 0;
		for (int kz = -1; kz <= 1; kz++)
			for (int ky = -1; ky <= 1; ky++)
				for (int kx = -1; kx <= 1; kx++) {
					int a = ix + kx, b = iy + ky, c = iz + kz;
					if (a < 0 || a >= gx || b < 0 || b >= gy || c < 0 || c >= gz) continue;
					int j = a + gx * (b + gy * c);
					double dx = gx > 1 ? ((a + 0.5) * stepX - x) / stepX : 0, dy = gy > 1 ? ((b + 0.5) * stepY - y) / stepY : 0;
					double dz = ((c + 0.5) * stepZ + z0 - z) / stepZ;
					weights[n] = Math.exp(-4.0 * Math.log(2.0) * (dx * dx + dy * dy + dz * dz));
					tmp[n++] = j;
				}
		return java.util.Arrays.copyOf(tmp, n);
	}

	/** @return the centre (x px, y px, z array index) of profile {@code index}; x = y = 0 for scan blocks only */
	public double[] coord(int index) {
		int ix = index % gx, iy = (index / gx) % gy, iz = index / (gx * gy);
		return new double[] { gx > 1 ? (ix + 0.5) * stepX : 0, gy > 1 ? (iy + 0.5) * stepY : 0, (iz + 0.5) * stepZ + z0 };
	}

	/** @return the first array index of scan block {@code b} (may be fractional) */
	public double blockStart(int b) { return z0 + b * stepZ; }

	private static int clamp(int v, int n) { return Math.max(0, Math.min(n - 1, v)); }
}
