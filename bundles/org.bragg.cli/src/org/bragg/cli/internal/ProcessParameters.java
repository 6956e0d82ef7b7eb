package org.bragg.cli.internal;

import org.bragg.format.ImportParameters;
import org.bragg.params.Param;
import org.bragg.refinement.BravaisSettingsParameters;

/**
 * Parameters of {@code bragg process}: one scope per step, named as the program, so that any step's
 * parameter can be set by a unique suffix ({@code dispersion.gain=3},
 * {@code refine.refinement.parameterisation.detector.fix_list=Dist,Tau2,Tau3}) or in full
 * ({@code find_spots.spotfinder.filter.min_spot_size=3}).
 */
public record ProcessParameters(
		@Param(name = "import", help = "bragg import") org.bragg.format.ImportParameters importStep,
		@Param(name = "find_spots", help = "bragg find_spots") FindSpotsCommand.Parameters findSpots,
		@Param(name = "index", help = "bragg index") IndexProgramParameters index,
		@Param(name = "refine_bravais_settings", help = "bragg refine_bravais_settings") BravaisSettingsParameters refineBravaisSettings,
		@Param(name = "refine", help = "bragg refine") RefineProgramParameters refine,
		@Param(name = "integrate", help = "bragg integrate") IntegrateProgramParameters integrate,
		@Param(name = "symmetry", help = "bragg symmetry") SymmetryProgramParameters symmetry,
		@Param(name = "scale", help = "bragg scale") ScaleProgramParameters scale,
		@Param(name = "merge", help = "bragg merge") MergeParameters merge,
		@Param(name = "export", help = "bragg export") ExportParameters export) {

	public static ProcessParameters defaults() {
		return new ProcessParameters(ImportParameters.defaults(), FindSpotsCommand.Parameters.defaults(), IndexProgramParameters.defaults(),
				BravaisSettingsParameters.defaults(), RefineProgramParameters.defaults(), IntegrateProgramParameters.defaults(),
				SymmetryProgramParameters.defaults(), ScaleProgramParameters.defaults(), MergeParameters.defaults(), ExportParameters.defaults());
	}
}
