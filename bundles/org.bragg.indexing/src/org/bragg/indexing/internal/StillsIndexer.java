package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.bragg.indexing.IndexingFailedException;
import org.bragg.indexing.IndexingParameters;
import org.bragg.indexing.IndexingRefiner;
import org.bragg.indexing.IndexingResult;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;

/**
 * Frame-by-frame indexing of stills (the serial case, as {@code dials.stills_process} /
 * {@code dials.ssx_index}), in three phases:
 * <ol>
 * <li>each frame with at least {@code stills.min_spots} spots is indexed on its own by the lattice
 * search of {@link RotationIndexer} in stills mode (up to {@code max_refine} = 5 candidates, each
 * refined with beam and detector fixed and re-indexed; the lowest positional RMSD wins, at most
 * twice {@code stills.rmsd_min_px}), kept in its P1 basis;</li>
 * <li>the beam and detector, shared by all frames, are refined jointly with one crystal per indexed
 * frame (Bragg; the header geometry of real stills is often off by a fraction of a mm);</li>
 * <li>each frame is re-indexed with its crystal and the refined geometry, the known symmetry is
 * applied, the crystal is refined again (geometry fixed with {@code stills.fix_geometry}) and the
 * frame is kept if its positional RMSD is at most {@code stills.rmsd_min_px}.</li>
 * </ol>
 * Every indexed frame becomes one experiment; frames that fail are logged and skipped. Frames are
 * processed in parallel; the log keeps frame order.
 */
public final class StillsIndexer {
	private final ExperimentList imported;
	private final ReflectionTable strong;
	private final IndexingParameters p;
	private final SymmetryHandler symmetry;
	private final IndexingRefiner refiner;
	private final IndexingRefiner jointRefiner;
	private final Progress progress;
	private final Consumer<String> log;
	private final int threads;

	public StillsIndexer(ExperimentList imported, ReflectionTable strong, IndexingParameters p, SymmetryHandler symmetry, IndexingRefiner refiner,
			Progress progress, Consumer<String> log) {
		this.imported = imported;
		this.strong = strong;
		this.threads = p.threads();
		this.p = p.withRefinementProtocol(p.refinementProtocol().withNMacroCycles(1)).withNproc(1);
		this.symmetry = symmetry;
		this.refiner = p.stills().fixGeometry() ? refiner.withFixedBeamAndDetector() : refiner;
		this.jointRefiner = refiner.withFixedBeam();
		this.progress = progress;
		this.log = log;
	}

	private record FrameResult(int frame, IndexingResult result, List<String> log, String error, double rmsdPx) {
		FrameResult withEarlier(List<String> earlier) {
			List<String> l = new ArrayList<>(earlier);
			l.addAll(log);
			return new FrameResult(frame, result, l, error, rmsdPx);
		}
	}

	private interface FrameJob {
		FrameResult run(int frame);
	}

	public IndexingResult run() throws IndexingFailedException {
		int n = imported.size();
		int[] iset = strong.get(Columns.IMAGESET_ID);
		int[] counts = new int[n];
		for (int v : iset) counts[v]++;
		int nThreads = Math.max(1, Math.min(this.threads, n));
		progress.begin("indexing stills", 2 * n);
		// phase 1: lattice search per frame, P1, geometry fixed
		FrameResult[] first = parallel(n, nThreads, f -> indexFrame(f, counts[f], null, imported.get(f), true));
		// phases 2 and 3, twice: joint refinement of the shared geometry, then each frame re-indexed
		// with its crystal and the refined geometry, with the known symmetry applied
		List<String> jointLog = new ArrayList<>();
		FrameResult[] results = first;
		for (int round = 0; round < 3; round++) {
			FrameResult[] prev = results;
			Crystal[] jointCrystals = new Crystal[n];
			ExperimentList geometry = refineGeometry(prev, jointLog, jointCrystals);
			FrameResult[] next = parallel(n, nThreads, f -> {
				FrameResult src = prev[f].result() != null ? prev[f] : first[f];
				if (src.result() == null) return first[f];
				Crystal start = jointCrystals[f] != null ? jointCrystals[f] : src.result().experiments().get(0).crystal();
				return indexFrame(f, counts[f], start, geometry.get(f), false);
			});
			results = next;
		}
		for (int f = 0; f < n; f++) results[f] = results[f].withEarlier(first[f].log());
		List<Experiment> outE = new ArrayList<>();
		List<ReflectionTable> outR = new ArrayList<>();
		double[] frac = new double[n];
		double maxCell = 0;
		int indexedFrames = 0;
		List<List<String>> summary = new ArrayList<>();
		for (FrameResult fr : results) {
			for (String line : fr.log()) log.accept(line);
			int frame = fr.frame();
			if (fr.result() == null) {
				log.accept(String.format(Locale.ROOT, "Frame %d: not indexed (%s)", frame, fr.error()));
				ReflectionTable t = frameRows(frame);
				int[] id = new int[t.size()];
				java.util.Arrays.fill(id, -1);
				t.put(Columns.ID, id);
				t.put(Columns.MILLER_INDEX, new int[3 * t.size()]);
				outR.add(t);
				summary.add(List.of(String.valueOf(frame), "0", String.valueOf(counts[frame]), "0.0%", "-"));
				continue;
			}
			IndexingResult r = fr.result();
			indexedFrames++;
			int offset = outE.size();
			ReflectionTable rt = r.reflections();
			int[] id = rt.get(Columns.ID);
			for (int i = 0; i < id.length; i++) if (id[i] >= 0) id[i] += offset;
			int[] is = new int[rt.size()];
			java.util.Arrays.fill(is, frame);
			rt.put(Columns.IMAGESET_ID, is);
			rt.experimentIdentifiers().clear();
			outE.addAll(r.experiments().asList());
			outR.add(rt);
			frac[frame] = r.indexedFraction()[0];
			maxCell = Math.max(maxCell, r.maxCell());
			int nIdx = 0;
			for (long x : rt.get(Columns.FLAGS)) if ((x & ReflectionFlag.INDEXED.mask()) != 0) nIdx++;
			summary.add(List.of(String.valueOf(frame), String.valueOf(nIdx), String.valueOf(rt.size() - nIdx),
					String.format(Locale.ROOT, "%.1f%%", 100.0 * nIdx / rt.size()), String.format(Locale.ROOT, "%.2f", fr.rmsdPx())));
		}
		for (String line : jointLog) log.accept(line);
		log.accept("");
		log.accept("Stills indexed: " + indexedFrames + " of " + n + " frames");
		log.accept(Tabulate.psql(List.of("Imageset", "# indexed", "# unindexed", "% indexed", "rmsd (px)"), summary));
		if (outE.isEmpty()) throw new IndexingFailedException("none of the " + n + " stills could be indexed (" + strong.size() + " spots; method "
				+ p.method() + (symmetry.hasTarget() ? ", known symmetry " + symmetry : ", no known symmetry")
				+ "); give the known unit_cell= and space_group=, try another indexing.method (real_space_grid_search or fft1d), or relax stills.rmsd_min_px");
		// the experiments share the refined beam and detector objects
		ReflectionTable all = ReflectionTable.concat(outR);
		for (int e = 0; e < outE.size(); e++) all.experimentIdentifiers().put(e, outE.get(e).identifier());
		return new IndexingResult(new ExperimentList(shareGeometry(outE)), all, maxCell, frac, List.of());
	}

	/** Makes experiments with equal beams/detectors share one object, as DIALS writes them. */
	private static List<Experiment> shareGeometry(List<Experiment> el) {
		List<Experiment> out = new ArrayList<>();
		List<Detector> ds = new ArrayList<>();
		List<org.bragg.model.Beam> bs = new ArrayList<>();
		for (Experiment e : el) {
			Detector d = ds.stream().filter(x -> sameDetector(x, e.detector())).findFirst().orElse(null);
			if (d == null) ds.add(d = e.detector());
			org.bragg.model.Beam b = bs.stream().filter(x -> x.equals(e.beam())).findFirst().orElse(null);
			if (b == null) bs.add(b = e.beam());
			out.add(e.withDetector(d).withBeam(b));
		}
		return out;
	}

	private static boolean sameDetector(Detector a, Detector b) {
		if (a == b) return true;
		if (a.size() != b.size()) return false;
		for (int i = 0; i < a.size(); i++) {
			var p = a.panel(i);
			var q = b.panel(i);
			if (!p.origin().approxEquals(q.origin(), 1e-9) || !p.fastAxis().approxEquals(q.fastAxis(), 1e-12) || !p.slowAxis().approxEquals(q.slowAxis(), 1e-12))
				return false;
		}
		return true;
	}

	private FrameResult[] parallel(int n, int nThreads, FrameJob job) throws IndexingFailedException {
		FrameResult[] results = new FrameResult[n];
		ExecutorService pool = Executors.newFixedThreadPool(nThreads, r -> {
			Thread t = new Thread(r, "bragg-stills");
			t.setDaemon(true);
			return t;
		});
		try {
			List<Future<?>> fs = new ArrayList<>();
			for (int f = 0; f < n; f++) {
				int frame = f;
				fs.add(pool.submit(() -> {
					results[frame] = job.run(frame);
					progress.worked(1);
				}));
			}
			for (Future<?> fu : fs) fu.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IndexingFailedException("interrupted while indexing stills");
		} catch (java.util.concurrent.ExecutionException e) {
			throw new IllegalStateException("stills indexing failed: " + e.getCause(), e.getCause());
		} finally {
			pool.shutdownNow();
		}
		return results;
	}

	/**
	 * Refines the beam and detector shared by all frames jointly with one crystal per indexed frame;
	 * returns the imported experiments with the refined geometry (unchanged if fewer than 2 frames are
	 * indexed or the refinement fails).
	 */
	private ExperimentList refineGeometry(FrameResult[] first, List<String> out, Crystal[] crystalsOut) {
		List<Experiment> el = new ArrayList<>();
		List<ReflectionTable> tables = new ArrayList<>();
		List<Integer> frames = new ArrayList<>();
		Detector shared = imported.get(0).detector();
		org.bragg.model.Beam beam = imported.get(0).beam();
		for (FrameResult fr : first) {
			if (fr.result() == null) continue;
			Crystal c = fr.result().experiments().get(0).crystal();
			ReflectionTable t = fr.result().reflections();
			t = t.select(t.selectFlags(ReflectionFlag.INDEXED.mask()));
			if (symmetry.hasTarget()) {
				// constrain the cell, so that distortions have to be explained by the geometry
				SymmetryHandler.Applied a = symmetry.apply(c);
				if (a == null) continue;
				c = a.inInputSetting(symmetry.inputSpaceGroup());
				int[] hkl = t.get(Columns.MILLER_INDEX);
				int[] h2 = new int[3];
				for (int i = 0; i < t.size(); i++) {
					a.cbP1ToInput().apply(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2], h2, 0);
					System.arraycopy(h2, 0, hkl, 3 * i, 3);
				}
			}
			Experiment e = imported.get(fr.frame()).withCrystal(c).withDetector(shared).withBeam(beam);
			int[] id = new int[t.size()];
			java.util.Arrays.fill(id, el.size());
			t.put(Columns.ID, id);
			t.experimentIdentifiers().clear();
			el.add(e);
			tables.add(t);
			frames.add(fr.frame());
		}
		if (el.size() < 2) return imported;
		try {
			IndexingRefiner.Outcome o = jointRefiner.refine(new ExperimentList(el), ReflectionTable.concat(tables), out::add);
			Experiment r0 = o.experiments().get(0);
			Experiment i0 = imported.get(frames.get(0));
			Detector.Intersection c0 = i0.detector().beamCentre(i0.beam().s0()), c1 = r0.detector().beamCentre(r0.beam().s0());
			out.add("");
			out.add(String.format(Locale.ROOT, "Joint refinement of the beam and detector against %d indexed frames:", el.size()));
			if (c0 != null && c1 != null)
				out.add(String.format(Locale.ROOT, "  beam centre %.2f, %.2f mm -> %.2f, %.2f mm; distance %.2f -> %.2f mm", c0.xMm(), c0.yMm(), c1.xMm(),
						c1.yMm(), i0.detector().panel(0).distance(), r0.detector().panel(0).distance()));
			for (int k = 0; k < frames.size(); k++) crystalsOut[frames.get(k)] = o.experiments().get(k).crystal();
			List<Experiment> res = new ArrayList<>();
			for (Experiment e : imported) res.add(e.withBeam(r0.beam()).withDetector(r0.detector()));
			return new ExperimentList(res);
		} catch (IndexingFailedException | RuntimeException e) {
			out.add("Joint refinement of the stills geometry failed (" + e.getMessage() + "); keeping the imported geometry");
			return imported;
		}
	}

	private ReflectionTable frameRows(int frame) {
		int[] iset = strong.get(Columns.IMAGESET_ID);
		boolean[] sel = new boolean[strong.size()];
		for (int i = 0; i < sel.length; i++) sel[i] = iset[i] == frame;
		return strong.select(sel);
	}

	private FrameResult indexFrame(int frame, int count, Crystal known, Experiment geometry, boolean searchPhase) {
		List<String> lines = new ArrayList<>();
		if (count < p.stills().minSpots()) return new FrameResult(frame, null, lines, count + " spots < stills.min_spots=" + p.stills().minSpots(), Double.NaN);
		ReflectionTable t = frameRows(frame);
		t.put(Columns.IMAGESET_ID, new int[t.size()]);
		lines.add("");
		lines.add(String.format(Locale.ROOT, searchPhase ? "Frame %d (%d spots)" : "Frame %d: final indexing with the refined geometry", frame, count));
		try {
			IndexingParameters pp = searchPhase ? p : p.withRefinementProtocol(p.refinementProtocol().withNMacroCycles(3));
			RotationIndexer ri = new RotationIndexer(ExperimentList.of(geometry), t, pp, symmetry, refiner, Progress.NONE, lines::add, true);
			if (searchPhase) {
				ri.setDeferSymmetry(true);
				ri.setCandidateRmsdLimitPx(2 * p.stills().rmsdMinPx());
			} else {
				ri.setKnownCrystal(known);
				double maxCell = symmetry.primitiveCell() != null ? 1.3 * java.util.Arrays.stream(symmetry.primitiveCell().parameters()).limit(3).max().orElse(100) : 100;
				ri.setStartDMin(5 * maxCell / 256);
				ri.setRmsdLimitPx(p.stills().rmsdMinPx());
			}
			IndexingResult r = ri.run();
			return new FrameResult(frame, r, lines, null, ri.finalRmsdPx());
		} catch (IndexingFailedException e) {
			return new FrameResult(frame, null, lines, e.getMessage(), Double.NaN);
		}
	}
}
