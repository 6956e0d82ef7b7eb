package org.bragg.cli.internal;

import java.nio.file.Path;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.refinement.Reindex;

/** {@code bragg reindex}: apply a change of basis (and space group) to experiments and reflections, as {@code dials.reindex}. */
public final class ReindexCommand implements Command<ReindexParameters> {
	@Override public String name() { return "reindex"; }
	@Override public String summary() { return "Reindex experiments and reflections with a change of basis operator and optional space group"; }
	@Override public Class<ReindexParameters> parameterType() { return ReindexParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg reindex [indexed.expt] [indexed.refl] change_of_basis_op=<op> [space_group=<symbol>]

				Examples: bragg reindex indexed.refl change_of_basis_op=a,b,c
				          bragg reindex indexed.expt indexed.refl change_of_basis_op=b+c,a+c,a+b space_group=P4""";
	}

	@Override
	public void run(Context<ReindexParameters> ctx) throws Exception {
		Path[] in = RefineCommand.inputs(ctx, "bragg reindex");
		if (in[0] == null && in[1] == null) throw new BraggInputException("bragg reindex needs an experiment file and/or a reflection file");
		ExperimentList el = in[0] == null ? null : ExperimentListIO.read(in[0]);
		ReflectionTable refl = in[1] == null ? null : ReflectionTableIO.read(in[1]);
		ReindexParameters p = ctx.params();
		Reindex.Result r = Reindex.reindex(el, refl, p.changeOfBasisOp(), p.spaceGroup().orElse(null));
		ctx.log("Change of basis op: " + p.changeOfBasisOp());
		if (r.experiments() != null) {
			ctx.log("Saving reindexed experimental models to " + p.output().experiments());
			ExperimentListIO.write(r.experiments(), ctx.resolve(p.output().experiments()));
		}
		if (r.reflections() != null) {
			if (r.nonIntegral() > 0)
				ctx.log(String.format("Removing %d/%d reflections (change of basis results in non-integral indices)", r.nonIntegral(), r.reflections().size()));
			ctx.log("Saving reindexed reflections to " + p.output().reflections());
			ReflectionTableIO.write(r.reflections(), ctx.resolve(p.output().reflections()));
		}
	}
}
