package org.bragg.model;

import java.util.Map;
import java.util.Objects;

/**
 * One experiment, as dxtbx's {@code Experiment}: the models that together describe one sweep or still
 * of one crystal. Models may be shared by identity between experiments (one detector for a whole
 * stills run); {@code .expt} files keep that sharing. Optional models are null (a still has no
 * goniometer or scan; an imported experiment no crystal). Profile and scaling models are kept as
 * JSON-like maps (dxtbx dictionaries) until their stages define typed models.
 *
 * @param identifier unique string (DIALS writes a UUID); never null, may be empty
 * @since 0.1
 */
public record Experiment(String identifier, Beam beam, Detector detector, Goniometer goniometer, Scan scan, Crystal crystal,
		ImageSet imageSet, Map<String, Object> profile, Map<String, Object> scalingModel) {

	public Experiment {
		Objects.requireNonNull(identifier);
	}

	public boolean isStill() { return goniometer == null || scan == null || scan.isStill(); }

	public Experiment withBeam(Beam b) { return new Experiment(identifier, b, detector, goniometer, scan, crystal, imageSet, profile, scalingModel); }
	public Experiment withDetector(Detector d) { return new Experiment(identifier, beam, d, goniometer, scan, crystal, imageSet, profile, scalingModel); }
	public Experiment withGoniometer(Goniometer g) { return new Experiment(identifier, beam, detector, g, scan, crystal, imageSet, profile, scalingModel); }
	public Experiment withScan(Scan s) { return new Experiment(identifier, beam, detector, goniometer, s, crystal, imageSet, profile, scalingModel); }
	public Experiment withCrystal(Crystal c) { return new Experiment(identifier, beam, detector, goniometer, scan, c, imageSet, profile, scalingModel); }
	public Experiment withImageSet(ImageSet i) { return new Experiment(identifier, beam, detector, goniometer, scan, crystal, i, profile, scalingModel); }
	public Experiment withProfile(Map<String, Object> p) { return new Experiment(identifier, beam, detector, goniometer, scan, crystal, imageSet, p, scalingModel); }
	public Experiment withScalingModel(Map<String, Object> m) { return new Experiment(identifier, beam, detector, goniometer, scan, crystal, imageSet, profile, m); }
	public Experiment withIdentifier(String id) { return new Experiment(id, beam, detector, goniometer, scan, crystal, imageSet, profile, scalingModel); }
}
