package org.bragg.spotfinding.internal;

import org.bragg.model.reflection.Shoebox;
import org.bragg.model.reflection.ShoeboxMask;

/**
 * Turns a connected component of strong pixels into a spot as DIALS's {@code dials.find_spots} writes
 * it: shoebox, centroid with variance, summed intensity and peak position.
 *
 * <p><b>Shoebox</b> ({@code PixelListShoeboxCreator}): bbox {x0, x1, y0, y1, z0, z1} (upper bounds
 * exclusive, z in frames); data (float) = pixel value and mask = Valid|Foreground (5) at the strong
 * pixels, 0 elsewhere in the box; background = 0. Arrays are z-major, then y, then x.
 *
 * <p><b>Centroid</b> ({@code Shoebox::centroid_valid}, {@code CentroidPoints}): over the strong pixels
 * in raster order, with weights w = the float pixel values and coordinates at pixel centres (index +
 * 0.5, z in frames): W = Σw and Σw² accumulated in float (as DIALS), mean = Σw·c / W + bbox origin;
 * the stored variance ({@code xyzobs.px.variance}) is the squared standard error
 * Σw(c − mean)²·W / (W² − Σw²) / W + 1/12 per axis, or 1/12 when W² ≤ Σw² (a single pixel). A spot on
 * one frame has z = z0 + 0.5 exactly. If W ≤ 0 the centroid is the bbox centre with variance 0.
 *
 * <p><b>Intensity</b> ({@code Summation}): I = Σw over foreground pixels, accumulated in float;
 * var(I) = |I| (no background at this stage).
 *
 * <p><b>Peak</b> ({@code peak_coordinates}): the centre of the first maximum of the shoebox data in
 * raster order (zeros of non-strong pixels included, as DIALS).
 *
 * <p>Stateless.
 */
public final class SpotBuilder {
	private SpotBuilder() {}

	/**
	 * One spot before experiment ids are assigned.
	 *
	 * @param panel      panel index
	 * @param sortKey    DIALS order key of the first pixel (z, y, x)
	 * @param bbox       {x0, x1, y0, y1, z0, z1}
	 * @param xyz        centroid (px, px, frames)
	 * @param xyzVar     centroid variance (px², px², frames²)
	 * @param intensity  summed intensity
	 * @param intensityVariance its variance
	 * @param nSignal    strong pixel count
	 * @param peak       peak pixel centre (px, px, frames)
	 * @param shoebox    the shoebox
	 */
	public record Spot(int panel, long sortKey, int[] bbox, double[] xyz, double[] xyzVar, double intensity, double intensityVariance, int nSignal,
			double[] peak, Shoebox shoebox) {

		/** @return |peak − centroid| in px/frames */
		public double peakCentroidDistance() {
			double dx = peak[0] - xyz[0], dy = peak[1] - xyz[1], dz = peak[2] - xyz[2];
			return Math.sqrt(dx * dx + dy * dy + dz * dz);
		}
	}

	/**
	 * @param c     the component (pixel frames, flat indices and values)
	 * @param panel its panel
	 * @param width the panel width (to split flat indices)
	 * @return the spot
	 */
	public static Spot build(StreamingLabeller.Component c, int panel, int width) {
		int n = c.size;
		int x0 = Integer.MAX_VALUE, x1 = Integer.MIN_VALUE, y0 = Integer.MAX_VALUE, y1 = Integer.MIN_VALUE, z0 = Integer.MAX_VALUE, z1 = Integer.MIN_VALUE;
		for (int p = 0; p < n; p++) {
			int y = c.index[p] / width, x = c.index[p] - y * width, z = c.z[p];
			if (x < x0) x0 = x;
			if (x > x1) x1 = x;
			if (y < y0) y0 = y;
			if (y > y1) y1 = y;
			if (z < z0) z0 = z;
			if (z > z1) z1 = z;
		}
		x1++;
		y1++;
		z1++;
		int nx = x1 - x0, ny = y1 - y0, nz = z1 - z0;
		int size = nx * ny * nz;
		float[] data = new float[size];
		int[] mask = new int[size];
		for (int p = 0; p < n; p++) {
			int y = c.index[p] / width, x = c.index[p] - y * width, z = c.z[p];
			int k = ((z - z0) * ny + (y - y0)) * nx + (x - x0);
			data[k] = (float) c.value[p];
			mask[k] = ShoeboxMask.VALID | ShoeboxMask.FOREGROUND;
		}
		int[] bbox = { x0, x1, y0, y1, z0, z1 };
		double[] xyz = new double[3], var = new double[3];
		centroid(data, mask, nx, ny, nz, bbox, xyz, var);
		// summed intensity over foreground pixels, in float
		float sum = 0f;
		int nSignal = 0;
		for (int k = 0; k < size; k++) {
			if ((mask[k] & ShoeboxMask.FOREGROUND) != 0 && (mask[k] & ShoeboxMask.VALID) != 0) {
				sum += data[k];
				nSignal++;
			}
		}
		double intensity = sum;
		double intensityVariance = Math.abs(sum);
		// peak: first maximum in raster order
		int best = 0;
		for (int k = 1; k < size; k++) if (data[best] < data[k]) best = k;
		int bx = best % nx, by = (best / nx) % ny, bz = best / (nx * ny);
		double[] peak = { (float) x0 + (float) bx + 0.5, (float) y0 + (float) by + 0.5, (float) z0 + (float) bz + 0.5 };
		Shoebox sb = new Shoebox(panel, bbox.clone(), data, mask, new float[size]);
		return new Spot(panel, c.firstKey, bbox, xyz, var, intensity, intensityVariance, nSignal, peak, sb);
	}

	/**
	 * DIALS {@code Shoebox::centroid_masked(Valid)}.
	 *
	 * @param xyz output centroid. Modified.
	 * @param var output squared standard error + 1/12. Modified.
	 */
	static void centroid(float[] data, int[] mask, int nx, int ny, int nz, int[] bbox, double[] xyz, double[] var) {
		float sumW = 0f, sumW2 = 0f;
		double sx = 0, sy = 0, sz = 0;
		int count = 0;
		for (int k = 0, i = 0; k < nz; k++) {
			for (int j = 0; j < ny; j++) {
				for (int l = 0; l < nx; l++, i++) {
					if ((mask[i] & ShoeboxMask.VALID) == 0) continue;
					float w = data[i];
					sumW += w;
					sumW2 += w * w;
					sx += (double) w * (l + 0.5);
					sy += (double) w * (j + 0.5);
					sz += (double) w * (k + 0.5);
					count++;
				}
			}
		}
		double sw = sumW, sw2 = sumW2;
		if (count == 0 || !(sw > 0)) {
			xyz[0] = (bbox[1] + bbox[0]) / 2.0;
			xyz[1] = (bbox[3] + bbox[2]) / 2.0;
			xyz[2] = (bbox[5] + bbox[4]) / 2.0;
			var[0] = var[1] = var[2] = 0;
			return;
		}
		double mx = sx / sw, my = sy / sw, mz = sz / sw;
		double dx = 0, dy = 0, dz = 0;
		for (int k = 0, i = 0; k < nz; k++) {
			for (int j = 0; j < ny; j++) {
				for (int l = 0; l < nx; l++, i++) {
					if ((mask[i] & ShoeboxMask.VALID) == 0) continue;
					double w = data[i];
					double ex = (l + 0.5) - mx, ey = (j + 0.5) - my, ez = (k + 0.5) - mz;
					dx += w * (ex * ex);
					dy += w * (ey * ey);
					dz += w * (ez * ez);
				}
			}
		}
		xyz[0] = mx + bbox[0];
		xyz[1] = my + bbox[2];
		xyz[2] = mz + bbox[4];
		if (sw * sw > sw2) {
			double denom = sw * sw - sw2;
			var[0] = dx * sw / denom / sw + 1.0 / 12.0;
			var[1] = dy * sw / denom / sw + 1.0 / 12.0;
			var[2] = dz * sw / denom / sw + 1.0 / 12.0;
		} else {
			var[0] = var[1] = var[2] = 1.0 / 12.0;
		}
		if (bbox[5] == bbox[4] + 1) xyz[2] = bbox[4] + 0.5;
	}
}
