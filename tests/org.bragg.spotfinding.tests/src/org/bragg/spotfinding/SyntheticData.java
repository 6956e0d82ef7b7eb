package org.bragg.spotfinding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.format.PanelData;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.ImageSet;
import org.bragg.model.Panel;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;

/**
 * Synthetic detector images for end-to-end tests: a tiny "format" whose files hold only a dataset
 * name and an image number, and whose pixels come from a generator registered in memory. Also builds
 * simple detector models and experiment lists around them.
 */
final class SyntheticData {
	private SyntheticData() {}

	/** Pixels of image {@code index} (0-based) of a dataset. */
	interface Generator extends IntFunction<PanelData[]> {}

	private static final Map<String, Generator> GENERATORS = new ConcurrentHashMap<>();

	/** The reader of synthetic files: "BRAGG-SYNTH name index". */
	static final class Reader implements FormatReader {
		@Override public String name() { return "FormatBraggSynthetic"; }
		@Override public String parent() { return ROOT; }
		@Override public boolean understand(FileHeader h) { return h.startsWith("BRAGG-SYNTH "); }

		@Override
		public ImageFile open(Path file) throws BraggInputException {
			String s;
			try {
				s = Files.readString(file, StandardCharsets.US_ASCII).trim();
			} catch (IOException e) {
				throw new BraggInputException(file + ": cannot read", e);
			}
			String[] w = s.split(" ");
			Generator g = GENERATORS.get(w[1]);
			int index = Integer.parseInt(w[2]);
			return new ImageFile() {
				@Override public Path path() { return file; }
				@Override public String formatName() { return "FormatBraggSynthetic"; }
				@Override public Beam beam(int i) { return null; }
				@Override public Detector detector(int i) { return null; }
				@Override public Goniometer goniometer(int i) { return null; }
				@Override public Scan scan(int i) { return null; }
				@Override public PanelData[] read(int i) throws BraggInputException {
					PanelData[] d = index < 0 ? null : g.apply(index);
					if (d == null) throw new BraggInputException(file + ": corrupt synthetic image (truncated data)");
					return d;
				}
			};
		}
	}

	/** @return a registry holding only the synthetic reader */
	static FormatRegistry registry() {
		FormatRegistry r = new FormatRegistry();
		r.add(new Reader());
		return r;
	}

	/**
	 * Writes image files {@code name_0001.syn …} into dir and registers the generator.
	 *
	 * @return the files in order
	 */
	static List<Path> files(Path dir, String name, int n, Generator g) throws IOException {
		GENERATORS.put(name, g);
		List<Path> out = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Path f = dir.resolve(String.format("%s_%04d.syn", name, i + 1));
			Files.writeString(f, "BRAGG-SYNTH " + name + " " + i + "\n");
			out.add(f);
		}
		return out;
	}

	/** A flat panel normal to the beam at 150 mm, pixel 0.172 mm, beam at the panel centre. */
	static Panel panel(String type, int nf, int ns, double trustedMax) {
		double px = 0.172;
		return new Panel("Panel", type, new Vec3(1, 0, 0), new Vec3(0, -1, 0), new Vec3(-nf * px / 2, ns * px / 2, -150), new int[] { 0, 0 },
				new int[] { nf, ns }, new double[] { px, px }, new double[] { -1, trustedMax }, 0.0, "Si", 0.0, "", List.of(), 1.0, 0.0,
				PxMmStrategy.SIMPLE);
	}

	/** One rotation sweep of {@code files} (images numbered from 1, 0.5° each). */
	static ExperimentList sweep(Path dir, String name, int n, Detector det) {
		Scan scan = new Scan(1, n, 0, 0.5, new double[n], new double[n], 0);
		ImageSet set = ImageSet.sequence(dir.resolve(name + "_####.syn"));
		return ExperimentList.of(new Experiment("synthetic-" + name, Beam.simple(1.0), det, Goniometer.singleAxis(new Vec3(1, 0, 0)), scan, null, set,
				null, null));
	}

	/** One stills imageset holding all files (one experiment per image). */
	static ExperimentList stills(List<Path> files, Detector det) {
		ImageSet set = ImageSet.ofFiles(ImageSet.STILLS, files, new int[0]);
		List<Experiment> l = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) l.add(new Experiment("still-" + i, Beam.simple(1.0), det, null, null, null, set, null, null));
		return new ExperimentList(l);
	}

	/** A Poisson deviate (Knuth for small means, normal approximation above 60). */
	static int poisson(Random r, double mean) {
		if (mean <= 0) return 0;
		if (mean > 60) return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
		double l = Math.exp(-mean), p = 1;
		int k = 0;
		do {
			k++;
			p *= r.nextDouble();
		} while (p > l);
		return k - 1;
	}

	/** Fraction of a unit Gaussian (centre c, sigma s) between a and b. */
	static double gaussFraction(double a, double b, double c, double s) {
		return 0.5 * (erf((b - c) / (s * Math.sqrt(2))) - erf((a - c) / (s * Math.sqrt(2))));
	}

	/** erf with 1.5e-7 absolute accuracy (Abramowitz and Stegun 7.1.26). */
	static double erf(double x) {
		double t = 1 / (1 + 0.3275911 * Math.abs(x));
		double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
		return x >= 0 ? y : -y;
	}

	/** A true spot: centre (x, y px, z frames), total counts, widths (px, frames). */
	record TrueSpot(double x, double y, double z, double counts, double sxy, double sz) {}

	/**
	 * Expected counts of a set of 3D Gaussian spots on image {@code frame} (pixel-integrated in x, y and
	 * frame-integrated in z), added to {@code lambda}.
	 */
	static void addSpots(double[] lambda, int nf, int ns, int frame, List<TrueSpot> spots) {
		for (TrueSpot s : spots) {
			double fz = gaussFraction(frame, frame + 1, s.z(), s.sz());
			if (fz < 1e-6) continue;
			int r = (int) Math.ceil(5 * s.sxy());
			int x0 = Math.max(0, (int) s.x() - r), x1 = Math.min(nf - 1, (int) s.x() + r);
			int y0 = Math.max(0, (int) s.y() - r), y1 = Math.min(ns - 1, (int) s.y() + r);
			for (int y = y0; y <= y1; y++) {
				double fy = gaussFraction(y, y + 1, s.y(), s.sxy());
				for (int x = x0; x <= x1; x++) {
					lambda[y * nf + x] += s.counts() * fz * fy * gaussFraction(x, x + 1, s.x(), s.sxy());
				}
			}
		}
	}
}
