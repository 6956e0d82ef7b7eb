package org.bragg.export.mtz;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bragg.model.symmetry.SpaceGroup;

/**
 * An in-memory CCP4 MTZ reflection file: header (title, cell, space group, resolution), datasets,
 * columns, reflection data as float32 rows, history and (for unmerged files) batch headers.
 *
 * <p>Data layout: {@code data[row * ncol + col]}, row-major, as stored in the file; missing values are
 * {@code Float.NaN} (the file is written with {@code VALM NAN}). Column types follow the CCP4 codes
 * (H index, J intensity, F amplitude, D anomalous difference, Q standard deviation, G F(±), L σ of G,
 * K I(±), M σ of K, B batch, Y M/ISYM, I integer, R real). Follows the CCP4 MTZ format specification
 * (CCP4 {@code mtzformat.html}, format version MTZ:V1.1).
 *
 * <p>Not thread safe; a mutable builder-like container.
 *
 * @since 0.1
 */
public final class Mtz {
	/** One column: label, CCP4 type code and the id of the dataset it belongs to. @since 0.1 */
	public record Column(String label, char type, int datasetId) {
		public Column {
			Objects.requireNonNull(label, "label");
			if (label.isBlank() || label.contains(" ")) throw new IllegalArgumentException("bad MTZ column label '" + label + "'");
		}
	}

	/**
	 * One dataset (project/crystal/dataset names, cell in Å and degrees, wavelength in Å). Dataset 0 is
	 * the conventional {@code HKL_base} dataset that holds H, K, L.
	 * @since 0.1
	 */
	public record Dataset(int id, String project, String crystal, String dataset, double[] cell, double wavelength) {}

	/**
	 * One batch (image) header: batch number, title, the 29 integers and 156 reals of the CCP4 orientation
	 * block ({@code MTZBAT}), the goniometer axis names ({@code BHCH}) and the dataset id.
	 * See {@link BatchHeaders} for the meaning of the slots.
	 * @since 0.1
	 */
	public record Batch(int number, String title, int[] ints, float[] floats, List<String> axes, int datasetId) {
		public Batch {
			if (ints.length != BatchHeaders.NINTS || floats.length != BatchHeaders.NREALS)
				throw new IllegalArgumentException("batch header needs 29 integers and 156 reals, got " + ints.length + " and " + floats.length);
		}
	}

	private String title = "";
	private double[] cell = { 1, 1, 1, 90, 90, 90 };
	private SpaceGroup spaceGroup = SpaceGroup.p1();
	private final List<Column> columns = new ArrayList<>();
	private final List<Dataset> datasets = new ArrayList<>();
	private final List<Batch> batches = new ArrayList<>();
	private final List<String> history = new ArrayList<>();
	private float[] data = new float[0];
	private int nref;

	public String title() { return title; }
	public Mtz setTitle(String t) { this.title = Objects.requireNonNull(t); return this; }
	/** Global cell: a, b, c in Å, α, β, γ in degrees. */
	public double[] cell() { return cell.clone(); }
	public Mtz setCell(double[] c) {
		if (c.length != 6) throw new IllegalArgumentException("cell needs 6 parameters");
		this.cell = c.clone();
		return this;
	}
	public SpaceGroup spaceGroup() { return spaceGroup; }
	public Mtz setSpaceGroup(SpaceGroup sg) { this.spaceGroup = Objects.requireNonNull(sg); return this; }
	public List<Column> columns() { return columns; }
	public List<Dataset> datasets() { return datasets; }
	public List<Batch> batches() { return batches; }
	/** History lines (at most 30, each at most 80 characters). */
	public List<String> history() { return history; }
	public int numReflections() { return nref; }
	public int numColumns() { return columns.size(); }
	/** The raw data array, {@code data[row * ncol + col]}; not copied. */
	public float[] data() { return data; }

	/** Replaces the data; {@code values.length} must be a multiple of the number of columns. */
	public Mtz setData(float[] values) {
		int nc = columns.size();
		if (nc == 0 || values.length % nc != 0) throw new IllegalArgumentException("data length " + values.length + " is not a multiple of " + nc + " columns");
		this.data = values;
		this.nref = values.length / nc;
		return this;
	}

	/** Index of the column with this label, or -1. */
	public int columnIndex(String label) {
		for (int i = 0; i < columns.size(); i++) if (columns.get(i).label().equals(label)) return i;
		return -1;
	}

	/** A copy of one column's values as doubles. @throws IllegalArgumentException if no such column. */
	public double[] column(String label) {
		int c = columnIndex(label);
		if (c < 0) throw new IllegalArgumentException("no MTZ column " + label);
		int nc = columns.size();
		double[] out = new double[nref];
		for (int i = 0; i < nref; i++) out[i] = data[i * nc + c];
		return out;
	}

	/**
	 * Builds the data array from per-column arrays, in the order of {@link #columns()}.
	 * @param values one array per column, all of the same length (number of reflections)
	 */
	public Mtz setColumns(List<Column> cols, List<double[]> values) {
		if (cols.size() != values.size()) throw new IllegalArgumentException("columns and values differ in number");
		columns.clear();
		columns.addAll(cols);
		int n = values.isEmpty() ? 0 : values.get(0).length;
		float[] d = new float[n * cols.size()];
		for (int c = 0; c < cols.size(); c++) {
			double[] v = values.get(c);
			if (v.length != n) throw new IllegalArgumentException("column " + cols.get(c).label() + " has " + v.length + " values, expected " + n);
			for (int i = 0; i < n; i++) d[i * cols.size() + c] = (float) v[i];
		}
		this.data = d;
		this.nref = n;
		return this;
	}

	/** Resolution range of the H,K,L rows as {1/d²min, 1/d²max} in Å⁻², using the global cell. */
	public double[] resolutionRange() {
		int ih = columnIndex("H"), ik = columnIndex("K"), il = columnIndex("L");
		double lo = Double.POSITIVE_INFINITY, hi = 0;
		if (ih < 0 || ik < 0 || il < 0 || nref == 0) return new double[] { 0, 0 };
		var uc = org.bragg.model.symmetry.UnitCell.of(cell);
		int nc = columns.size();
		for (int i = 0; i < nref; i++) {
			double s = uc.dStarSq(data[i * nc + ih], data[i * nc + ik], data[i * nc + il]);
			if (s == 0) continue;
			lo = Math.min(lo, s);
			hi = Math.max(hi, s);
		}
		return lo == Double.POSITIVE_INFINITY ? new double[] { 0, 0 } : new double[] { lo, hi };
	}
}
