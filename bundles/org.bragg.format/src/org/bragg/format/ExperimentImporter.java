package org.bragg.format;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.ImageSet;
import org.bragg.model.Panel;
import org.bragg.model.Progress;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;

/**
 * The library function behind {@code bragg import}: expands file names, globs, templates
 * ({@code name_####.cbf}) and directories, reads each header once with the deepest format reader,
 * groups consecutive images with equal models and contiguous oscillation into sequences and the rest
 * into stills, and applies the {@code geometry.*} overrides, as {@code dials.import} does.
 *
 * <p>Difference from DIALS 3.12: images with zero oscillation width (grid scans, serial data) are
 * imported as stills, not as a sequence of zero-width scans (which DIALS's indexer cannot handle).
 *
 * @since 0.1
 */
public final class ExperimentImporter {
	private ExperimentImporter() {}

	/** What was imported, for the DIALS-style summary. */
	public record Result(ExperimentList experiments, List<String> formatNames, int numImages, int numSweeps, int numStills) {}

	private record Image(Path path, int indexInFile, String format, Beam beam, Detector detector, Goniometer goniometer, Scan scan,
			String template, int number) {}

	/**
	 * Imports images.
	 *
	 * @param inputs file names, globs, templates with #, or directories
	 * @throws BraggInputException if an input does not exist, no image is found, a file cannot be read,
	 *         or the image range lies outside the files
	 */
	public static Result importImages(List<String> inputs, ImportParameters params, FormatRegistry registry, Progress progress)
			throws BraggInputException {
		java.util.Set<Path> fromDirectories = new java.util.HashSet<>();
		List<Path> files = expandInputs(inputs, params, fromDirectories);
		if (files.isEmpty()) throw new BraggInputException("no image files given: name files, a template with # or a directory");
		List<Image> images = readHeaders(files, fromDirectories, registry, progress);
		if (images.isEmpty())
			throw new BraggInputException(files.get(0).getParent() + ": no images found (" + files.size() + " file(s), none understood by a format reader, e.g. "
					+ files.get(0).getFileName() + ")");
		return group(images, params);
	}

	/** Expands inputs into a sorted, de-duplicated list of files. */
	static List<Path> expandInputs(List<String> inputs, ImportParameters params, java.util.Set<Path> fromDirectories) throws BraggInputException {
		List<String> all = new ArrayList<>(inputs);
		params.input().template().ifPresent(all::add);
		params.input().directory().ifPresent(d -> all.add(d.toString()));
		LinkedHashMap<Path, Boolean> out = new LinkedHashMap<>();
		for (String in : all) {
			Path p = Path.of(in);
			if (Files.isDirectory(p)) {
				List<Path> found = new ArrayList<>();
				try (Stream<Path> s = Files.list(p)) {
					s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().forEach(found::add);
				} catch (IOException e) {
					throw new BraggInputException(p + ": cannot list directory (" + e.getMessage() + ")");
				}
				if (found.isEmpty()) throw new BraggInputException(p + ": directory contains no files");
				found.forEach(f -> {
					out.put(f.toAbsolutePath().normalize(), true);
					fromDirectories.add(f.toAbsolutePath().normalize());
				});
			} else if (in.contains("#") && !Files.exists(p)) {
				List<Path> found = expandTemplate(in);
				if (found.isEmpty()) throw new BraggInputException(in + ": no files match the template");
				found.forEach(f -> out.put(f, true));
			} else if ((in.contains("*") || in.contains("?") || in.contains("[")) && !Files.exists(p)) {
				List<Path> found = glob(in);
				if (found.isEmpty()) throw new BraggInputException(in + ": no files match the pattern");
				found.forEach(f -> out.put(f, true));
			} else if (Files.isRegularFile(p)) {
				out.put(p.toAbsolutePath().normalize(), true);
			} else {
				throw new BraggInputException(in + ": file not found");
			}
		}
		return new ArrayList<>(out.keySet());
	}

	private static List<Path> expandTemplate(String template) throws BraggInputException {
		Path t = Path.of(template).toAbsolutePath();
		Path dir = t.getParent();
		String name = t.getFileName().toString();
		int a = name.indexOf('#'), b = name.lastIndexOf('#');
		Pattern pat = Pattern.compile(Pattern.quote(name.substring(0, a)) + "(\\d{" + (b - a + 1) + "})" + Pattern.quote(name.substring(b + 1)));
		List<Path> out = new ArrayList<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
			for (Path f : ds) if (pat.matcher(f.getFileName().toString()).matches()) out.add(f.normalize());
		} catch (IOException e) {
			throw new BraggInputException(template + ": cannot list " + dir + " (" + e.getMessage() + ")");
		}
		out.sort(null);
		return out;
	}

	private static List<Path> glob(String pattern) throws BraggInputException {
		Path t = Path.of(pattern).toAbsolutePath();
		Path dir = t.getParent();
		PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + t.getFileName());
		List<Path> out = new ArrayList<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
			for (Path f : ds) if (m.matches(f.getFileName()) && Files.isRegularFile(f)) out.add(f.normalize());
		} catch (IOException e) {
			throw new BraggInputException(pattern + ": cannot list " + dir + " (" + e.getMessage() + ")");
		}
		out.sort(null);
		return out;
	}

	private static final Pattern DIGITS = Pattern.compile("(\\d+)(\\D*)$");

	/** Splits a file name into a DIALS-style template ({@code #} for the last run of digits) and the number. */
	static String[] templateOf(Path file) {
		String name = file.getFileName().toString();
		String core = name, ext = "";
		for (String c : new String[] { ".bz2", ".gz" }) if (core.endsWith(c)) { ext = c + ext; core = core.substring(0, core.length() - c.length()); }
		int dot = core.lastIndexOf('.');
		String stem = dot > 0 ? core.substring(0, dot) : core;
		String suffix = (dot > 0 ? core.substring(dot) : "") + ext;
		Matcher m = DIGITS.matcher(stem);
		if (!m.find() || !m.group(2).isEmpty()) return new String[] { file.toString(), "0" };
		String digits = m.group(1);
		if (digits.length() > 9) return new String[] { file.toString(), "0" }; // a time stamp, not an image number
		String tmpl = stem.substring(0, m.start(1)) + "#".repeat(digits.length()) + suffix;
		return new String[] { file.resolveSibling(tmpl).toString(), digits };
	}

	private record Header(List<Image> images, BraggInputException error) {}

	/** Reads every header once, in parallel over all cores, keeping the input order. */
	private static List<Image> readHeaders(List<Path> files, java.util.Set<Path> optional, FormatRegistry registry, Progress progress)
			throws BraggInputException {
		progress.begin("Reading image headers", files.size());
		int nThreads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(nThreads, r -> {
			Thread t = new Thread(r, "bragg-import");
			t.setDaemon(true);
			return t;
		});
		try {
			List<java.util.concurrent.Future<Header>> futures = new ArrayList<>();
			for (Path f : files) futures.add(pool.submit(() -> {
				try {
					if (progress.isCancelled()) return new Header(List.of(), new BraggInputException("import cancelled"));
					return new Header(readHeader(f, optional.contains(f), registry), null);
				} catch (BraggInputException e) {
					return new Header(List.of(), e);
				} finally {
					progress.worked(1);
				}
			}));
			List<Image> out = new ArrayList<>();
			for (java.util.concurrent.Future<Header> fu : futures) {
				Header h;
				try {
					h = fu.get();
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new BraggInputException("import interrupted");
				} catch (java.util.concurrent.ExecutionException e) {
					throw new IllegalStateException(e.getCause());
				}
				if (h.error() != null) throw h.error();
				out.addAll(h.images());
			}
			progress.done();
			return out;
		} finally {
			pool.shutdownNow();
		}
	}

	private static List<Image> readHeader(Path f, boolean optional, FormatRegistry registry) throws BraggInputException {
		FormatReader r;
		try {
			r = registry.find(f);
		} catch (BraggInputException e) {
			if (optional) return List.of(); // files in a directory that no reader understands are skipped, as dials.import does
			throw e;
		}
		for (Path extra : r.companionFiles(f))
			if (!Files.isRegularFile(extra)) throw new BraggInputException(f + ": data file " + extra.getFileName() + " is missing");
		List<Image> out = new ArrayList<>();
		try (ImageFile img = r.open(f)) {
			String[] tn = templateOf(f);
			for (int i = 0; i < img.numImages(); i++) {
				Scan s = img.scan(i);
				out.add(new Image(f, img.numImages() > 1 ? i : -1, r.name(), img.beam(i), img.detector(i), img.goniometer(i), s, tn[0],
						img.numImages() > 1 ? i + 1 : Integer.parseInt(tn[1])));
			}
		}
		return out;
	}

	private static Result group(List<Image> images, ImportParameters params) throws BraggInputException {
		ImportParameters.Geometry g = params.geometry();
		List<Experiment> experiments = new ArrayList<>();
		List<String> formats = new ArrayList<>();
		int sweeps = 0, stills = 0;
		// Canonical shared models (by value) so that equal models share one instance, as in DIALS .expt files.
		List<Beam> beams = new ArrayList<>();
		List<Detector> detectors = new ArrayList<>();
		int[] imageRange = g.scan().imageRange();
		int i = 0;
		while (i < images.size()) {
			Image first = images.get(i);
			if (!formats.contains(first.format())) formats.add(first.format());
			boolean isSweep = !g.convertSequencesToStills() && first.scan() != null && first.goniometer() != null
					&& first.scan().oscillationWidth() != 0;
			int j = i + 1;
			if (isSweep) {
				while (j < images.size() && continues(images.get(j - 1), images.get(j))) j++;
				List<Image> run = images.subList(i, j);
				Image last = run.get(run.size() - 1);
				int firstNo = first.number(), lastNo = last.number();
				int a = firstNo, b = lastNo;
				if (imageRange.length == 2) {
					a = imageRange[0];
					b = imageRange[1];
					if (a < firstNo || b > lastNo || b < a)
						throw new BraggInputException("image_range=" + a + "," + b + " lies outside the images found (" + firstNo + "-" + lastNo + ") for "
								+ first.template());
				}
				double[] exp = new double[lastNo - firstNo + 1], ep = new double[lastNo - firstNo + 1];
				for (int k = 0; k < run.size(); k++) {
					exp[k] = run.get(k).scan().exposureTimes()[0];
					ep[k] = run.get(k).scan().epochs()[0];
				}
				Scan fs = first.scan();
				Scan scan = new Scan(firstNo, lastNo, fs.oscillationStart(), fs.oscillationWidth(), exp, ep, fs.batchOffset()).slice(a, b);
				ImageSet set;
				if (first.indexInFile() >= 0) {
					List<Path> paths = new ArrayList<>();
					int[] idx = new int[b - a + 1];
					for (int k = a; k <= b; k++) {
						paths.add(run.get(k - firstNo).path());
						idx[k - a] = run.get(k - firstNo).indexInFile();
					}
					set = ImageSet.ofFiles(ImageSet.SEQUENCE, paths, idx);
				} else {
					set = ImageSet.sequence(Path.of(first.template()));
				}
				Beam beam = share(beams, applyBeam(first.beam(), g));
				Detector det = share(detectors, applyDetector(first.detector(), beam, g));
				experiments.add(new Experiment(ExperimentList.newIdentifier(), beam, det, applyGoniometer(first.goniometer(), g), applyScan(scan, g),
						null, applyLookup(set, params.lookup()), null, null));
				sweeps++;
			} else {
				if (imageRange.length == 2 && (first.number() < imageRange[0] || first.number() > imageRange[1])) {
					i = j;
					continue;
				}
				Beam beam = share(beams, applyBeam(first.beam(), g));
				Detector det = share(detectors, applyDetector(first.detector(), beam, g));
				ImageSet set = ImageSet.ofFiles(ImageSet.STILLS, List.of(first.path()), first.indexInFile() >= 0 ? new int[] { first.indexInFile() } : new int[0]);
				experiments.add(new Experiment(ExperimentList.newIdentifier(), beam, det, null, null, null, applyLookup(set, params.lookup()), null, null));
				stills++;
			}
			i = j;
		}
		if (experiments.isEmpty())
			throw new BraggInputException("image_range=" + imageRange[0] + "," + imageRange[1] + " selects none of the " + images.size() + " images");
		if (!params.input().allowMultipleSequences() && sweeps > 1)
			throw new BraggInputException(sweeps + " sequences found but input.allow_multiple_sequences=False");
		int n = 0;
		for (Experiment e : experiments) n += e.scan() != null ? e.scan().numImages() : 1;
		return new Result(new ExperimentList(experiments), formats, n, sweeps, stills);
	}

	private static <T> T share(List<T> pool, T m) {
		for (T t : pool) if (t.equals(m)) return t;
		pool.add(m);
		return m;
	}

	private static boolean continues(Image prev, Image next) {
		if (!prev.template().equals(next.template()) || next.number() != prev.number() + 1) return false;
		if (!prev.format().equals(next.format())) return false;
		if (prev.indexInFile() >= 0 != next.indexInFile() >= 0) return false;
		Scan a = prev.scan(), b = next.scan();
		if (a == null || b == null || next.goniometer() == null) return false;
		if (Math.abs(a.oscillationWidth() - b.oscillationWidth()) > 1e-6 * Math.max(1, Math.abs(a.oscillationWidth()))) return false;
		if (Math.abs(a.oscillationStart() + a.oscillationWidth() - b.oscillationStart()) > 0.03 * Math.abs(a.oscillationWidth())) return false;
		return approx(prev.beam(), next.beam()) && approx(prev.detector(), next.detector())
				&& prev.goniometer().rotationAxis().approxEquals(next.goniometer().rotationAxis(), 1e-6);
	}

	private static boolean approx(Beam a, Beam b) {
		return Math.abs(a.wavelength() - b.wavelength()) <= 1e-6 * a.wavelength() && a.direction().approxEquals(b.direction(), 1e-6);
	}

	private static boolean approx(Detector a, Detector b) {
		if (a.size() != b.size()) return false;
		for (int k = 0; k < a.size(); k++) {
			Panel p = a.panel(k), q = b.panel(k);
			if (!p.origin().approxEquals(q.origin(), 5e-2) || !p.fastAxis().approxEquals(q.fastAxis(), 1e-6)
					|| !p.slowAxis().approxEquals(q.slowAxis(), 1e-6))
				return false;
		}
		return true;
	}

	static Beam applyBeam(Beam b, ImportParameters.Geometry g) {
		ImportParameters.Beam o = g.beam();
		if (o.wavelength().isPresent()) b = b.withWavelength(o.wavelength().getAsDouble());
		if (o.direction().length == 3) b = b.withDirection(Vec3.of(o.direction()));
		if (o.polarizationNormal().length == 3) b = b.withPolarization(Vec3.of(o.polarizationNormal()), b.polarizationFraction());
		if (o.polarizationFraction().isPresent()) b = b.withPolarization(b.polarizationNormal(), o.polarizationFraction().getAsDouble());
		return b;
	}

	/** Applies panel, distance and beam-centre overrides (in that order, as dials.import). */
	static Detector applyDetector(Detector d, Beam beam, ImportParameters.Geometry g) throws BraggInputException {
		ImportParameters.Detector o = g.detector();
		ImportParameters.Panel po = o.panel();
		if (po.gain().isPresent() || po.pedestal().isPresent() || po.pixelSize().length == 2 || po.trustedRange().length == 2
				|| po.thickness().isPresent()) {
			if (po.id() >= d.size()) throw new BraggInputException("geometry.detector.panel.id=" + po.id() + " but the detector has " + d.size() + " panel(s)");
			Panel p = d.panel(po.id());
			if (po.gain().isPresent()) p = p.withGain(po.gain().getAsDouble());
			if (po.pedestal().isPresent()) p = p.withPedestal(po.pedestal().getAsDouble());
			if (po.pixelSize().length == 2) p = p.withPixelSize(po.pixelSize()[0], po.pixelSize()[1]);
			if (po.trustedRange().length == 2) p = p.withTrustedRange(po.trustedRange()[0], po.trustedRange()[1]);
			if (po.thickness().isPresent()) p = p.withPxMmStrategy(p.pxMmStrategy(), p.mu(), po.thickness().getAsDouble());
			d = d.withPanel(po.id(), p);
		}
		Vec3 s0 = beam.s0();
		if (o.distance().isPresent()) {
			// Move the whole detector along the root normal so that the beam-centre panel's distance becomes the value.
			Detector.Intersection bc = d.beamCentre(s0);
			Panel ref = d.panel(bc == null ? 0 : bc.panel());
			double shift = o.distance().getAsDouble() - Math.abs(ref.distance());
			Vec3 n = ref.normal();
			if (ref.origin().dot(n) < 0) n = n.negate();
			d = translate(d, n.times(shift));
		}
		double[] fs = o.fastSlowBeamCentre().length >= 2 ? o.fastSlowBeamCentre()
				: o.slowFastBeamCentre().length >= 2 ? new double[] { o.slowFastBeamCentre()[1], o.slowFastBeamCentre()[0],
						o.slowFastBeamCentre().length == 3 ? o.slowFastBeamCentre()[2] : 0 } : null;
		if (fs != null) {
			int pid = fs.length == 3 ? (int) fs[2] : 0;
			if (pid >= d.size()) throw new BraggInputException("fast_slow_beam_centre panel " + pid + " but the detector has " + d.size() + " panel(s)");
			d = moveBeamCentre(d, pid, s0, new double[] { fs[0], fs[1] });
		} else if (o.mosflmBeamCentre().length == 2) {
			// MOSFLM beam centre: (slow, fast) in mm, without parallax
			Panel p = d.panel(0);
			double[] now = p.rayIntersection(s0);
			if (now == null) throw new BraggInputException("cannot set the beam centre: the beam does not meet the panel plane");
			Vec3 t = p.fastAxis().times(now[0] - o.mosflmBeamCentre()[1]).plus(p.slowAxis().times(now[1] - o.mosflmBeamCentre()[0]));
			d = translate(d, t);
		}
		return d;
	}

	/** Translates every panel (and hierarchy group) of the detector by {@code t} (mm, lab frame). */
	public static Detector translate(Detector d, Vec3 t) {
		List<Panel> ps = new ArrayList<>();
		for (Panel p : d.panels()) ps.add(p.withFrame(p.fastAxis(), p.slowAxis(), p.origin().plus(t)));
		Detector out = d.withPanels(ps);
		if (d.hasExplicitHierarchy()) out = out.withHierarchy(translate(d.hierarchy(), t));
		return out;
	}

	private static DetectorNode.Group translate(DetectorNode.Group g, Vec3 t) {
		List<DetectorNode> kids = new ArrayList<>();
		for (DetectorNode n : g.children()) kids.add(n instanceof DetectorNode.Group sub ? translate(sub, t) : n);
		return new DetectorNode.Group(g.name(), g.type(), g.fastAxis(), g.slowAxis(), g.origin().plus(t), kids);
	}

	/**
	 * Shifts the detector in the plane of panel {@code pid} so that the beam meets it at pixel
	 * {@code wantPx}. The parallax correction depends on where the panel is, so the shift is iterated
	 * until the beam centre is within 1e-9 px.
	 */
	private static Detector moveBeamCentre(Detector d, int pid, Vec3 s0, double[] wantPx) throws BraggInputException {
		for (int iter = 0; iter < 20; iter++) {
			Panel p = d.panel(pid);
			double[] now = p.rayIntersection(s0);
			if (now == null) throw new BraggInputException("cannot set the beam centre: the beam does not meet the panel plane");
			double[] wantMm = p.pixelToMillimetre(wantPx[0], wantPx[1]);
			if (Math.abs(now[0] - wantMm[0]) < 1e-12 && Math.abs(now[1] - wantMm[1]) < 1e-12) break;
			Vec3 t = p.fastAxis().times(now[0] - wantMm[0]).plus(p.slowAxis().times(now[1] - wantMm[1]));
			d = translate(d, t);
		}
		return d;
	}

	static Goniometer applyGoniometer(Goniometer gon, ImportParameters.Geometry g) throws BraggInputException {
		ImportParameters.Goniometer o = g.goniometer();
		if (gon == null) return null;
		if (o.axis().length == 3) gon = gon.withRotationAxis(Vec3.of(o.axis()));
		if (o.axes().length == 3) gon = gon.withRotationAxis(Vec3.of(o.axes()));
		else if (o.axes().length > 3) throw new BraggInputException("geometry.goniometer.axes: multi-axis overrides are not supported yet; give one axis (3 values)");
		if (o.invertRotationAxis()) gon = gon.withRotationAxis(gon.rotationAxis().negate());
		return gon;
	}

	static Scan applyScan(Scan s, ImportParameters.Geometry g) {
		ImportParameters.Scan o = g.scan();
		if (o.oscillation().length == 2) s = s.withOscillation(o.oscillation()[0], o.oscillation()[1]);
		if (o.batchOffset().isPresent()) s = s.withBatchOffset(o.batchOffset().getAsInt());
		return s;
	}

	static ImageSet applyLookup(ImageSet set, ImportParameters.Lookup l) {
		if (l.mask().isPresent()) set = set.withMask(l.mask().get().toAbsolutePath());
		if (l.gain().isPresent()) set = set.withGain(l.gain().get().toAbsolutePath());
		if (l.pedestal().isPresent()) set = set.withPedestal(l.pedestal().get().toAbsolutePath());
		if (l.dx().isPresent() || l.dy().isPresent())
			set = set.withDxDy(l.dx().map(Path::toAbsolutePath).orElse(null), l.dy().map(Path::toAbsolutePath).orElse(null));
		return set;
	}
}
