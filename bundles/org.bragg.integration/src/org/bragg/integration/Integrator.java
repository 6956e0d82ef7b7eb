package org.bragg.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.bragg.format.FormatRegistry;
import org.bragg.integration.internal.RotationIntegrator;
import org.bragg.integration.internal.SummaryTable;
import org.bragg.model.BraggInputException;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Panel;
import org.bragg.model.Progress;
import org.bragg.model.reflection.ReflectionTable;

/**
 * Integrates rotation data as {@code dials.integrate} with the 3D integrator (Winter et al. 2018, Acta Cryst. D74,
 * 85–97; Kabsch 2010, Acta Cryst. D66, 133–144): profile model estimation from the strong reflections, prediction,
 * n_σ bounding boxes, foreground/background masks with neighbour overlaps, background (glm / simple / null), and
 * summation intensities with partiality, Lorentz–polarisation, detector QE and resolution columns; with
 * {@code profile.fitting} (default) also 3D profile-fitted intensities in the Kabsch frame ({@code intensity.prf.*},
 * {@code profile.correlation}, flags {@code integrated_prf} and {@code used_in_modelling}) from reference profiles
 * learnt from the strong spots in the same streaming pass, per detector region (3×3 grid on a single panel) and
 * 5° scan block, as DIALS's {@code regular_grid}/{@code single} samplers.
 *
 * <p><b>Memory and threads.</b> Every image is read once, in order ({@code mp.nproc} images decoded ahead in
 * parallel); a reflection's shoebox exists only while its frame range is open and is integrated and freed on the
 * worker pool as soon as its last frame has been read, so peak memory scales with the reflections in flight, not
 * with the scan length; with profile fitting, a reflection's transformed 2·11³-float grid is kept until its 5° scan
 * block is fitted, as soon as the references of that block and its neighbours are complete (about two scan blocks
 * of reflections at a time). Output does not depend on
 * {@code nproc} (up to float summation order in the reference profiles).
 *
 * <p>Not implemented (yet): stills here (see {@code StillsIntegrator}), scan-varying profile models, ice-ring flags; profile fitting has no profile validation
 * and no {@code BadReference} flag.
 *
 * @since 0.1
 */
public final class Integrator {
	private Integrator() {}

	/**
	 * @param experiments rotation experiments with crystal, scan, goniometer and imageset
	 * @param reference   strong indexed reflections with shoeboxes (as {@code refined.refl} / {@code indexed.refl}),
	 *                    used for σ_b/σ_m unless {@code profile.sigma_b/sigma_m} are both given
	 * @param params      parameters
	 * @param formats     the image format registry
	 * @param progress    progress, one unit per image
	 * @param log         receives DIALS-style log lines
	 * @return experiments with profile models, integrated reflections and summary
	 * @throws BraggInputException if images cannot be read or the input cannot be integrated (stills, too few
	 *                             reference spots)
	 */
	public static IntegrationResult integrate(ExperimentList experiments, ReflectionTable reference, IntegrationParameters params, FormatRegistry formats,
			Progress progress, Consumer<String> log) throws BraggInputException {
		List<ProfileModel> models = new ArrayList<>();
		List<Experiment> out = new ArrayList<>();
		for (int ie = 0; ie < experiments.size(); ie++) {
			Experiment e = experiments.get(ie);
			if (e.isStill()) throw new BraggInputException("experiment " + ie + ": stills integration is not implemented in bragg integrate (expected a rotation scan)");
			if (e.crystal() == null) throw new BraggInputException("experiment " + ie + ": no crystal model (expected indexed/refined experiments)");
			ProfileModel pm;
			var pp = params.profile();
			if (pp.sigmaB().isPresent() && pp.sigmaM().isPresent()) {
				pm = new ProfileModel(pp.nSigma(), pp.sigmaB().getAsDouble(), pp.sigmaM().getAsDouble());
			} else {
				if (reference == null) throw new BraggInputException("bragg integrate needs strong reflections (.refl) to estimate sigma_b and sigma_m");
				try {
					pm = ProfileModel.estimate(experiments, ie, reference, pp.nSigma());
				} catch (IllegalArgumentException x) {
					throw new BraggInputException("experiment " + ie + ": cannot estimate the profile model: " + x.getMessage()
							+ " (expected strong indexed reflections with shoeboxes, or give profile.sigma_b= and profile.sigma_m=)");
				}
				if (pp.sigmaB().isPresent()) pm = new ProfileModel(pp.nSigma(), pp.sigmaB().getAsDouble(), pm.sigmaMDeg());
				if (pp.sigmaM().isPresent()) pm = new ProfileModel(pp.nSigma(), pm.sigmaBDeg(), pp.sigmaM().getAsDouble());
			}
			log.accept(String.format(Locale.ROOT, " sigma b: %f degrees", pm.sigmaBDeg()));
			log.accept(String.format(Locale.ROOT, " sigma m: %f degrees", pm.sigmaMDeg()));
			models.add(pm);
			out.add(e.withProfile(pm.toProfileMap()));
		}
		ExperimentList withProfiles = new ExperimentList(out);
		double dMin = params.prediction().dMin().orElse(Double.NaN);
		if (Double.isNaN(dMin)) {
			dMin = Double.POSITIVE_INFINITY;
			for (Experiment e : withProfiles) dMin = Math.min(dMin, cornerResolution(e));
		}
		RotationIntegrator.Output r = RotationIntegrator.run(withProfiles, models, dMin, params, formats, progress, log, reference);
		List<String> summary = SummaryTable.format(r.all(), withProfiles);
		summary.forEach(log);
		// as DIALS, keep the reflections integrated by summation or by profile fitting
		long[] fl = r.all().get(org.bragg.model.reflection.Columns.FLAGS);
		boolean[] keep = new boolean[fl.length];
		for (int i = 0; i < fl.length; i++) keep[i] = (fl[i] & org.bragg.model.reflection.ReflectionFlag.INTEGRATED) != 0;
		ReflectionTable integrated = r.all().select(keep);
		integrated.experimentIdentifiers().putAll(r.all().experimentIdentifiers());
		log.accept(String.format(Locale.ROOT, "Removing %d unintegrated reflections of %d total", r.all().size() - integrated.size(), r.all().size()));
		return new IntegrationResult(withProfiles, integrated, models, summary, r.all().size());
	}

	/** @return the best resolution (Å) at the corners of the detector panels of {@code e} */
	public static double cornerResolution(Experiment e) {
		double best = Double.POSITIVE_INFINITY;
		for (Panel p : e.detector().panels()) {
			for (double[] c : new double[][] { { 0, 0 }, { p.nFast(), 0 }, { 0, p.nSlow() }, { p.nFast(), p.nSlow() } })
				best = Math.min(best, p.resolutionAtPixel(e.beam().s0(), c[0], c[1]));
		}
		return best;
	}
}
