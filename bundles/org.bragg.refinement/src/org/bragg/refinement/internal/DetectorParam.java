package org.bragg.refinement.internal;

import java.util.ArrayList;
import java.util.List;

import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Panel;
import org.bragg.model.Vec3;

/**
 * Detector parameterisation as rigid panel groups (DIALS {@code DetectorParameterisationSinglePanel},
 * {@code ...MultiPanel} and {@code ...Hierarchical}). Each group has six parameters: {@code Dist} (mm, along
 * the initial group normal dn), {@code Shift1}, {@code Shift2} (mm, along the initial in-plane axes d1, d2)
 * and {@code Tau1}, {@code Tau2}, {@code Tau3} (mrad, rotations about dn, d1, d2 through the group's
 * rotation centre). With P₀ = Dist·dn and v = P₀ + Shift1·d1 + Shift2·d2, the rotation centre moves to
 * τ321·v − τ32·P₀ + P₀ and the group axes to τ321·(d1, d2), τ321 = τ3·τ2·τ1; member panels keep their
 * offsets and directions in the group frame. The rotation centre is the panel centre for a single
 * panel, the centre of the panel nearest the beam for "multiple", and the projection of the mean panel
 * centre onto the group plane for hierarchy groups. State: the d-matrices (fast | slow | origin, mm) of
 * all panels, 9 elements per panel.
 */
public final class DetectorParam extends ModelParam {

	private static final class Group {
		int[] panels;
		double[] d1, d2, dn, dorg;
		double[][] offsets, dir1s, dir2s;
		double[] gpOffset; // group frame origin in the group basis, relative to dorg (null if no hierarchy node)
		DetectorNode.Group node;
		// composed
		double[] nd1, nd2, ndn, norg;
	}

	private final List<Group> groups;
	private final int nPanels;
	private final double[] val;
	private final double[][] dvdp;

	private DetectorParam(String id, int[] exps, int nPanels, List<Group> groups, boolean prefix, GaussianSmoother sm) {
		super(id, exps, names(groups.size(), prefix), initial(groups), sm);
		this.groups = groups;
		this.nPanels = nPanels;
		val = new double[6 * groups.size()];
		dvdp = new double[val.length][numSamples()];
		compose(0);
	}

	private static final String[] BASE = { "Dist", "Shift1", "Shift2", "Tau1", "Tau2", "Tau3" };

	private static String[] names(int ng, boolean prefix) {
		String[] s = new String[6 * ng];
		for (int g = 0; g < ng; g++)
			for (int i = 0; i < 6; i++) s[6 * g + i] = (prefix ? "Group" + (g + 1) : "") + BASE[i];
		return s;
	}

	private static double[] initial(List<Group> groups) {
		double[] v = new double[6 * groups.size()];
		for (int g = 0; g < groups.size(); g++) {
			Group gr = groups.get(g);
			double dist = V.dot(gr.dorg, gr.dn); // directed distance of the frame through dorg
			v[6 * g] = gr.node != null ? V.dot(vec(gr.node.origin()), gr.dn) : dist;
			double[] shift = V.sub(gr.dorg, V.scale(gr.dn, v[6 * g]));
			v[6 * g + 1] = V.dot(shift, gr.d1);
			v[6 * g + 2] = V.dot(shift, gr.d2);
		}
		return v;
	}

	static double[] vec(Vec3 v) { return v.toArray(); }

	private static Group group(Detector det, int[] panelIds, double[] d1, double[] d2, double[] dorg, DetectorNode.Group node) {
		Group g = new Group();
		g.panels = panelIds;
		g.d1 = V.unit(d1);
		g.dn = V.unit(V.cross(d1, d2));
		g.d2 = V.cross(g.dn, g.d1);
		g.dorg = dorg;
		g.node = node;
		int n = panelIds.length;
		g.offsets = new double[n][];
		g.dir1s = new double[n][];
		g.dir2s = new double[n][];
		for (int i = 0; i < n; i++) {
			Panel p = det.panel(panelIds[i]);
			double[] off = V.sub(vec(p.origin()), dorg);
			g.offsets[i] = basis(off, g);
			g.dir1s[i] = basis(vec(p.fastAxis()), g);
			g.dir2s[i] = basis(vec(p.slowAxis()), g);
		}
		if (node != null) g.gpOffset = basis(V.sub(vec(node.origin()), dorg), g);
		return g;
	}

	private static double[] basis(double[] v, Group g) { return new double[] { V.dot(v, g.d1), V.dot(v, g.d2), V.dot(v, g.dn) }; }

	private static double[] panelCentre(Panel p) {
		double w = p.nFast() * p.pixelSize()[0], h = p.nSlow() * p.pixelSize()[1];
		return V.add(V.add(vec(p.origin()), V.scale(vec(p.fastAxis()), w / 2)), V.scale(vec(p.slowAxis()), h / 2));
	}

	/** One rigid body for a single-panel detector, rotating about the panel centre. */
	public static DetectorParam single(String id, int[] exps, Detector det, GaussianSmoother sm) {
		Panel p = det.panel(0);
		Group g = group(det, new int[] { 0 }, vec(p.fastAxis()), vec(p.slowAxis()), panelCentre(p), null);
		return new DetectorParam(id, exps, det.size(), List.of(g), false, sm);
	}

	/** One rigid body for the whole detector with the frame of the panel nearest the beam. */
	public static DetectorParam multiple(String id, int[] exps, Detector det, Vec3 s0) {
		int best = 0;
		double bestD = Double.POSITIVE_INFINITY;
		for (int i = 0; i < det.size(); i++) {
			Panel p = det.panel(i);
			double[] bc = p.beamCentreMm(s0);
			if (bc == null) continue;
			double d = Math.hypot(bc[0] - p.nFast() * p.pixelSize()[0] / 2, bc[1] - p.nSlow() * p.pixelSize()[1] / 2);
			if (d < bestD) {
				bestD = d;
				best = i;
			}
		}
		Panel mid = det.panel(best);
		int[] all = new int[det.size()];
		for (int i = 0; i < all.length; i++) all[i] = i;
		Group g = group(det, all, vec(mid.fastAxis()), vec(mid.slowAxis()), panelCentre(mid), null);
		return new DetectorParam(id, exps, det.size(), List.of(g), false, null);
	}

	/**
	 * One rigid body per group of the detector hierarchy at {@code level} (0 = the root).
	 *
	 * @throws IllegalArgumentException if the hierarchy is shallower than level
	 */
	public static DetectorParam hierarchical(String id, int[] exps, Detector det, int level) {
		List<DetectorNode> nodes = new ArrayList<>();
		collect(det.hierarchy(), level, nodes);
		List<Group> groups = new ArrayList<>();
		for (DetectorNode node : nodes) {
			List<Integer> ids = new ArrayList<>();
			panelIds(node, ids);
			int[] pids = ids.stream().mapToInt(Integer::intValue).toArray();
			if (node instanceof DetectorNode.Group gn) {
				double[] c = new double[3];
				for (int pid : pids) c = V.add(c, panelCentre(det.panel(pid)));
				c = V.scale(c, 1.0 / pids.length);
				double[] d1 = vec(gn.fastAxis()), d2 = vec(gn.slowAxis()), o = vec(gn.origin());
				double[] dmat = V.cols(d1, d2, o);
				double[] dorg;
				try {
					double[] v = V.mul(RayMath.inverse(dmat), c);
					dorg = V.add(o, V.add(V.scale(d1, v[0] / v[2]), V.scale(d2, v[1] / v[2])));
				} catch (IllegalStateException e) {
					dorg = new double[3];
				}
				groups.add(group(det, pids, d1, d2, dorg, gn));
			} else {
				Panel p = det.panel(pids[0]);
				groups.add(group(det, pids, vec(p.fastAxis()), vec(p.slowAxis()), panelCentre(p), null));
			}
		}
		return new DetectorParam(id, exps, det.size(), groups, true, null);
	}

	private static void collect(DetectorNode n, int depth, List<DetectorNode> out) {
		if (depth == 0 || n instanceof DetectorNode.PanelRef) {
			if (depth != 0) throw new IllegalArgumentException("Cannot access the detector hierarchy at the depth level requested: a panel is found above it");
			out.add(n);
			return;
		}
		for (DetectorNode c : ((DetectorNode.Group) n).children()) collect(c, depth - 1, out);
	}

	private static void panelIds(DetectorNode n, List<Integer> out) {
		if (n instanceof DetectorNode.PanelRef r) out.add(r.panel());
		else for (DetectorNode c : ((DetectorNode.Group) n).children()) panelIds(c, out);
	}

	public int numGroups() { return groups.size(); }

	/** @return the panel indices of group g */
	public int[] groupPanels(int g) { return groups.get(g).panels.clone(); }

	@Override
	protected int maxDerivs() { return 6 * numSamples(); }

	@Override
	public void compose(double t) {
		setValues(t, val, dvdp);
		if (state == null || state.length != 9 * nPanels) state = new double[9 * nPanels];
		beginDerivs(val.length * numSamples(), 9 * nPanels);
		for (int gi = 0; gi < groups.size(); gi++) {
			Group g = groups.get(gi);
			int o = 6 * gi;
			double dist = val[o], s1 = val[o + 1], s2 = val[o + 2];
			double t1 = val[o + 3] / 1000, t2 = val[o + 4] / 1000, t3 = val[o + 5] / 1000;
			double[] T1 = V.rot(g.dn, t1), dT1 = V.drot(g.dn, t1), T2 = V.rot(g.d1, t2), dT2 = V.drot(g.d1, t2), T3 = V.rot(g.d2, t3),
					dT3 = V.drot(g.d2, t3);
			double[] T32 = V.mm(T3, T2), T321 = V.mm(T32, T1);
			double[] p0 = V.scale(g.dn, dist);
			double[] dsv = V.add(V.add(p0, V.scale(g.d1, s1)), V.scale(g.d2, s2));
			double[] dorg = V.add(V.sub(V.mul(T321, dsv), V.mul(T32, p0)), p0);
			double[] d1 = V.unit(V.mul(T321, g.d1));
			double[] d2 = V.unit(V.mul(T321, g.d2));
			double[] dn = V.unit(V.cross(d1, d2));
			d2 = V.cross(dn, d1);
			g.nd1 = d1;
			g.nd2 = d2;
			g.ndn = dn;
			g.norg = dorg;
			// derivatives of dorg, d1, d2 per parameter (unscaled; taus per radian)
			double[][] dOrg = new double[6][], dD1 = new double[6][], dD2 = new double[6][];
			dOrg[0] = V.add(V.sub(V.mul(T321, g.dn), V.mul(T32, g.dn)), g.dn);
			dOrg[1] = V.mul(T321, g.d1);
			dOrg[2] = V.mul(T321, g.d2);
			double[] dT321_1 = V.mm(T32, dT1);
			double[] dT32_2 = V.mm(T3, dT2), dT321_2 = V.mm(dT32_2, T1);
			double[] dT32_3 = V.mm(dT3, T2), dT321_3 = V.mm(dT32_3, T1);
			dOrg[3] = V.mul(dT321_1, dsv);
			dOrg[4] = V.sub(V.mul(dT321_2, dsv), V.mul(dT32_2, p0));
			dOrg[5] = V.sub(V.mul(dT321_3, dsv), V.mul(dT32_3, p0));
			double[] zero = new double[3];
			for (int k = 0; k < 3; k++) {
				dD1[k] = zero;
				dD2[k] = zero;
			}
			dD1[3] = V.mul(dT321_1, g.d1);
			dD1[4] = V.mul(dT321_2, g.d1);
			dD1[5] = V.mul(dT321_3, g.d1);
			dD2[3] = V.mul(dT321_1, g.d2);
			dD2[4] = V.mul(dT321_2, g.d2);
			dD2[5] = V.mul(dT321_3, g.d2);
			// panel states
			for (int i = 0; i < g.panels.length; i++) {
				int p = g.panels[i];
				double[] of = g.offsets[i], a = g.dir1s[i], b = g.dir2s[i];
				double[] org = comb(dorg, d1, d2, dn, of);
				double[] f = comb(zero, d1, d2, dn, a), s = comb(zero, d1, d2, dn, b);
				System.arraycopy(V.cols(f, s, org), 0, state, 9 * p, 9);
			}
			double[] full = new double[9 * nPanels];
			for (int k = 0; k < 6; k++) {
				java.util.Arrays.fill(full, 0);
				double[] ddn = V.add(V.cross(dD1[k], d2), V.cross(d1, dD2[k]));
				double sc = k >= 3 ? 1e-3 : 1;
				for (int i = 0; i < g.panels.length; i++) {
					int p = g.panels[i];
					double[] of = g.offsets[i], a = g.dir1s[i], b = g.dir2s[i];
					double[] dorgP = comb(dOrg[k], dD1[k], dD2[k], ddn, of);
					double[] df = comb(zero, dD1[k], dD2[k], ddn, a), ds = comb(zero, dD1[k], dD2[k], ddn, b);
					double[] m = V.cols(df, ds, dorgP);
					for (int j = 0; j < 9; j++) full[9 * p + j] = m[j] * sc;
				}
				addSetDerivs(o + k, full, dvdp);
			}
		}
	}

	private static double[] comb(double[] base, double[] d1, double[] d2, double[] dn, double[] c) {
		return new double[] { base[0] + c[0] * d1[0] + c[1] * d2[0] + c[2] * dn[0], base[1] + c[0] * d1[1] + c[1] * d2[1] + c[2] * dn[1],
				base[2] + c[0] * d1[2] + c[1] * d2[2] + c[2] * dn[2] };
	}

	/** @return the composed (fast, slow, origin) of panel p as a d-matrix (row-major 9, mm) */
	public double[] panelD(int p) {
		double[] d = new double[9];
		System.arraycopy(state, 9 * p, d, 0, 9);
		return d;
	}

	/**
	 * @return the composed frame of group g's hierarchy node as {fast, slow, origin}, or null if the group has
	 *         no node
	 */
	public double[][] groupFrame(int g) {
		Group gr = groups.get(g);
		if (gr.node == null) return null;
		double[] o = comb(gr.norg, gr.nd1, gr.nd2, gr.ndn, gr.gpOffset);
		double[] f = comb(new double[3], gr.nd1, gr.nd2, gr.ndn, basis(vec(gr.node.fastAxis()), gr));
		double[] s = comb(new double[3], gr.nd1, gr.nd2, gr.ndn, basis(vec(gr.node.slowAxis()), gr));
		return new double[][] { f, s, o };
	}

	/**
	 * The rigid motion of group g: maps an initial lab point x to dorg' + M·(x − dorg).
	 *
	 * @return {M (9), dorg (3), dorg' (3)}
	 */
	public double[][] groupMotion(int g) {
		Group gr = groups.get(g);
		double[] m = V.mm(V.cols(gr.nd1, gr.nd2, gr.ndn), RayMath.transpose(V.cols(gr.d1, gr.d2, gr.dn)));
		return new double[][] { m, gr.dorg.clone(), gr.norg.clone() };
	}
}
