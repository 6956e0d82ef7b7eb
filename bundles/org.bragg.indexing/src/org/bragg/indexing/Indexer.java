package org.bragg.indexing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.bragg.indexing.internal.RotationIndexer;
import org.bragg.indexing.internal.StillsIndexer;
import org.bragg.indexing.internal.SymmetryHandler;
import org.bragg.model.BraggInputException;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;

/**
 * Autoindexing of strong spots, as {@code dials.index} (Gildea et al. 2014, Acta Cryst. D70,
 * 2652–2666; Winter et al. 2018, Acta Cryst. D74, 85–97).
 *
 * <p>Rotation data: centroids are mapped to reciprocal space ({@link ReciprocalSpaceMapping}),
 * max_cell is estimated from nearest-neighbour distances, the basis vector search chosen by
 * {@code indexing.method} ({@link BasisVectorSearches}) proposes real-space vectors, triplets of
 * them are Niggli-reduced and scored, and the best lattice goes through macro-cycles of index
 * assignment and refinement (through the {@link IndexingRefiner}) at increasing resolution. With
 * {@code known_symmetry.space_group}/{@code unit_cell} only compatible lattices are accepted and the
 * result is in the given setting and space group. {@code max_lattices} &gt; 1 searches the unindexed
 * spots again.
 *
 * <p>Stills: each frame is indexed on its own (usually with a known cell), and every indexed frame
 * becomes one experiment.
 *
 * <p>Inputs are not modified. Experiment i of the input corresponds to imageset i, i.e. to rows
 * with {@code imageset_id} (or, if absent, {@code id}) = i. Only rows flagged {@code strong} are used
 * if any are.
 *
 * @since 0.1
 */
public final class Indexer {
	private Indexer() {}

	/**
	 * Indexes the strong spots.
	 *
	 * @param experiments imported experiments, one per imageset, without crystals (all sequences or
	 *        all stills)
	 * @param strong strong spots ({@code xyzobs.px.value}/{@code variance}, {@code panel},
	 *        {@code id} or {@code imageset_id}; {@code bbox} is used for the max_cell estimate)
	 * @param refiner the refinement of the macro-cycles
	 * @param log receives the DIALS-style log, one line (or block) per call
	 * @throws IndexingFailedException if no lattice is found; the message says what was tried
	 * @throws BraggInputException if the inputs are inconsistent (mixed stills and sequences,
	 *         unknown space group, missing columns)
	 */
	public static IndexingResult index(ExperimentList experiments, ReflectionTable strong, IndexingParameters params, IndexingRefiner refiner,
			Progress progress, Consumer<String> log) throws BraggInputException {
		if (experiments.isEmpty()) throw new BraggInputException("no experiments to index: the experiment list is empty");
		for (String col : List.of(Columns.XYZOBS_PX_VALUE.name(), Columns.PANEL.name()))
			if (!strong.has(col)) throw new BraggInputException("reflection table: column '" + col + "' expected for indexing, found columns " + strong.columnNames());
		List<String> lines = new ArrayList<>();
		Consumer<String> tee = s -> {
			lines.add(s);
			log.accept(s);
		};
		boolean anyStill = false, anySeq = false;
		for (Experiment e : experiments) {
			if (e.crystal() != null)
				throw new BraggInputException("experiments already have crystal models; indexing with a known orientation is not supported yet (remove the crystals or use bragg refine)");
			if (e.isStill()) anyStill = true;
			else anySeq = true;
		}
		boolean stills = switch (params.stills().indexer()) {
			case STILLS -> true;
			case SEQUENCES -> false;
			case AUTO -> {
				if (anyStill && anySeq) throw new BraggInputException("please provide only stills or only sequences, not both");
				yield anyStill;
			}
		};
		ReflectionTable table = prepare(strong, experiments.size(), params);
		SymmetryHandler sym = symmetry(params);
		IndexingResult r;
		if (stills) {
			r = new StillsIndexer(experiments, table, params, sym, refiner, progress, tee).run();
		} else if (experiments.size() > 1 && !params.jointIndexing()) {
			r = indexSeparately(experiments, table, params, sym, refiner, progress, tee);
		} else {
			r = new RotationIndexer(experiments, table, params, sym, refiner, progress, tee, false).run();
		}
		return new IndexingResult(r.experiments(), r.reflections(), r.maxCell(), r.indexedFraction(), lines);
	}

	/**
	 * Indexes with Bragg's geometry refiner in the macro-cycles.
	 *
	 * @param refinement refinement parameters ({@link #refinementDefaults()} for dials.index's)
	 * @see #index(ExperimentList, ReflectionTable, IndexingParameters, IndexingRefiner, Progress, Consumer)
	 */
	public static IndexingResult index(ExperimentList experiments, ReflectionTable strong, IndexingParameters params,
			org.bragg.refinement.RefinementParameters refinement, Progress progress, Consumer<String> log) throws BraggInputException {
		return index(experiments, strong, params, IndexingRefiner.bragg(refinement), progress, log);
	}

	/** @return dials.index's refinement defaults: dials.refine's with {@code reflections_per_degree=100} */
	public static org.bragg.refinement.RefinementParameters refinementDefaults() {
		org.bragg.refinement.RefinementParameters d = org.bragg.refinement.RefinementParameters.defaults();
		return d.withReflections(d.reflections().withReflectionsPerDegree(java.util.OptionalDouble.of(100)));
	}

	/** Sequences indexed one at a time ({@code joint_indexing=False}); failures are logged and skipped. */
	private static IndexingResult indexSeparately(ExperimentList experiments, ReflectionTable table, IndexingParameters params, SymmetryHandler sym,
			IndexingRefiner refiner, Progress progress, Consumer<String> log) throws IndexingFailedException {
		List<Experiment> outE = new ArrayList<>();
		List<ReflectionTable> outR = new ArrayList<>();
		double[] frac = new double[experiments.size()];
		double maxCell = 0;
		int[] iset = table.get(Columns.IMAGESET_ID);
		for (int s = 0; s < experiments.size(); s++) {
			boolean[] sel = new boolean[table.size()];
			for (int i = 0; i < sel.length; i++) sel[i] = iset[i] == s;
			ReflectionTable sub = table.select(sel);
			sub.put(Columns.IMAGESET_ID, new int[sub.size()]);
			try {
				IndexingResult r = new RotationIndexer(ExperimentList.of(experiments.get(s)), sub, params, sym, refiner, progress, log, false).run();
				int offset = outE.size();
				ReflectionTable rt = r.reflections();
				int[] id = rt.get(Columns.ID);
				for (int i = 0; i < id.length; i++) if (id[i] >= 0) id[i] += offset;
				rt.put(Columns.IMAGESET_ID, filled(rt.size(), s));
				rt.experimentIdentifiers().clear();
				outE.addAll(r.experiments().asList());
				outR.add(rt);
				frac[s] = r.indexedFraction()[0];
				maxCell = Math.max(maxCell, r.maxCell());
			} catch (IndexingFailedException e) {
				log.accept("Sequence " + s + ": " + e.getMessage());
			}
		}
		if (outE.isEmpty()) throw new IndexingFailedException("none of the " + experiments.size() + " sequences could be indexed separately; try joint_indexing=True");
		ReflectionTable all = ReflectionTable.concat(outR);
		for (int e = 0; e < outE.size(); e++) all.experimentIdentifiers().put(e, outE.get(e).identifier());
		return new IndexingResult(new ExperimentList(outE), all, maxCell, frac, List.of());
	}

	private static int[] filled(int n, int v) {
		int[] a = new int[n];
		java.util.Arrays.fill(a, v);
		return a;
	}

	/** Copies the strong rows and adds {@code imageset_id} and {@code flags} as DIALS does. */
	static ReflectionTable prepare(ReflectionTable strong, int nExperiments, IndexingParameters params) throws BraggInputException {
		ReflectionTable t;
		if (strong.has(Columns.FLAGS)) {
			boolean[] sel = strong.selectFlags(ReflectionFlag.STRONG.mask());
			int count = 0;
			for (boolean b : sel) if (b) count++;
			t = count > 0 ? strong.select(sel) : strong.select(allRows(strong.size()));
			if (count == 0) t.setFlags(all(t.size()), ReflectionFlag.STRONG.mask(), true);
		} else {
			t = strong.select(allRows(strong.size()));
			t.setFlags(all(t.size()), ReflectionFlag.STRONG.mask(), true);
		}
		if (!t.has(Columns.IMAGESET_ID)) {
			if (!t.has(Columns.ID)) t.put(Columns.IMAGESET_ID, new int[t.size()]);
			else t.put(Columns.IMAGESET_ID, t.get(Columns.ID).clone());
		}
		int[] iset = t.get(Columns.IMAGESET_ID);
		for (int i = 0; i < iset.length; i++)
			if (iset[i] < 0 || iset[i] >= nExperiments)
				throw new BraggInputException("reflection table: imageset_id " + iset[i] + " of row " + i + " does not match any of the " + nExperiments
						+ " experiment(s)");
		if (!params.imageRange().isEmpty()) {
			double[] px = t.get(Columns.XYZOBS_PX_VALUE);
			boolean[] keep = new boolean[t.size()];
			for (int[] r : params.imageRange())
				for (int i = 0; i < t.size(); i++) {
					double z = px[3 * i + 2];
					if (z >= r[0] - 1 && z < r[1]) keep[i] = true;
				}
			t = t.select(keep);
		}
		t.experimentIdentifiers().clear();
		return t;
	}

	private static boolean[] all(int n) {
		boolean[] b = new boolean[n];
		java.util.Arrays.fill(b, true);
		return b;
	}

	private static int[] allRows(int n) {
		int[] r = new int[n];
		for (int i = 0; i < n; i++) r[i] = i;
		return r;
	}

	/** @throws BraggInputException for an unknown space group or a cell it does not allow */
	static SymmetryHandler symmetry(IndexingParameters p) throws BraggInputException {
		IndexingParameters.KnownSymmetry k = p.knownSymmetry();
		SpaceGroup sg = null;
		UnitCell cell = null;
		if (k.spaceGroup().isPresent()) {
			try {
				sg = SpaceGroup.parse(k.spaceGroup().get());
			} catch (RuntimeException e) {
				throw new BraggInputException("indexing.known_symmetry.space_group: expected a space-group symbol or number, found '" + k.spaceGroup().get()
						+ "' (" + e.getMessage() + ")");
			}
		}
		if (k.unitCell().length == 6) {
			try {
				cell = UnitCell.of(k.unitCell());
			} catch (IllegalArgumentException e) {
				throw new BraggInputException("indexing.known_symmetry.unit_cell: " + e.getMessage());
			}
			if (sg == null) throw new BraggInputException("indexing.known_symmetry.unit_cell needs space_group= as well (e.g. space_group=P1)");
		}
		try {
			return new SymmetryHandler(sg, cell, k.maxDelta(), k.relativeLengthTolerance(), k.absoluteAngleTolerance());
		} catch (RuntimeException e) {
			throw new BraggInputException(String.format(Locale.ROOT, "indexing.known_symmetry: %s", e.getMessage()));
		}
	}
}
