package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bragg.model.Mat3;

/**
 * Assignment of Miller indices to reciprocal lattice points given one setting matrix A = U·B per
 * lattice, as DIALS {@code AssignIndicesGlobal} ({@code simple}) and {@code AssignIndicesLocal}
 * ({@code local}, after XDS; Kabsch 2010, Acta Cryst. D66, 125–132).
 *
 * <p>Inputs: rlps {@code double[3n]} (Å⁻¹, lab frame at φ = 0) and φ {@code double[n]} (radians).
 * Output arrays: Miller indices {@code int[3n]} ((0,0,0) = unindexed) and lattice index per rlp (−1 =
 * unindexed). Stateless.
 */
public final class IndexAssignment {
	private IndexAssignment() {}

	/** Miller indices and lattice ids of one assignment. */
	public record Result(int[] millerIndex, int[] latticeId) {}

	/**
	 * Global assignment: h = round(A⁻¹·r) for each lattice; the lattice whose fractional index is
	 * closest (|h_frac − h| ≤ tolerance, as a vector length) wins; (0,0,0) is never assigned. Where
	 * several rlps of one lattice get the same hkl and their φ differ by less than 45°, only the
	 * closest (smallest |h_frac − h|) keeps it.
	 */
	public static Result simple(double[] rlp, double[] phi, List<Mat3> aMatrices, double tolerance) {
		int n = rlp.length / 3;
		int nl = aMatrices.size();
		int[] hkl = new int[3 * n];
		int[] ids = new int[n];
		Arrays.fill(ids, -1);
		double[][] lsq = new double[nl][n];
		int[][] hInt = new int[nl][3 * n];
		for (int l = 0; l < nl; l++) {
			double[] inv = aMatrices.get(l).inverse().toArray();
			for (int i = 0; i < n; i++) {
				double x = rlp[3 * i], y = rlp[3 * i + 1], z = rlp[3 * i + 2];
				double d2 = 0;
				for (int r = 0; r < 3; r++) {
					double f = inv[3 * r] * x + inv[3 * r + 1] * y + inv[3 * r + 2] * z;
					int h = iround(f);
					hInt[l][3 * i + r] = h;
					d2 += (f - h) * (f - h);
				}
				lsq[l][i] = d2;
			}
		}
		double tol2 = tolerance * tolerance;
		Map<Long, List<Integer>> byHkl = new HashMap<>();
		for (int i = 0; i < n; i++) {
			int best = 0;
			for (int l = 1; l < nl; l++) if (lsq[l][i] < lsq[best][i]) best = l;
			if (nl == 0 || lsq[best][i] > tol2) continue;
			int h = hInt[best][3 * i], k = hInt[best][3 * i + 1], m = hInt[best][3 * i + 2];
			if (h == 0 && k == 0 && m == 0) continue;
			hkl[3 * i] = h;
			hkl[3 * i + 1] = k;
			hkl[3 * i + 2] = m;
			ids[i] = best;
			byHkl.computeIfAbsent(key(h, k, m), x -> new ArrayList<>(2)).add(i);
		}
		double pi4 = Math.PI / 4;
		for (List<Integer> same : byHkl.values()) {
			if (same.size() < 2) continue;
			same.sort(null); // rlp order, as the multimap keeps insertion order
			for (int a = 0; a < same.size(); a++) {
				int i = same.get(a);
				for (int b = a + 1; b < same.size(); b++) {
					int j = same.get(b);
					int ci = ids[i], cj = ids[j];
					if (ci != cj || ci == -1) continue;
					if (Math.abs(phi[i] - phi[j]) > pi4) continue;
					if (lsq[cj][j] < lsq[ci][i]) {
						hkl[3 * i] = hkl[3 * i + 1] = hkl[3 * i + 2] = 0;
						ids[i] = -1;
					} else {
						hkl[3 * j] = hkl[3 * j + 1] = hkl[3 * j + 2] = 0;
						ids[j] = -1;
					}
				}
			}
		}
		return new Result(hkl, ids);
	}

	/**
	 * Local assignment: indices propagate over a minimum spanning tree of the {@code nn} nearest
	 * neighbours (in (r, φ) space) with edge weights l = 1 − exp(−2·Σ[(max(|Δh_f − Δh| − ε, 0)/ε)² +
	 * max(|Δh| − δ, 0)²]); the largest subtree joined by edges lighter than {@code lMin} is kept and
	 * its indices are shifted so that its lowest-resolution member has its rounded global index.
	 * Rlps claimed by two lattices are left unindexed.
	 */
	public static Result local(double[] rlp, double[] phi, List<Mat3> aMatrices, double epsilon, int delta, double lMin, int nn) {
		int n = rlp.length / 3;
		int[] hkl = new int[3 * n];
		int[] ids = new int[n];
		Arrays.fill(ids, -1);
		if (n < 2) return new Result(hkl, ids);
		int k = Math.min(nn, n - 1);
		double[] pts4 = new double[4 * n];
		for (int i = 0; i < n; i++) {
			pts4[4 * i] = rlp[3 * i];
			pts4[4 * i + 1] = rlp[3 * i + 1];
			pts4[4 * i + 2] = rlp[3 * i + 2];
			pts4[4 * i + 3] = phi[i];
		}
		KdTree tree = new KdTree(pts4, 4);
		int[][] neigh = new int[n][k];
		double[] d2 = new double[k];
		for (int i = 0; i < n; i++) tree.nearestOfPoint(i, k, neigh[i], d2);
		// symmetric adjacency in CSR form: for every directed pair (i, a) also the reverse
		int[] deg = new int[n];
		for (int i = 0; i < n; i++)
			for (int a = 0; a < k; a++) {
				int j = neigh[i][a];
				if (j < 0) continue;
				deg[i]++;
				deg[j]++;
			}
		int[] start = new int[n + 1];
		for (int i = 0; i < n; i++) start[i + 1] = start[i] + deg[i];
		int[] adj = new int[start[n]];
		int[] fill = start.clone();
		for (int i = 0; i < n; i++)
			for (int a = 0; a < k; a++) {
				int j = neigh[i][a];
				if (j < 0) continue;
				adj[fill[i]++] = j;
				adj[fill[j]++] = i;
			}
		boolean[] conflict = new boolean[n];
		for (int lat = 0; lat < aMatrices.size(); lat++) {
			double[] inv = aMatrices.get(lat).inverse().toArray();
			int[] subtree = new int[n];
			int[][] h = new int[n][3];
			boolean[] inTree = new boolean[n];
			int nextSubtree = 0;
			EdgeHeap heap = new EdgeHeap(64);
			int[] hij = new int[3];
			for (int root = 0; root < n; root++) {
				if (inTree[root]) continue;
				subtree[root] = nextSubtree++;
				inTree[root] = true;
				for (int e = start[root]; e < start[root + 1]; e++) heap.push(weight(rlp, inv, root, adj[e], epsilon, delta, hij), root, adj[e]);
				while (heap.size() > 0) {
					double w = heap.topWeight();
					int from = heap.topFrom(), to = heap.topTo();
					heap.pop();
					if (inTree[to]) continue;
					inTree[to] = true;
					weight(rlp, inv, from, to, epsilon, delta, hij); // h_from − h_to
					for (int r = 0; r < 3; r++) h[to][r] = h[from][r] - hij[r];
					if (w < lMin) subtree[to] = subtree[from];
					else subtree[to] = nextSubtree++;
					for (int e = start[to]; e < start[to + 1]; e++) {
						int nb = adj[e];
						if (!inTree[nb]) heap.push(weight(rlp, inv, to, nb, epsilon, delta, hij), to, nb);
					}
				}
			}
			int[] sizes = new int[nextSubtree];
			for (int i = 0; i < n; i++) sizes[subtree[i]]++;
			int largest = 0;
			for (int s = 1; s < nextSubtree; s++) if (sizes[s] > sizes[largest]) largest = s;
			// offset so that the lowest-resolution member gets its global rounded index
			int ref = -1;
			double refD = -1;
			for (int i = 0; i < n; i++) {
				if (subtree[i] != largest) continue;
				double len = Math.sqrt(rlp[3 * i] * rlp[3 * i] + rlp[3 * i + 1] * rlp[3 * i + 1] + rlp[3 * i + 2] * rlp[3 * i + 2]);
				double d = 1 / len;
				if (d > refD) {
					refD = d;
					ref = i;
				}
			}
			int[] off = new int[3];
			for (int r = 0; r < 3; r++) {
				double f = inv[3 * r] * rlp[3 * ref] + inv[3 * r + 1] * rlp[3 * ref + 1] + inv[3 * r + 2] * rlp[3 * ref + 2];
				off[r] = (int) Math.floor(f + 0.5) - h[ref][r];
			}
			for (int i = 0; i < n; i++) {
				if (subtree[i] != largest || conflict[i]) continue;
				if (ids[i] == -1) {
					ids[i] = lat;
					for (int r = 0; r < 3; r++) hkl[3 * i + r] = h[i][r] + off[r];
				} else {
					conflict[i] = true;
					ids[i] = -1;
					hkl[3 * i] = hkl[3 * i + 1] = hkl[3 * i + 2] = 0;
				}
			}
		}
		for (int i = 0; i < n; i++) if (ids[i] >= 0 && hkl[3 * i] == 0 && hkl[3 * i + 1] == 0 && hkl[3 * i + 2] == 0) ids[i] = -1;
		return new Result(hkl, ids);
	}

	/**
	 * Edge weight l_ij = 1 − exp(−2·Σ[(max(|Δh_f − Δh| − ε, 0)/ε)² + max(|Δh| − δ, 0)²]) for
	 * Δh_f = A⁻¹·(r_i − r_j); the rounded Δh = h_i − h_j goes to {@code hij}.
	 */
	private static double weight(double[] rlp, double[] inv, int i, int j, double epsilon, int delta, int[] hij) {
		double dx = rlp[3 * i] - rlp[3 * j], dy = rlp[3 * i + 1] - rlp[3 * j + 1], dz = rlp[3 * i + 2] - rlp[3 * j + 2];
		double exponent = 0;
		for (int r = 0; r < 3; r++) {
			double f = inv[3 * r] * dx + inv[3 * r + 1] * dy + inv[3 * r + 2] * dz;
			int hh = (int) Math.floor(f + 0.5);
			hij[r] = hh;
			double e1 = Math.max(Math.abs(f - hh) - epsilon, 0) / epsilon;
			double e2 = Math.max(Math.abs(hh) - delta, 0);
			exponent += e1 * e1 + e2 * e2;
		}
		return 1 - Math.exp(-2 * exponent);
	}

	/** A binary min-heap of (weight, from, to) in primitive arrays. */
	private static final class EdgeHeap {
		private double[] w;
		private int[] from, to;
		private int size;

		EdgeHeap(int cap) {
			w = new double[cap];
			from = new int[cap];
			to = new int[cap];
		}

		int size() { return size; }
		double topWeight() { return w[0]; }
		int topFrom() { return from[0]; }
		int topTo() { return to[0]; }

		void push(double weight, int f, int t) {
			if (size == w.length) {
				w = java.util.Arrays.copyOf(w, 2 * size);
				from = java.util.Arrays.copyOf(from, 2 * size);
				to = java.util.Arrays.copyOf(to, 2 * size);
			}
			int i = size++;
			while (i > 0) {
				int p = (i - 1) >>> 1;
				if (w[p] <= weight) break;
				w[i] = w[p];
				from[i] = from[p];
				to[i] = to[p];
				i = p;
			}
			w[i] = weight;
			from[i] = f;
			to[i] = t;
		}

		void pop() {
			size--;
			if (size == 0) return;
			double lw = w[size];
			int lf = from[size], lt = to[size];
			int i = 0;
			while (true) {
				int c = 2 * i + 1;
				if (c >= size) break;
				if (c + 1 < size && w[c + 1] < w[c]) c++;
				if (w[c] >= lw) break;
				w[i] = w[c];
				from[i] = from[c];
				to[i] = to[c];
				i = c;
			}
			w[i] = lw;
			from[i] = lf;
			to[i] = lt;
		}
	}

	private static long key(int h, int k, int l) {
		return ((long) (h & 0x1fffff) << 42) | ((long) (k & 0x1fffff) << 21) | (l & 0x1fffff);
	}

	/** Rounds half away from zero (scitbx {@code iround}). */
	static int iround(double x) { return x < 0 ? (int) (x - 0.5) : (int) (x + 0.5); }
}
