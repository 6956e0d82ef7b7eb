package org.bragg.ui.rlv;

/**
 * Spots mapped to reciprocal space, in flat arrays for fast drawing. Produced by {@link RlvMapper};
 * the arrays are owned by this object and must not be modified by callers.
 *
 * <p>Shapes: {@code xyz} is {@code float[3n]} (Å⁻¹, laboratory frame at φ = 0, or the crystal
 * frame); {@code lattice} is the experiment id of each spot (−1 = unindexed); {@code frame} is the
 * centroid z on the image-number scale ({@code xyzobs.px.value} z, frames); {@code d} is 1/|r| in Å
 * (infinite for r = 0); {@code flags} are the DIALS {@code flags} bits (0 if the table has none).
 *
 * @param xyz reciprocal-lattice points, {@code float[3n]}, Å⁻¹
 * @param lattice experiment id per spot, −1 unindexed
 * @param frame centroid z in frames per spot
 * @param d resolution per spot in Å
 * @param flags DIALS reflection flags per spot
 * @param indexed whether each spot is indexed (flag {@code indexed}, or a non-zero Miller index with id ≥ 0)
 * @param inlier whether each spot was used in refinement and is no centroid outlier
 * @param crystalFrame whether {@code xyz} is in the crystal frame
 * @since 0.1
 */
public record RlvPoints(float[] xyz, int[] lattice, float[] frame, float[] d, long[] flags, boolean[] indexed, boolean[] inlier,
		boolean crystalFrame) {

	/** @throws IllegalArgumentException if the array lengths disagree */
	public RlvPoints {
		int n = lattice.length;
		if (xyz.length != 3 * n || frame.length != n || d.length != n || flags.length != n || indexed.length != n || inlier.length != n)
			throw new IllegalArgumentException("RlvPoints: inconsistent array lengths for " + n + " points");
	}

	/** @return the number of points */
	public int size() { return lattice.length; }

	/** @return the largest lattice (experiment) id, or −1 if nothing is indexed */
	public int maxLattice() {
		int m = -1;
		for (int l : lattice) m = Math.max(m, l);
		return m;
	}

	/** @return {min, max} of {@code frame}, or {0, 0} if empty */
	public double[] frameRange() {
		if (size() == 0) return new double[] { 0, 0 };
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (float z : frame) {
			lo = Math.min(lo, z);
			hi = Math.max(hi, z);
		}
		return new double[] { lo, hi };
	}

	/** @return the smallest finite d in Å (the data's resolution limit), or +∞ if none */
	public double dMin() {
		double m = Double.POSITIVE_INFINITY;
		for (float v : d) if (v < m) m = v;
		return m;
	}

	/** @return the largest |r| in Å⁻¹ over all points (0 if empty) */
	public double maxRadius() {
		double m = 0;
		for (int i = 0; i < size(); i++) {
			double x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
			m = Math.max(m, x * x + y * y + z * z);
		}
		return Math.sqrt(m);
	}
}
