package org.bragg.indexing.internal;

/**
 * A static k-d tree over n points of dimension d for exact k-nearest-neighbour queries, as the ANN
 * library that DIALS uses (built with self-matches disallowed: a point is never its own neighbour).
 *
 * <p>Layout: points are {@code double[n·d]}, point i at {@code [d·i, d·i + d)}; the array is not
 * copied and must not change while the tree is used. Distances are squared Euclidean. Queries
 * are thread-safe (each call allocates its own work arrays).
 */
public final class KdTree {
	private static final int LEAF = 8;
	private final double[] pts;
	private final int dim;
	private final int[] idx;
	private final int n;
	// node arrays (implicit tree built over idx ranges)
	private int[] nodeLo, nodeHi, nodeSplitDim, nodeLeft, nodeRight;
	private double[] nodeSplit;
	private int nodes;

	public KdTree(double[] points, int dim) {
		this.pts = points;
		this.dim = dim;
		this.n = points.length / dim;
		this.idx = new int[n];
		for (int i = 0; i < n; i++) idx[i] = i;
		int cap = Math.max(1, 2 * (n / LEAF + 1) + 1);
		nodeLo = new int[cap];
		nodeHi = new int[cap];
		nodeSplitDim = new int[cap];
		nodeLeft = new int[cap];
		nodeRight = new int[cap];
		nodeSplit = new double[cap];
		if (n > 0) build(0, n);
	}

	public int size() { return n; }

	private int newNode() {
		if (nodes == nodeLo.length) {
			int c = nodes * 2;
			nodeLo = java.util.Arrays.copyOf(nodeLo, c);
			nodeHi = java.util.Arrays.copyOf(nodeHi, c);
			nodeSplitDim = java.util.Arrays.copyOf(nodeSplitDim, c);
			nodeLeft = java.util.Arrays.copyOf(nodeLeft, c);
			nodeRight = java.util.Arrays.copyOf(nodeRight, c);
			nodeSplit = java.util.Arrays.copyOf(nodeSplit, c);
		}
		return nodes++;
	}

	private int build(int lo, int hi) {
		int node = newNode();
		nodeLo[node] = lo;
		nodeHi[node] = hi;
		nodeLeft[node] = -1;
		nodeRight[node] = -1;
		if (hi - lo <= LEAF) return node;
		// split on the dimension of largest spread, at the median
		int best = 0;
		double bestSpread = -1;
		for (int k = 0; k < dim; k++) {
			double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
			for (int i = lo; i < hi; i++) {
				double v = pts[idx[i] * dim + k];
				if (v < mn) mn = v;
				if (v > mx) mx = v;
			}
			if (mx - mn > bestSpread) {
				bestSpread = mx - mn;
				best = k;
			}
		}
		int mid = (lo + hi) >>> 1;
		select(lo, hi - 1, mid, best);
		nodeSplitDim[node] = best;
		nodeSplit[node] = pts[idx[mid] * dim + best];
		int l = build(lo, mid);
		int r = build(mid, hi);
		nodeLeft[node] = l;
		nodeRight[node] = r;
		return node;
	}

	/** Quickselect on idx[lo..hi] so that idx[k] has the k-th smallest coordinate d. */
	private void select(int lo, int hi, int k, int d) {
		while (hi > lo) {
			double pivot = pts[idx[(lo + hi) >>> 1] * dim + d];
			int i = lo, j = hi;
			while (i <= j) {
				while (pts[idx[i] * dim + d] < pivot) i++;
				while (pts[idx[j] * dim + d] > pivot) j--;
				if (i <= j) {
					int t = idx[i];
					idx[i] = idx[j];
					idx[j] = t;
					i++;
					j--;
				}
			}
			if (k <= j) hi = j;
			else if (k >= i) lo = i;
			else return;
		}
	}

	/**
	 * The k nearest neighbours of point {@code self} of the tree (excluding itself).
	 *
	 * @param outIdx receives k indices sorted by increasing distance (−1 if fewer points exist)
	 * @param outDist2 receives the squared distances (+∞ where missing)
	 */
	public void nearestOfPoint(int self, int k, int[] outIdx, double[] outDist2) {
		double[] q = new double[dim];
		System.arraycopy(pts, self * dim, q, 0, dim);
		query(q, k, self, outIdx, outDist2);
	}

	/**
	 * The k nearest tree points to {@code q}, skipping tree point {@code exclude} (−1 for none).
	 */
	public void query(double[] q, int k, int exclude, int[] outIdx, double[] outDist2) {
		java.util.Arrays.fill(outIdx, 0, k, -1);
		java.util.Arrays.fill(outDist2, 0, k, Double.POSITIVE_INFINITY);
		if (n == 0) return;
		search(0, q, k, exclude, outIdx, outDist2);
	}

	private void search(int node, double[] q, int k, int exclude, int[] outIdx, double[] outDist2) {
		if (nodeLeft[node] < 0) {
			for (int i = nodeLo[node]; i < nodeHi[node]; i++) {
				int p = idx[i];
				if (p == exclude) continue;
				double d2 = 0;
				int o = p * dim;
				for (int j = 0; j < dim; j++) {
					double t = pts[o + j] - q[j];
					d2 += t * t;
				}
				if (d2 < outDist2[k - 1]) insert(p, d2, k, outIdx, outDist2);
			}
			return;
		}
		int sd = nodeSplitDim[node];
		double diff = q[sd] - nodeSplit[node];
		int first = diff < 0 ? nodeLeft[node] : nodeRight[node];
		int second = diff < 0 ? nodeRight[node] : nodeLeft[node];
		search(first, q, k, exclude, outIdx, outDist2);
		if (diff * diff < outDist2[k - 1]) search(second, q, k, exclude, outIdx, outDist2);
	}

	private static void insert(int p, double d2, int k, int[] outIdx, double[] outDist2) {
		int i = k - 1;
		while (i > 0 && outDist2[i - 1] > d2) {
			outDist2[i] = outDist2[i - 1];
			outIdx[i] = outIdx[i - 1];
			i--;
		}
		outDist2[i] = d2;
		outIdx[i] = p;
	}
}
