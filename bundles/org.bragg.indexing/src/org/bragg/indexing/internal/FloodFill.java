package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Connected regions ("voids") of a binary periodic n×n×n grid, 6-connected with wrap-around, as
 * cctbx {@code masks::flood_fill}: voids are numbered in scan order (i slowest, k fastest), and the
 * centre of mass of each void is the mean of its grid indices followed across the periodic boundary
 * (so a void straddling the edge gets one centre), then moved into (−n, n] and divided by n.
 *
 * <p>Layout: {@code byte[n³]}, element (i, j, k) at {@code (i·n + j)·n + k}, 1 inside and 0 outside.
 * The grid is overwritten (void labels are not kept).
 */
public final class FloodFill {
	/** One connected region: its number of grid points and fractional centre of mass. */
	public record Void(int gridPoints, double[] centreFrac) {}

	private FloodFill() {}

	public static List<Void> run(byte[] grid, int n) {
		List<Void> out = new ArrayList<>();
		int[] stack = new int[3 * 1024];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
				for (int k = 0; k < n; k++) {
					int idx = (i * n + j) * n + k;
					if (grid[idx] != 1) continue;
					grid[idx] = 2;
					int sp = 0;
					stack[sp++] = i;
					stack[sp++] = j;
					stack[sp++] = k;
					long count = 0;
					double sx = 0, sy = 0, sz = 0;
					while (sp > 0) {
						int z = stack[--sp], y = stack[--sp], x = stack[--sp];
						count++;
						sx += x;
						sy += y;
						sz += z;
						for (int axis = 0; axis < 3; axis++) {
							for (int step = 1; step >= -1; step -= 2) {
								int nx = x, ny = y, nz = z;
								if (axis == 0) nx += step;
								else if (axis == 1) ny += step;
								else nz += step;
								int w = (Math.floorMod(nx, n) * n + Math.floorMod(ny, n)) * n + Math.floorMod(nz, n);
								if (grid[w] == 1) {
									grid[w] = 2;
									if (sp + 3 > stack.length) stack = java.util.Arrays.copyOf(stack, stack.length * 2);
									stack[sp++] = nx;
									stack[sp++] = ny;
									stack[sp++] = nz;
								}
							}
						}
					}
					double[] c = { sx / count, sy / count, sz / count };
					for (int a = 0; a < 3; a++) {
						while (c[a] > n) c[a] -= n;
						while (c[a] < -n) c[a] += n;
						c[a] /= n;
					}
					out.add(new Void((int) count, c));
				}
		return out;
	}
}
