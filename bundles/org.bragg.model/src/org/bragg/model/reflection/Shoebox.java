package org.bragg.model.reflection;

/**
 * The pixels around one reflection, as DIALS's {@code Shoebox<>}: a panel, a bounding box
 * {x0, x1, y0, y1, z0, z1} (px and frames, upper bounds exclusive) and, if present, data, mask and
 * background arrays of nz·ny·nx elements in z-major, then y, then x order. Mask codes are
 * {@link ShoeboxMask}'s. Arrays are null when the shoebox carries no data.
 *
 * @since 0.1
 */
public record Shoebox(int panel, int[] bbox, float[] data, int[] mask, float[] background) {
	public Shoebox {
		if (bbox.length != 6) throw new IllegalArgumentException("bbox needs 6 values");
		if (data != null) {
			int n = (bbox[1] - bbox[0]) * (bbox[3] - bbox[2]) * (bbox[5] - bbox[4]);
			if (data.length != n || mask == null || mask.length != n || background == null || background.length != n)
				throw new IllegalArgumentException("shoebox arrays must have " + n + " elements");
		}
	}

	public int xSize() { return bbox[1] - bbox[0]; }
	public int ySize() { return bbox[3] - bbox[2]; }
	public int zSize() { return bbox[5] - bbox[4]; }
	public boolean hasData() { return data != null; }
	/** @return flat index of (x, y, z) relative to the bbox origin */
	public int index(int x, int y, int z) { return (z * ySize() + y) * xSize() + x; }
}
