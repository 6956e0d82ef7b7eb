package org.bragg.cli.internal;

import java.nio.file.Path;

import org.bragg.cli.Command;
import org.bragg.cli.Context;
import org.bragg.io.ExperimentListIO;
import org.bragg.io.ReflectionTableIO;
import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.symmetry.Symmetry;

/** {@code bragg symmetry}: Laue group and space group determination, as {@code dials.symmetry} → symmetrized.expt/.refl. */
public final class SymmetryCommand implements Command<SymmetryProgramParameters> {
	@Override public String name() { return "symmetry"; }
	@Override public String summary() { return "Determine the Laue group and space group of integrated data and reindex it"; }
	@Override public Class<SymmetryProgramParameters> parameterType() { return SymmetryProgramParameters.class; }

	@Override
	public String usage() {
		return """
				Usage: bragg symmetry integrated.expt integrated.refl [d_min=] [cc_method=robust|pearson] [cc_transform=fisher_z|none] [name=value …]

				Scores every symmetry element of the lattice (Le Page δ ≤ lattice_symmetry_max_delta) by the correlation of
				symmetry-related normalised intensities, ranks all sub-groups by likelihood (Evans 2006; Gildea & Winter 2018),
				then tests screw axes from systematic absences. The element likelihoods are evaluated on Fisher's z = atanh(CC)
				(cc_transform=fisher_z), so that a CC clearly below that of the identity counts against the element even when
				both are high (pseudo-symmetry); cc_transform=none and cc_method=pearson give DIALS's scoring. The log shows, for
				the best group against the runner-up and the lattice group, the elements that decided and their log-likelihood
				ratios, and any indexing ambiguity left (lattice symmetry higher than the Laue group). Writes symmetrized.expt and
				symmetrized.refl, reindexed to the reference setting of the best Patterson group, with the chosen space group.
				Example: bragg symmetry integrated.expt integrated.refl cc_method=pearson cc_transform=none""";
	}

	@Override
	public void run(Context<SymmetryProgramParameters> ctx) throws Exception {
		Path[] in = RefineCommand.inputs(ctx, "bragg symmetry");
		if (in[0] == null || in[1] == null) throw new BraggInputException("bragg symmetry needs an experiment file (.expt) and a reflection file (.refl)");
		ExperimentList el = ExperimentListIO.read(in[0]);
		ReflectionTable refl = ReflectionTableIO.read(in[1]);
		SymmetryProgramParameters p = ctx.params();
		Symmetry.Result r = Symmetry.run(el, refl, p.symmetry(), ctx::log);
		ctx.log("Saving reindexed experiments to " + p.output().experiments() + " in space group " + r.spaceGroup().hermannMauguin());
		ExperimentListIO.write(r.experiments(), ctx.resolve(p.output().experiments()));
		ctx.log("Saving " + r.reflections().size() + " reindexed reflections to " + p.output().reflections());
		ReflectionTableIO.write(r.reflections(), ctx.resolve(p.output().reflections()));
	}
}
