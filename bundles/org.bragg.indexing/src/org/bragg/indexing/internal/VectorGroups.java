package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.List;

import org.bragg.model.Vec3;

/**
 * Grouping of nearly equal candidate vectors and the integer-multiple test, as DIALS
 * {@code basis_vector_search.utils} ({@code group_vectors}, {@code is_approximate_integer_multiple}).
 */
public final class VectorGroups {
	private VectorGroups() {}

	/** A group of vectors with their weights; its mean is the centroid of the (sign-aligned) members. */
	public static final class Group {
		public final List<Vec3> vectors = new ArrayList<>();
		public final List<Double> weights = new ArrayList<>();
		private Vec3 mean;

		void add(Vec3 v, double w) {
			vectors.add(v);
			weights.add(w);
			mean = null;
		}

		public Vec3 mean() {
			if (mean == null) {
				double x = 0, y = 0, z = 0;
				for (Vec3 v : vectors) {
					x += v.x();
					y += v.y();
					z += v.z();
				}
				mean = new Vec3(x / vectors.size(), y / vectors.size(), z / vectors.size());
			}
			return mean;
		}

		public double maxWeight() {
			double m = Double.NEGATIVE_INFINITY;
			for (double w : weights) m = Math.max(m, w);
			return m;
		}

		/** @return the member with the largest weight (first on a tie) */
		public Vec3 heaviest() {
			int best = 0;
			for (int i = 1; i < weights.size(); i++) if (weights.get(i) > weights.get(best)) best = i;
			return vectors.get(best);
		}
	}

	/**
	 * Groups vectors whose lengths agree within {@code relLengthTol} and whose directions agree within
	 * {@code angTolDeg} (anti-parallel vectors join negated), in input order.
	 *
	 * @param maxGroups stop once this many groups exist (≤ 0: no limit)
	 */
	public static List<Group> group(List<Vec3> vectors, double[] weights, double relLengthTol, double angTolDeg, int maxGroups) {
		List<Group> groups = new ArrayList<>();
		for (int i = 0; i < vectors.size(); i++) {
			if (maxGroups > 0 && groups.size() == maxGroups) break;
			Vec3 v = vectors.get(i);
			double len = v.length();
			boolean matched = false;
			for (Group g : groups) {
				Vec3 m = g.mean();
				double ml = m.length();
				if (Math.abs(ml - len) / Math.max(ml, len) < relLengthTol) {
					double angle = Math.toDegrees(m.angle(v));
					if (angle < angTolDeg) {
						g.add(v, weights[i]);
						matched = true;
						break;
					} else if (Math.abs(180 - angle) < angTolDeg) {
						g.add(v.negate(), weights[i]);
						matched = true;
						break;
					}
				}
			}
			if (!matched) {
				Group g = new Group();
				g.add(v, weights[i]);
				groups.add(g);
			}
		}
		return groups;
	}

	/**
	 * True if the longer of a, b is (anti-)parallel to the shorter within {@code angTolDeg} and its
	 * length is an integer multiple within {@code relLengthTol}.
	 */
	public static boolean isApproximateIntegerMultiple(Vec3 a, Vec3 b, double relLengthTol, double angTolDeg) {
		double la = a.length(), lb = b.length();
		if (la > lb) {
			Vec3 t = a;
			a = b;
			b = t;
			double tl = la;
			la = lb;
			lb = tl;
		}
		double angle = Math.toDegrees(a.angle(b));
		if (angle < angTolDeg || Math.abs(180 - angle) < angTolDeg) {
			double n = lb / la;
			return Math.abs(Math.round(n) - n) < relLengthTol;
		}
		return false;
	}
}
