package org.bragg.scaling;

import java.util.Arrays;

import org.bragg.export.mtz.ScaledIntensities;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;

/**
 * Unmerged scaled observations mapped to the asymmetric unit and sorted by unique reflection, the input
 * of {@link Merger} and {@link MergingStatistics}.
 *
 * <p>Layout: {@code hkl[3i..3i+2]} is the CCP4 asymmetric-unit index of observation i, {@code plus[i]}
 * is true for an I(+) observation (odd ISYM) or a centric one, {@code intensity}/{@code variance} are the
 * scaled I and σ²(I) ({@link ScaledIntensities}), {@code dStarSq} is 1/d² in Å⁻² from the cell. Observations
 * of one unique reflection are contiguous; {@code groupStart[g]..groupStart[g+1]} delimits group g.
 *
 * @since 0.1
 */
public final class Observations {
	public final SpaceGroup spaceGroup;
	public final UnitCell cell;
	public final int[] hkl;
	public final boolean[] plus;
	public final boolean[] centric;
	public final double[] intensity, variance, dStarSq;
	public final int[] groupStart;
	/** Source rows of each observation in the reflection table it was built from (−1 if synthetic). */
	public final int[] sourceRow;

	/**
	 * @param hklIn   original (unmapped) indices, 3 per observation
	 * @param i       intensities
	 * @param v       variances (&gt; 0)
	 * @param rows    source rows, or null
	 */
	public Observations(SpaceGroup sg, UnitCell cell, int[] hklIn, double[] i, double[] v, int[] rows) {
		this.spaceGroup = sg;
		this.cell = cell;
		int n = i.length;
		int[] asu = new int[3 * n];
		int[] isym = new int[n];
		int[] o = new int[3], is = new int[1], in = new int[3];
		for (int k = 0; k < n; k++) {
			in[0] = hklIn[3 * k]; in[1] = hklIn[3 * k + 1]; in[2] = hklIn[3 * k + 2];
			sg.toAsu(in, o, is);
			asu[3 * k] = o[0]; asu[3 * k + 1] = o[1]; asu[3 * k + 2] = o[2];
			isym[k] = is[0];
		}
		Integer[] order = new Integer[n];
		for (int k = 0; k < n; k++) order[k] = k;
		Arrays.sort(order, (a, b) -> {
			for (int j = 0; j < 3; j++) {
				int c = Integer.compare(asu[3 * a + j], asu[3 * b + j]);
				if (c != 0) return c;
			}
			return Integer.compare(a, b);
		});
		hkl = new int[3 * n];
		plus = new boolean[n];
		centric = new boolean[n];
		intensity = new double[n];
		variance = new double[n];
		dStarSq = new double[n];
		sourceRow = new int[n];
		int[] starts = new int[n + 1];
		int ng = 0;
		for (int k = 0; k < n; k++) {
			int s = order[k];
			System.arraycopy(asu, 3 * s, hkl, 3 * k, 3);
			centric[k] = sg.isCentric(hkl[3 * k], hkl[3 * k + 1], hkl[3 * k + 2]);
			plus[k] = centric[k] || (isym[s] % 2 == 1);
			intensity[k] = i[s];
			variance[k] = v[s];
			dStarSq[k] = cell.dStarSq(hkl[3 * k], hkl[3 * k + 1], hkl[3 * k + 2]);
			sourceRow[k] = rows == null ? -1 : rows[s];
			if (k == 0 || hkl[3 * k] != hkl[3 * k - 3] || hkl[3 * k + 1] != hkl[3 * k - 2] || hkl[3 * k + 2] != hkl[3 * k - 1]) starts[ng++] = k;
		}
		starts[ng] = n;
		groupStart = Arrays.copyOf(starts, ng + 1);
	}

	private Observations(Observations o, int[] keep, int[] starts) {
		spaceGroup = o.spaceGroup;
		cell = o.cell;
		int n = keep.length;
		hkl = new int[3 * n];
		plus = new boolean[n];
		centric = new boolean[n];
		intensity = new double[n];
		variance = new double[n];
		dStarSq = new double[n];
		sourceRow = new int[n];
		for (int j = 0; j < n; j++) {
			int k = keep[j];
			System.arraycopy(o.hkl, 3 * k, hkl, 3 * j, 3);
			plus[j] = o.plus[k];
			centric[j] = o.centric[k];
			intensity[j] = o.intensity[k];
			variance[j] = o.variance[k];
			dStarSq[j] = o.dStarSq[k];
			sourceRow[j] = o.sourceRow[k];
		}
		groupStart = starts;
	}

	/**
	 * The observations with d ≥ {@code dMin} (Å), as the "Suggested" column of {@code dials.scale} uses.
	 * @throws IllegalArgumentException if dMin is not positive
	 */
	public Observations withDMin(double dMin) {
		if (!(dMin > 0)) throw new IllegalArgumentException("d_min must be > 0, got " + dMin);
		double sMax = 1 / (dMin * dMin) * (1 + 1e-12);
		int[] keep = new int[size()], starts = new int[numGroups() + 1];
		int nk = 0, ng = 0;
		for (int g = 0; g < numGroups(); g++) {
			if (dStarSq[groupStart[g]] > sMax) continue;
			starts[ng++] = nk;
			for (int k = groupStart[g]; k < groupStart[g + 1]; k++) keep[nk++] = k;
		}
		starts[ng] = nk;
		return new Observations(this, Arrays.copyOf(keep, nk), Arrays.copyOf(starts, ng + 1));
	}

	/** Number of observations. */
	public int size() { return intensity.length; }
	/** Number of unique reflections. */
	public int numGroups() { return groupStart.length - 1; }

	/**
	 * Builds observations from scaled (or integrated) reflections, with the intensity choice and filters of
	 * {@link ScaledIntensities#select(ReflectionTable)}; the cell is the mean crystal cell and the space group
	 * that of the first crystal.
	 */
	public static Observations fromReflections(ExperimentList experiments, ReflectionTable table) {
		ScaledIntensities si = ScaledIntensities.select(table);
		int[] all = table.get(Columns.MILLER_INDEX);
		int[] h = new int[3 * si.size()];
		for (int k = 0; k < si.size(); k++) System.arraycopy(all, 3 * si.rows()[k], h, 3 * k, 3);
		double[] c = new double[6];
		int n = 0;
		for (var e : experiments) if (e.crystal() != null) { double[] p = e.crystal().unitCellParameters(); for (int j = 0; j < 6; j++) c[j] += p[j]; n++; }
		for (int j = 0; j < 6; j++) c[j] /= n;
		SpaceGroup sg = SpaceGroup.fromHall(experiments.get(0).crystal().spaceGroupHall());
		return new Observations(sg, UnitCell.of(c), h, si.intensity(), si.variance(), si.rows());
	}
}
