package org.bragg.cli.internal;

import java.nio.file.Path;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.indexing.BeamCentreSearch;
import org.bragg.indexing.SearchBeamPositionParameters;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;

/** {@code bragg search_beam_position}: a better beam centre from strong spots → optimised.expt, as dials.search_beam_position. */
public final class SearchBeamPositionCommand implements Command<SearchBeamPositionParameters> {
	@Override public String name() { return "search_beam_position"; }
	@Override public String summary() { return "Search for a better beam centre from strong spots (DPS method) and write optimised.expt"; }
	@Override public Class<SearchBeamPositionParameters> parameterType() { return SearchBeamPositionParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg search_beam_position imported.expt strong.refl [name=value …]

				Searches for a better beam centre using the results of spot finding, by the method of Sauter et al.,
				J. Appl. Cryst. 37, 399-409 (2004): the detector is shifted in its plane to the position where the
				strongest reciprocal-lattice periodicities pass through the origin. Reports the shift in mm and px
				and writes optimised.expt.

				Example: bragg search_beam_position imported.expt strong.refl""";
	}

	@Override
	public void run(Context<SearchBeamPositionParameters> ctx) throws Exception {
		Path expt = null, refl = null;
		for (String in : ctx.inputs()) {
			if (in.endsWith(".expt") || in.endsWith(".json")) expt = ctx.resolve(Path.of(in));
			else if (in.endsWith(".refl") || in.endsWith(".pickle")) refl = ctx.resolve(Path.of(in));
			else throw new BraggInputException(in + ": expected an experiment file (.expt) or a reflection file (.refl)");
		}
		if (expt == null || refl == null) throw new BraggInputException("bragg search_beam_position needs an experiment file and a strong spot file");
		ExperimentList el = ExperimentListIO.read(expt);
		ReflectionTable strong = ReflectionTableIO.read(refl);
		SearchBeamPositionParameters p = ctx.params();
		if (p.nproc().isEmpty()) p = org.bragg.params.Phil.with(p, "nproc", String.valueOf(ctx.nproc()));
		BeamCentreSearch.Result r = BeamCentreSearch.search(el, strong, p, ctx.progress(), ctx::log);
		ctx.log("Saving optimised experiments to " + p.output().experiments());
		ExperimentListIO.write(r.experiments(), ctx.resolve(p.output().experiments()));
	}
}
