package org.bragg.cli.internal;

import java.nio.file.Path;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.indexing.Indexer;
import org.bragg.indexing.IndexingParameters;
import org.bragg.indexing.IndexingRefiner;
import org.bragg.indexing.IndexingResult;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;

/** {@code bragg index}: imported.expt + strong.refl → indexed.expt, indexed.refl, as {@code dials.index}. */
public final class IndexCommand implements Command<IndexProgramParameters> {
	@Override public String name() { return "index"; }
	@Override public String summary() { return "Index strong spots: find the lattice, assign Miller indices, refine (indexed.expt, indexed.refl)"; }
	@Override public Class<IndexProgramParameters> parameterType() { return IndexProgramParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg index imported.expt strong.refl [name=value …]

				Finds the lattice of the strong spots (indexing.method=fft3d by default, or fft1d, or
				real_space_grid_search with a known cell), assigns Miller indices and refines the geometry in
				macro-cycles of increasing resolution, as dials.index. With unit_cell= and space_group= only
				lattices consistent with them are accepted. Stills are indexed frame by frame (one experiment per
				indexed frame). Writes indexed.expt and indexed.refl.

				Examples:
				  bragg index imported.expt strong.refl
				  bragg index imported.expt strong.refl unit_cell=37,79,79,90,90,90 space_group=P43212
				  bragg index imported.expt strong.refl indexing.method=fft1d""";
	}

	@Override
	public void run(Context<IndexProgramParameters> ctx) throws Exception {
		Path expt = null, refl = null;
		for (String in : ctx.inputs()) {
			if (in.endsWith(".expt") || in.endsWith(".json")) {
				if (expt != null) throw new BraggInputException("bragg index reads one experiment file, found " + expt + " and " + in);
				expt = ctx.resolve(Path.of(in));
			} else if (in.endsWith(".refl") || in.endsWith(".pickle")) {
				if (refl != null) throw new BraggInputException("bragg index reads one reflection file, found " + refl + " and " + in);
				refl = ctx.resolve(Path.of(in));
			} else throw new BraggInputException(in + ": expected an experiment file (.expt) or a reflection file (.refl)");
		}
		if (expt == null || refl == null) throw new BraggInputException("bragg index needs an experiment file (imported.expt) and a strong spot file (strong.refl)");
		ExperimentList el = ExperimentListIO.read(expt);
		ReflectionTable strong = ReflectionTableIO.read(refl);
		IndexProgramParameters p = ctx.params();
		IndexingParameters ip = p.indexing();
		if (ip.nproc().isEmpty()) ip = ip.withNproc(ctx.nproc());
		IndexingResult r = Indexer.index(el, strong, ip, IndexingRefiner.bragg(p.refinement()), ctx.progress(), ctx::log);
		ctx.log("Saving refined experiments to " + p.output().experiments());
		ExperimentListIO.write(r.experiments(), ctx.resolve(p.output().experiments()));
		ctx.log("Saving refined reflections to " + p.output().reflections());
		ReflectionTableIO.write(r.reflections(), ctx.resolve(p.output().reflections()));
	}
}
