package org.bragg.refinement;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

import org.bragg.params.Param;
import org.bragg.params.Scope;

/**
 * Parameters of geometry refinement, nested as DIALS 3.12's {@code refinement} scope so that PHIL paths,
 * names and defaults match {@code dials.refine -c} (e.g.
 * {@code refinement.parameterisation.detector.fix_list=Dist,Tau2,Tau3}). Defaults come from
 * {@link #defaults()}; compact constructors check values and throw {@link IllegalArgumentException}
 * naming the PHIL path. Programs that change a few values use {@code org.bragg.params.Phil.with(params,
 * path, value)}.
 *
 * <p>Differences from DIALS: {@code scan_varying} is a string ({@code Auto}, {@code True} or
 * {@code False}), {@code refinery.engine} a case-insensitive string; only the {@code LevMar} and
 * {@code GaussNewton} engines are implemented ({@code SparseLevMar} runs {@code LevMar}; the LBFGS
 * engines are refused); {@code tie_to_group} is accepted but not implemented.
 *
 * @since 0.1
 */
@Scope(value = "refinement", help = "Parameters to configure the refinement")
public record RefinementParameters(
		@Param(help = "Parameters to control the parameterisation of experimental models") Parameterisation parameterisation,
		@Param(help = "Parameters to configure the refinery") Refinery refinery,
		@Param(help = "Parameters to configure the target function") Target target,
		@Param(help = "Parameters used by the reflection manager") Reflections reflections) {

	public RefinementParameters {
		Objects.requireNonNull(parameterisation, "refinement.parameterisation");
		Objects.requireNonNull(refinery, "refinement.refinery");
		Objects.requireNonNull(target, "refinement.target");
		Objects.requireNonNull(reflections, "refinement.reflections");
	}

	/** @return the DIALS 3.12 defaults of {@code dials.refine} */
	public static RefinementParameters defaults() {
		return new RefinementParameters(Parameterisation.defaults(), Refinery.defaults(), Target.defaults(), Reflections.defaults());
	}

	public RefinementParameters withParameterisation(Parameterisation p) { return new RefinementParameters(p, refinery, target, reflections); }
	public RefinementParameters withRefinery(Refinery r) { return new RefinementParameters(parameterisation, r, target, reflections); }
	public RefinementParameters withTarget(Target t) { return new RefinementParameters(parameterisation, refinery, t, reflections); }
	public RefinementParameters withReflections(Reflections r) { return new RefinementParameters(parameterisation, refinery, target, r); }

	/** Splits DIALS {@code fix_list} entries ("Dist,Tau2 Tau3") into names or indices. */
	static List<String> splitFixList(List<String> entries) {
		List<String> out = new ArrayList<>();
		for (String e : entries) for (String w : e.split("[,\\s]+")) if (!w.isBlank()) out.add(w.trim());
		return out;
	}

	// ------------------------------------------------------------------ parameterisation

	/** What to do when a model has too few reflections per parameter ({@code auto_reduction.action}). */
	public enum AutoReductionAction { FAIL, FIX, REMOVE }

	/** For scan-varying models: compose a model per image or per block ({@code compose_model_per}). */
	public enum ComposeModelPer { IMAGE, BLOCK }

	/** {@code beam.fix} choices. */
	public enum BeamFix { ALL, IN_SPINDLE_PLANE, OUT_SPINDLE_PLANE, WAVELENGTH }

	/** {@code crystal.fix} choices. */
	public enum CrystalFix { ALL, CELL, ORIENTATION }

	/** {@code detector.fix} choices. */
	public enum DetectorFix { ALL, POSITION, ORIENTATION, DISTANCE }

	/** {@code goniometer.fix} choices. */
	public enum GoniometerFix { ALL, IN_BEAM_PLANE, OUT_BEAM_PLANE }

	/** {@code detector.panels} choices. */
	public enum DetectorPanels { AUTOMATIC, SINGLE, MULTIPLE, HIERARCHICAL }

	/**
	 * {@code refinement.parameterisation}.
	 *
	 * @param scanVarying empty = Auto: static refinement, then scan-varying refinement of the crystal when
	 *        the experiments have scans (dials.refine); "True"/"False" otherwise
	 * @param blockWidth degrees
	 */
	public record Parameterisation(
			@Param(help = "determine behaviour when there are too few reflections to reasonably produce a full parameterisation of the experiment list") AutoReduction autoReduction,
			@Param(help = "Allow models that are not forced to be static to vary during the scan, Auto will run one macrocycle with static then scan varying refinement for the crystal", auto = true) Optional<String> scanVarying,
			@Param(help = "For scan-varying parameterisations, compose a new model either every image or within blocks of a width specified in the reflections parameters.", expertLevel = 1) ComposeModelPer composeModelPer,
			@Param(help = "Width of a reflection 'block' (in degrees) determining how fine-grained the model used for scan-varying prediction during refinement is.", unit = "deg", min = 0, expertLevel = 1) double blockWidth,
			@Param(help = "If scan-varying refinement is done, choose whether to return the estimated covariance of the model states to the models.", expertLevel = 1) boolean setScanVaryingErrors,
			@Param(help = "For scan-varying refinement, trim scan objects to the range of observed reflections.", expertLevel = 1) boolean trimScanToObservations,
			@Param(help = "beam parameters") BeamParams beam,
			@Param(help = "crystal parameters") CrystalParams crystal,
			@Param(help = "detector parameters") DetectorParams detector,
			@Param(help = "goniometer setting matrix parameters") GoniometerParams goniometer,
			@Param(help = "Set this to True to treat a single image scan with a non zero oscillation width as a still", expertLevel = 1) boolean treatSingleImageAsStill,
			@Param(help = "For stills refinement, set true to use the spherical relp model for prediction and gradients.", expertLevel = 1) boolean sphericalRelpModel) {

		public Parameterisation {
			Objects.requireNonNull(autoReduction, "refinement.parameterisation.auto_reduction");
			Objects.requireNonNull(scanVarying, "refinement.parameterisation.scan_varying");
			scanVarying.ifPresent(s -> {
				String l = s.toLowerCase(Locale.ROOT);
				if (!(l.equals("true") || l.equals("false") || l.equals("1") || l.equals("0") || l.equals("yes") || l.equals("no")))
					throw new IllegalArgumentException("refinement.parameterisation.scan_varying must be True, False or Auto, found '" + s + "'");
			});
			Objects.requireNonNull(composeModelPer, "refinement.parameterisation.compose_model_per");
			if (!(blockWidth > 0)) throw new IllegalArgumentException("refinement.parameterisation.block_width must be > 0, found " + blockWidth);
			Objects.requireNonNull(beam, "refinement.parameterisation.beam");
			Objects.requireNonNull(crystal, "refinement.parameterisation.crystal");
			Objects.requireNonNull(detector, "refinement.parameterisation.detector");
			Objects.requireNonNull(goniometer, "refinement.parameterisation.goniometer");
		}

		public static Parameterisation defaults() {
			return new Parameterisation(AutoReduction.defaults(), Optional.empty(), ComposeModelPer.BLOCK, 1.0, false, true, BeamParams.defaults(),
					CrystalParams.defaults(), DetectorParams.defaults(), GoniometerParams.defaults(), false, false);
		}

		/** @return empty for Auto, else the explicit choice */
		public Optional<Boolean> scanVaryingChoice() {
			return scanVarying.map(s -> switch (s.toLowerCase(Locale.ROOT)) { case "true", "1", "yes" -> true; default -> false; });
		}

		public Parameterisation withScanVarying(Optional<Boolean> sv) {
			return new Parameterisation(autoReduction, sv.map(b -> b ? "True" : "False"), composeModelPer, blockWidth, setScanVaryingErrors,
					trimScanToObservations, beam, crystal, detector, goniometer, treatSingleImageAsStill, sphericalRelpModel);
		}

		public Parameterisation withBeam(BeamParams b) {
			return new Parameterisation(autoReduction, scanVarying, composeModelPer, blockWidth, setScanVaryingErrors, trimScanToObservations, b,
					crystal, detector, goniometer, treatSingleImageAsStill, sphericalRelpModel);
		}

		public Parameterisation withCrystal(CrystalParams c) {
			return new Parameterisation(autoReduction, scanVarying, composeModelPer, blockWidth, setScanVaryingErrors, trimScanToObservations, beam,
					c, detector, goniometer, treatSingleImageAsStill, sphericalRelpModel);
		}

		public Parameterisation withDetector(DetectorParams d) {
			return new Parameterisation(autoReduction, scanVarying, composeModelPer, blockWidth, setScanVaryingErrors, trimScanToObservations, beam,
					crystal, d, goniometer, treatSingleImageAsStill, sphericalRelpModel);
		}

		public Parameterisation withGoniometer(GoniometerParams g) {
			return new Parameterisation(autoReduction, scanVarying, composeModelPer, blockWidth, setScanVaryingErrors, trimScanToObservations, beam,
					crystal, detector, g, treatSingleImageAsStill, sphericalRelpModel);
		}

		public Parameterisation withAutoReduction(AutoReduction a) {
			return new Parameterisation(a, scanVarying, composeModelPer, blockWidth, setScanVaryingErrors, trimScanToObservations, beam,
					crystal, detector, goniometer, treatSingleImageAsStill, sphericalRelpModel);
		}
	}

	/** {@code auto_reduction}. */
	public record AutoReduction(
			@Param(help = "the smallest number of reflections per parameter for a model parameterisation below which the parameterisation will not be made in full, but the action described below will be triggered.", min = 0) int minNrefPerParameter,
			@Param(help = "action to take if there are too few reflections across the experiments related to a particular model parameterisation.") AutoReductionAction action) {
		public AutoReduction {
			if (minNrefPerParameter < 0) throw new IllegalArgumentException("refinement.parameterisation.auto_reduction.min_nref_per_parameter must be >= 0");
			Objects.requireNonNull(action, "refinement.parameterisation.auto_reduction.action");
		}

		public static AutoReduction defaults() { return new AutoReduction(5, AutoReductionAction.FAIL); }
	}

	/**
	 * Options of the Gaussian smoother of scan-varying parameters ({@code smoother}).
	 *
	 * @param intervalWidthDegrees width between checkpoints (degrees); empty = Auto
	 * @param absoluteNumIntervals if set, overrides the width
	 */
	public record Smoother(
			@Param(help = "Width of scan between checkpoints in degrees. Can be set to Auto.", unit = "deg", min = 0, auto = true) OptionalDouble intervalWidthDegrees,
			@Param(help = "Number of intervals between checkpoints if scan_varying refinement is requested. If set, this overrides interval_width_degrees", min = 1) OptionalInt absoluteNumIntervals) {
		public Smoother {
			Objects.requireNonNull(intervalWidthDegrees, "smoother.interval_width_degrees");
			Objects.requireNonNull(absoluteNumIntervals, "smoother.absolute_num_intervals");
		}

		public static Smoother defaults() { return new Smoother(OptionalDouble.of(36.0), OptionalInt.empty()); }
	}

	/** {@code parameterisation.beam}. */
	public record BeamParams(
			@Param(help = "Whether to fix beam parameters. By default, in_spindle_plane is selected, and one of the two parameters is fixed. If a goniometer is present this leads to the beam orientation being restricted to a direction in the initial spindle-beam plane. Wavelength is also fixed by default, to allow refinement of the unit cell volume.") Set<BeamFix> fix,
			@Param(help = "Fix specified parameters by a list of 0-based indices or partial names to match") List<String> fixList,
			@Param(help = "Force a static parameterisation for the beam when doing scan-varying refinement") boolean forceStatic,
			@Param(help = "Options that affect scan-varying parameterisation") Smoother smoother) {
		public BeamParams {
			fix = fix.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fix));
			fixList = List.copyOf(fixList);
			Objects.requireNonNull(smoother, "refinement.parameterisation.beam.smoother");
		}

		public static BeamParams defaults() {
			return new BeamParams(EnumSet.of(BeamFix.IN_SPINDLE_PLANE, BeamFix.WAVELENGTH), List.of(), true, Smoother.defaults());
		}

		/** @return fix_list split into names/indices */
		public List<String> fixNames() { return splitFixList(fixList); }

		public BeamParams withFix(Set<BeamFix> f) { return new BeamParams(f, fixList, forceStatic, smoother); }
		public BeamParams withFixList(List<String> l) { return new BeamParams(fix, l, forceStatic, smoother); }
		public BeamParams withForceStatic(boolean b) { return new BeamParams(fix, fixList, b, smoother); }
	}

	/** {@code parameterisation.crystal}. */
	public record CrystalParams(
			@Param(help = "Fix crystal parameters") Set<CrystalFix> fix,
			@Param(help = "unit cell parameters") UnitCellParams unitCell,
			@Param(help = "orientation parameters") OrientationParams orientation) {
		public CrystalParams {
			fix = fix.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fix));
			Objects.requireNonNull(unitCell, "refinement.parameterisation.crystal.unit_cell");
			Objects.requireNonNull(orientation, "refinement.parameterisation.crystal.orientation");
		}

		public static CrystalParams defaults() { return new CrystalParams(Set.of(), UnitCellParams.defaults(), OrientationParams.defaults()); }

		public CrystalParams withFix(Set<CrystalFix> f) { return new CrystalParams(f, unitCell, orientation); }
		public CrystalParams withUnitCell(UnitCellParams u) { return new CrystalParams(fix, u, orientation); }
		public CrystalParams withOrientation(OrientationParams o) { return new CrystalParams(fix, unitCell, o); }
	}

	/** {@code crystal.unit_cell}. */
	public record UnitCellParams(
			@Param(help = "Fix specified parameters by a list of 0-based indices or partial names to match") List<String> fixList,
			@Param(help = "Least squares unit cell restraints to use in refinement.") Restraints restraints,
			@Param(help = "Force a static parameterisation for the crystal unit cell when doing scan-varying refinement") boolean forceStatic,
			@Param(help = "Options that affect scan-varying parameterisation") Smoother smoother) {
		public UnitCellParams {
			fixList = List.copyOf(fixList);
			Objects.requireNonNull(restraints, "refinement.parameterisation.crystal.unit_cell.restraints");
			Objects.requireNonNull(smoother, "refinement.parameterisation.crystal.unit_cell.smoother");
		}

		public static UnitCellParams defaults() { return new UnitCellParams(List.of(), Restraints.defaults(), false, Smoother.defaults()); }

		public List<String> fixNames() { return splitFixList(fixList); }

		public UnitCellParams withFixList(List<String> l) { return new UnitCellParams(l, restraints, forceStatic, smoother); }
		public UnitCellParams withRestraints(Restraints r) { return new UnitCellParams(fixList, r, forceStatic, smoother); }
		public UnitCellParams withForceStatic(boolean b) { return new UnitCellParams(fixList, restraints, b, smoother); }
	}

	/** {@code crystal.unit_cell.restraints}. */
	public record Restraints(
			@Param(help = "Restrain the unit cell to target values") List<TieToTarget> tieToTarget,
			@Param(help = "Restrain the unit cells of a group of experiments to their mean (not implemented in Bragg)") List<TieToGroup> tieToGroup) {
		public Restraints {
			tieToTarget = List.copyOf(tieToTarget);
			tieToGroup = List.copyOf(tieToGroup);
		}

		public static Restraints defaults() { return new Restraints(List.of(), List.of()); }

		/**
		 * The tie_to_target restraints with partial instances joined: on a command line each dotted assignment
		 * ({@code tie_to_target.values=...}, then {@code tie_to_target.sigmas=...}) makes its own instance, so
		 * an instance with only values followed by one with only sigmas (or the reverse) is one restraint.
		 */
		public List<TieToTarget> mergedTieToTarget() {
			List<TieToTarget> out = new ArrayList<>();
			for (TieToTarget t : tieToTarget) {
				if (!out.isEmpty()) {
					TieToTarget prev = out.get(out.size() - 1);
					boolean prevPartial = prev.values.length == 0 || prev.sigmas.length == 0;
					if (prevPartial && (prev.values.length == 0) != (t.values.length == 0) && (prev.sigmas.length == 0) != (t.sigmas.length == 0)) {
						out.set(out.size() - 1, new TieToTarget(prev.values.length == 0 ? t.values : prev.values,
								prev.sigmas.length == 0 ? t.sigmas : prev.sigmas, prev.id.length == 0 ? t.id : prev.id));
						continue;
					}
				}
				out.add(t);
			}
			return out;
		}
	}

	/**
	 * One {@code tie_to_target} restraint (repeatable scope).
	 *
	 * @param values target a, b, c (Å), α, β, γ (degrees)
	 * @param sigmas six sigmas in the same units; 0 removes the restraint at that position
	 * @param id experiment indices to restrain (empty = all)
	 */
	public record TieToTarget(
			@Param(help = "Target unit cell parameters for the restraint for this parameterisation", sizeMin = 6, sizeMax = 6) double[] values,
			@Param(help = "The unit cell target values are associated with sigmas which are used to determine the weight of each restraint. A sigma of zero will remove the restraint at that position. If symmetry constrains two cell dimensions to be equal then only the smaller of the two sigmas will be kept", sizeMin = 6, sizeMax = 6, min = 0) double[] sigmas,
			@Param(help = "Select only the specified experiments when looking up which parameterisations to apply these restraints to. If None (the default) then the restraints will be applied to all experiments.", min = 0) int[] id) {
		public TieToTarget {
			values = values == null ? new double[0] : values.clone();
			sigmas = sigmas == null ? new double[0] : sigmas.clone();
			id = id == null ? new int[0] : id.clone();
		}

		public static TieToTarget defaults() { return new TieToTarget(new double[0], new double[0], new int[0]); }

		@Override public double[] values() { return values.clone(); }
		@Override public double[] sigmas() { return sigmas.clone(); }
		@Override public int[] id() { return id.clone(); }
	}

	/** {@code tie_to_group} target choices. */
	public enum GroupTarget { MEAN, LOW_MEMORY_MEAN, MEDIAN }

	/** One {@code tie_to_group} restraint (accepted for compatibility; not implemented). */
	public record TieToGroup(
			@Param(help = "Function to tie group parameter values to") GroupTarget target,
			@Param(help = "The unit cell parameters are associated with sigmas which are used to determine the weight of each restraint.", min = 0) double[] sigmas,
			@Param(help = "Select only the specified experiments.", min = 0) int[] id) {
		public TieToGroup {
			Objects.requireNonNull(target, "tie_to_group.target");
			sigmas = sigmas == null ? new double[0] : sigmas.clone();
			id = id == null ? new int[0] : id.clone();
		}

		public static TieToGroup defaults() { return new TieToGroup(GroupTarget.MEAN, new double[0], new int[0]); }

		@Override public double[] sigmas() { return sigmas.clone(); }
		@Override public int[] id() { return id.clone(); }
	}

	/** {@code crystal.orientation}. */
	public record OrientationParams(
			@Param(help = "Fix specified parameters by a list of 0-based indices or partial names to match") List<String> fixList,
			@Param(help = "Force a static parameterisation for the crystal orientation when doing scan-varying refinement") boolean forceStatic,
			@Param(help = "Options that affect scan-varying parameterisation") Smoother smoother) {
		public OrientationParams {
			fixList = List.copyOf(fixList);
			Objects.requireNonNull(smoother, "refinement.parameterisation.crystal.orientation.smoother");
		}

		public static OrientationParams defaults() { return new OrientationParams(List.of(), false, Smoother.defaults()); }

		public List<String> fixNames() { return splitFixList(fixList); }

		public OrientationParams withFixList(List<String> l) { return new OrientationParams(l, forceStatic, smoother); }
		public OrientationParams withForceStatic(boolean b) { return new OrientationParams(fixList, b, smoother); }
	}

	/** {@code parameterisation.detector}. */
	public record DetectorParams(
			@Param(help = "Select appropriate detector parameterisation. Both the single and multiple panel detector options treat the whole detector as a rigid body. The hierarchical parameterisation treats groups of panels as separate rigid bodies.") DetectorPanels panels,
			@Param(help = "Level of the detector hierarchy (starting from the root at 0) at which to determine panel groups to parameterise independently", min = 0) int hierarchyLevel,
			@Param(help = "Fix detector parameters. The translational parameters (position) may be set separately to the orientation.") Set<DetectorFix> fix,
			@Param(help = "Fix specified parameters by a list of 0-based indices or partial names to match") List<String> fixList,
			@Param(help = "Force a static parameterisation for the detector when doing scan-varying refinement") boolean forceStatic,
			@Param(help = "Options that affect scan-varying parameterisation") Smoother smoother) {
		public DetectorParams {
			Objects.requireNonNull(panels, "refinement.parameterisation.detector.panels");
			if (hierarchyLevel < 0) throw new IllegalArgumentException("refinement.parameterisation.detector.hierarchy_level must be >= 0");
			fix = fix.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fix));
			fixList = List.copyOf(fixList);
			Objects.requireNonNull(smoother, "refinement.parameterisation.detector.smoother");
		}

		public static DetectorParams defaults() {
			return new DetectorParams(DetectorPanels.AUTOMATIC, 0, Set.of(), List.of(), true, Smoother.defaults());
		}

		public List<String> fixNames() { return splitFixList(fixList); }

		public DetectorParams withFix(Set<DetectorFix> f) { return new DetectorParams(panels, hierarchyLevel, f, fixList, forceStatic, smoother); }
		public DetectorParams withFixList(List<String> l) { return new DetectorParams(panels, hierarchyLevel, fix, l, forceStatic, smoother); }
		public DetectorParams withPanels(DetectorPanels p, int level) { return new DetectorParams(p, level, fix, fixList, forceStatic, smoother); }
	}

	/** {@code parameterisation.goniometer}. */
	public record GoniometerParams(
			@Param(help = "Whether to fix goniometer parameters. By default, fix all. Alternatively the setting matrix can be constrained to allow rotation only within the spindle-beam plane or to allow rotation only around an axis that lies in that plane. Set to None to refine the in two orthogonal directions.") Set<GoniometerFix> fix,
			@Param(help = "Fix specified parameters by a list of 0-based indices or partial names to match") List<String> fixList,
			@Param(help = "Force a static parameterisation for the goniometer when doing scan-varying refinement") boolean forceStatic,
			@Param(help = "Options that affect scan-varying parameterisation") Smoother smoother) {
		public GoniometerParams {
			fix = fix.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fix));
			fixList = List.copyOf(fixList);
			Objects.requireNonNull(smoother, "refinement.parameterisation.goniometer.smoother");
		}

		public static GoniometerParams defaults() { return new GoniometerParams(EnumSet.of(GoniometerFix.ALL), List.of(), true, Smoother.defaults()); }

		public List<String> fixNames() { return splitFixList(fixList); }

		public GoniometerParams withFix(Set<GoniometerFix> f) { return new GoniometerParams(f, fixList, forceStatic, smoother); }
	}

	// ------------------------------------------------------------------ refinery

	/**
	 * {@code refinement.refinery}.
	 *
	 * @param engine {@code LevMar} (default), {@code GaussNewton}, {@code SparseLevMar} (runs LevMar)
	 * @param maxIterations empty = the engine's default (100 for LevMar, 20 for GaussNewton)
	 */
	public record Refinery(
			@Param(help = "The minimisation engine to use: SimpleLBFGS LBFGScurvs GaussNewton *LevMar SparseLevMar (Bragg implements GaussNewton and LevMar)") String engine,
			@Param(help = "Maximum number of iterations in refinement before termination. None implies the engine supplies its own default.", min = 1) OptionalInt maxIterations,
			@Param(help = "Extra items to track in the refinement history") Journal journal) {
		public Refinery {
			Objects.requireNonNull(engine, "refinement.refinery.engine");
			String e = engine.toLowerCase(Locale.ROOT);
			if (!(e.equals("levmar") || e.equals("gaussnewton") || e.equals("sparselevmar") || e.equals("simplelbfgs") || e.equals("lbfgscurvs")))
				throw new IllegalArgumentException("refinement.refinery.engine must be one of SimpleLBFGS, LBFGScurvs, GaussNewton, LevMar, SparseLevMar; found '" + engine + "'");
			Objects.requireNonNull(maxIterations, "refinement.refinery.max_iterations");
			Objects.requireNonNull(journal, "refinement.refinery.journal");
		}

		public static Refinery defaults() { return new Refinery("LevMar", OptionalInt.empty(), Journal.defaults()); }

		public Refinery withEngine(String e) { return new Refinery(e, maxIterations, journal); }
		public Refinery withMaxIterations(OptionalInt m) { return new Refinery(engine, m, journal); }
		public Refinery withJournal(Journal j) { return new Refinery(engine, maxIterations, j); }
	}

	/** {@code refinery.journal}. */
	public record Journal(
			@Param(help = "Record parameter shifts history in the refinement journal") boolean trackStep,
			@Param(help = "Record parameter gradients history in the refinement journal") boolean trackGradient,
			@Param(help = "Record correlation matrix between columns of the Jacobian for each step of refinement.") boolean trackParameterCorrelation,
			@Param(help = "Record condition number of the Jacobian for each step of refinement.") boolean trackConditionNumber,
			@Param(help = "Record the full normal matrix at each step of refinement") boolean trackNormalMatrix) {
		public static Journal defaults() { return new Journal(false, false, false, false, false); }

		public Journal withTrackConditionNumber(boolean b) { return new Journal(trackStep, trackGradient, trackParameterCorrelation, b, trackNormalMatrix); }
		public Journal withTrackParameterCorrelation(boolean b) { return new Journal(trackStep, trackGradient, b, trackConditionNumber, trackNormalMatrix); }
	}

	// ------------------------------------------------------------------ target

	/** {@code target.rmsd_cutoff} choices. */
	public enum RmsdCutoff { FRACTION_OF_BIN_SIZE, ABSOLUTE }

	/**
	 * {@code refinement.target}.
	 *
	 * @param absoluteCutoffs X, Y, φ cutoffs (mm, mm, rad); empty for None
	 */
	public record Target(
			@Param(help = "Method to choose rmsd cutoffs. This is currently either as a fraction of the discrete units of the spot positional data, i.e. (pixel width, pixel height, image thickness in phi), or a tuple of absolute values to use as the cutoffs") RmsdCutoff rmsdCutoff,
			@Param(help = "Set this to a fractional value, say 0.2, to make a cut off in the natural discrete units of positional data, viz., (pixel width, pixel height, image thickness in phi). This would then determine when the RMSD target is achieved. Only used if rmsd_cutoff = fraction_of_bin_size.", min = 0) double binSizeFraction,
			@Param(help = "Absolute Values for the RMSD target achieved cutoffs in X, Y and Phi. The units are (mm, mm, rad).", min = 0) double[] absoluteCutoffs,
			@Param(help = "Maximum number of reflections to use for gradient calculation.", min = 1, expertLevel = 1) OptionalInt gradientCalculationBlocksize) {
		public Target {
			Objects.requireNonNull(rmsdCutoff, "refinement.target.rmsd_cutoff");
			absoluteCutoffs = absoluteCutoffs == null ? new double[0] : absoluteCutoffs.clone();
			if (absoluteCutoffs.length != 0 && absoluteCutoffs.length != 3)
				throw new IllegalArgumentException("refinement.target.absolute_cutoffs needs 3 values (X mm, Y mm, Phi rad), found " + absoluteCutoffs.length);
			Objects.requireNonNull(gradientCalculationBlocksize, "refinement.target.gradient_calculation_blocksize");
		}

		public static Target defaults() { return new Target(RmsdCutoff.FRACTION_OF_BIN_SIZE, 0.0, new double[0], OptionalInt.empty()); }

		@Override public double[] absoluteCutoffs() { return absoluteCutoffs.clone(); }

		public Target withBinSizeFraction(double f) { return new Target(rmsdCutoff, f, absoluteCutoffs, gradientCalculationBlocksize); }
	}

	// ------------------------------------------------------------------ reflections

	/** {@code weighting_strategy.override} choices. */
	public enum WeightingOverride { STATISTICAL, STILLS, CONSTANT, EXTERNAL_DELTAPSI }

	/** {@code outlier.algorithm} choices. */
	public enum OutlierAlgorithm { NULL, AUTO, MCD, TUKEY, SAUTER_POON }

	/**
	 * {@code refinement.reflections}.
	 *
	 * @param reflectionsPerDegree empty = Auto (all reflections unless the scan is wider than 360°)
	 * @param closeToSpindleCutoff |(e × ŝ0)·ŝ1| below which a reflection is excluded
	 * @param scanMargin degrees
	 */
	public record Reflections(
			@Param(help = "The number of centroids per degree of the sequence to use in refinement. The default (Auto) uses all reflections unless the dataset is wider than a single turn. Then the number of reflections may be reduced until a minimum of 100 per degree of the sequence is reached to speed up calculations. Set this to None to force use all of suitable reflections.", min = 0, auto = true) OptionalDouble reflectionsPerDegree,
			@Param(help = "cutoff that determines whether subsetting of the input reflection list is done", min = 0) int minimumSampleSize,
			@Param(help = "The maximum number of reflections to use in refinement. Overrides reflections_per_degree if that produces a larger sample size.", min = 1) OptionalInt maximumSampleSize,
			@Param(help = "Random seed to use when sampling to create a working set of reflections. May be int or None.") OptionalInt randomSeed,
			@Param(help = "The inclusion criterion currently uses the volume of the parallelepiped formed by the spindle axis, the incident beam and the scattered beam. If this is lower than some value then the reflection is excluded from refinement. In detector space, these are the reflections located close to the rotation axis.", min = 0) double closeToSpindleCutoff,
			@Param(help = "Reflections within this value in degrees from the centre of the first or last image of the scan will be removed before refinement, unless doing so would result in too few remaining reflections.", unit = "deg", min = 0) double scanMargin,
			@Param(help = "Parameters to configure weighting strategy overrides") WeightingStrategy weightingStrategy,
			@Param(help = "Outlier rejection after initial reflection prediction.") Outlier outlier) {
		public Reflections {
			Objects.requireNonNull(reflectionsPerDegree, "refinement.reflections.reflections_per_degree");
			Objects.requireNonNull(maximumSampleSize, "refinement.reflections.maximum_sample_size");
			Objects.requireNonNull(randomSeed, "refinement.reflections.random_seed");
			Objects.requireNonNull(weightingStrategy, "refinement.reflections.weighting_strategy");
			Objects.requireNonNull(outlier, "refinement.reflections.outlier");
		}

		public static Reflections defaults() {
			return new Reflections(OptionalDouble.empty(), 1000, OptionalInt.empty(), OptionalInt.of(42), 0.02, 0.0, WeightingStrategy.defaults(),
					Outlier.defaults());
		}

		public Reflections withReflectionsPerDegree(OptionalDouble r) {
			return new Reflections(r, minimumSampleSize, maximumSampleSize, randomSeed, closeToSpindleCutoff, scanMargin, weightingStrategy, outlier);
		}

		public Reflections withOutlier(Outlier o) {
			return new Reflections(reflectionsPerDegree, minimumSampleSize, maximumSampleSize, randomSeed, closeToSpindleCutoff, scanMargin, weightingStrategy, o);
		}

		public Reflections withWeightingStrategy(WeightingStrategy w) {
			return new Reflections(reflectionsPerDegree, minimumSampleSize, maximumSampleSize, randomSeed, closeToSpindleCutoff, scanMargin, w, outlier);
		}
	}

	/** {@code reflections.weighting_strategy}. */
	public record WeightingStrategy(
			@Param(help = "selection of a strategy to override default weighting behaviour") Optional<WeightingOverride> override,
			@Param(help = "used by the stills strategy to choose absolute weight value for the angular distance from Ewald sphere term of the target function, whilst the X and Y parts use statistical weights", min = 0) double delpsiConstant,
			@Param(help = "constant weights for three parts of the target function, whether the case is for stills or scans. The default gives unit weighting.", size = 3, min = 0) double[] constants) {
		public WeightingStrategy {
			Objects.requireNonNull(override, "refinement.reflections.weighting_strategy.override");
			constants = constants == null ? new double[] { 1, 1, 1 } : constants.clone();
			if (constants.length != 3) throw new IllegalArgumentException("refinement.reflections.weighting_strategy.constants needs 3 values");
		}

		public static WeightingStrategy defaults() { return new WeightingStrategy(Optional.empty(), 1000000, new double[] { 1, 1, 1 }); }

		@Override public double[] constants() { return constants.clone(); }
	}

	/**
	 * {@code reflections.outlier}.
	 *
	 * @param blockWidth degrees; empty = Auto (at least 18° such that each block has enough reflections)
	 */
	public record Outlier(
			@Param(help = "Outlier rejection algorithm. If auto is selected, the algorithm is chosen automatically.") OutlierAlgorithm algorithm,
			@Param(help = "Number of processes over which to split outlier identification. If set to Auto, DIALS will choose automatically.", min = 1, auto = true) OptionalInt nproc,
			@Param(help = "The minimum number of input observations per outlier rejection job below which all reflections in the job will be rejected as potential outliers.", min = 0) int minimumNumberOfReflections,
			@Param(help = "If true, outlier rejection will be performed on each experiment separately. Otherwise, the data from all experiments will be combined for outlier rejection.") boolean separateExperiments,
			@Param(help = "Perform outlier rejection separately for each panel of a multi- panel detector model. Otherwise data from across all panels will be combined for outlier rejection.") boolean separatePanels,
			@Param(help = "If true, for scans outlier rejection will be performed separately in equal-width blocks of phi, controlled by the parameter outlier.block_width.") boolean separateBlocks,
			@Param(help = "If separate_blocks, a scan will be divided into equal-sized blocks with width (in degrees) close to this value for outlier rejection. If Auto, a width of at least 18 degrees will be determined, such that each block contains enough reflections to perform outlier rejection.", unit = "deg", min = 0, auto = true) OptionalDouble blockWidth,
			@Param(help = "Options for the tukey outlier rejector") Tukey tukey,
			@Param(help = "Options for the mcd outlier rejector, which uses an algorithm based on FAST-MCD by Rousseeuw and van Driessen. See doi.org/10.1080/00401706.1999.10485670.") Mcd mcd,
			@Param(help = "Options for the outlier rejector described in Sauter & Poon (2010) (https://doi.org/10.1107/S0021889810010782)") SauterPoon sauterPoon) {
		public Outlier {
			Objects.requireNonNull(algorithm, "refinement.reflections.outlier.algorithm");
			Objects.requireNonNull(nproc, "refinement.reflections.outlier.nproc");
			Objects.requireNonNull(blockWidth, "refinement.reflections.outlier.block_width");
			Objects.requireNonNull(tukey, "refinement.reflections.outlier.tukey");
			Objects.requireNonNull(mcd, "refinement.reflections.outlier.mcd");
			Objects.requireNonNull(sauterPoon, "refinement.reflections.outlier.sauter_poon");
		}

		public static Outlier defaults() {
			return new Outlier(OutlierAlgorithm.AUTO, OptionalInt.empty(), 20, true, false, true, OptionalDouble.empty(), Tukey.defaults(), Mcd.defaults(),
					SauterPoon.defaults());
		}

		public Outlier withAlgorithm(OutlierAlgorithm a) {
			return new Outlier(a, nproc, minimumNumberOfReflections, separateExperiments, separatePanels, separateBlocks, blockWidth, tukey, mcd, sauterPoon);
		}
	}

	/** {@code outlier.tukey}. */
	public record Tukey(@Param(help = "The IQR multiplier used to detect outliers. A value of 1.5 gives Tukey's rule for outlier detection", min = 0) double iqrMultiplier) {
		public static Tukey defaults() { return new Tukey(1.5); }
	}

	/** {@code outlier.mcd} (FAST-MCD, Rousseeuw &amp; van Driessen 1999). */
	public record Mcd(
			@Param(help = "Decimal fraction controlling the size of subsets over which the covariance matrix determinant is minimised.", min = 0, max = 1) double alpha,
			@Param(help = "The maximum number of groups to split the dataset into if the dataset is 'large' (more observations than twice the min_group_size).", min = 1) int maxNGroups,
			@Param(help = "The smallest sub-dataset size when splitting the dataset into a number of groups, maximally max_n_groups.", min = 100) int minGroupSize,
			@Param(help = "The number of samples used for initial estimates to seed the search within each sub-dataset.", min = 1) int nTrials,
			@Param(help = "The number of concentration steps to take after initial estimates.", min = 1) int k1,
			@Param(help = "If the dataset is 'large', the number of concentration steps to take after applying the best subset estimates to the merged group.", min = 1) int k2,
			@Param(help = "If the dataset is 'small', the number of concentration steps to take after selecting the best of the initial estimates, applied to the whole dataset.", min = 1) int k3,
			@Param(help = "Quantile probability from the Chi-squared distribution with number of degrees of freedom equal to the number of dimensions of the data data (e.g. 3 for X, Y and Phi residuals). Observations whose robust Mahalanobis distances are larger than the obtained quantile will be flagged as outliers.", min = 0, max = 1) double thresholdProbability) {
		public static Mcd defaults() { return new Mcd(0.5, 5, 300, 500, 2, 2, 100, 0.975); }
	}

	/** {@code outlier.sauter_poon}. */
	public record SauterPoon(
			@Param(help = "X, Y pixel size in mm. If Auto, this will be taken from the first panel of the first experiment.", size = 2, min = 0) double[] pxSz,
			@Param(help = "Verbose output.") boolean verbose) {
		public SauterPoon {
			pxSz = pxSz == null ? new double[0] : pxSz.clone();
			if (pxSz.length != 0 && pxSz.length != 2) throw new IllegalArgumentException("refinement.reflections.outlier.sauter_poon.px_sz needs 2 values");
		}

		public static SauterPoon defaults() { return new SauterPoon(new double[0], false); }

		@Override public double[] pxSz() { return pxSz.clone(); }
	}
}
