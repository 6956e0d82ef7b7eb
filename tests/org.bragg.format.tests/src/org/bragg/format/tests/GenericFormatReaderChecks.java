package org.bragg.format.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.format.ImageFiles;
import org.bragg.format.PanelData;
import org.bragg.model.Detector;
import org.bragg.model.Panel;
import org.junit.jupiter.api.Test;

/**
 * Conformance checks that every {@link FormatReader} must pass (EJML-style generic suite): a
 * reader's test class extends this class and names the reader, some of its sample files and a file
 * of another format. Checks: the reader and its ancestors understand the samples and the reader
 * rejects the foreign file; the registry picks this reader as the deepest for each sample; the
 * reader is found by {@link ServiceLoader}; opened files give models and pixel arrays that agree in
 * panel count and size; concurrent reads (one shared {@link ImageFile} and separate opens) give
 * identical arrays.
 */
public abstract class GenericFormatReaderChecks {

	/** @return a new instance of the reader under test */
	protected abstract FormatReader reader();

	/** @return files the reader must understand and be chosen for (at least one) */
	protected abstract List<Path> sampleFiles();

	/** @return a file of another format that the reader must not understand */
	protected abstract Path foreignFile();

	/**
	 * @return readers to register besides those {@link ServiceLoader} finds: by default the reader
	 *         under test; a family's test names all its readers, so that the checks also work where
	 *         ServiceLoader cannot see other bundles' {@code META-INF/services} (an OSGi test runtime)
	 */
	protected List<FormatReader> knownReaders() {
		return List.of(reader());
	}

	/** @return the registry used for the checks: every reader on the class path plus {@link #knownReaders()} */
	protected FormatRegistry registry() {
		FormatRegistry r = FormatRegistry.fromServiceLoader();
		for (FormatReader f : knownReaders()) r.add(f);
		return r;
	}

	/** @return how many images of each sample to read in the consistency check (default 2) */
	protected int imagesToRead() {
		return 2;
	}

	private static FileHeader header(Path p) throws Exception {
		return new FileHeader(p, ImageFiles.readHead(p, FileHeader.MAX_BYTES));
	}

	@Test
	void readerHasNameAndKnownParent() {
		FormatReader r = reader();
		assertFalse(r.name().isBlank(), "reader name");
		FormatRegistry reg = registry();
		assertNotNull(reg.byName(r.name()), r.name() + " is not in the registry");
		assertTrue(r.parent().equals(FormatReader.ROOT) || reg.byName(r.parent()) != null, "parent " + r.parent() + " of " + r.name() + " is not registered");
	}

	@Test
	void understandsItsSamplesAndAncestorsDoToo() throws Exception {
		FormatRegistry reg = registry();
		assertFalse(sampleFiles().isEmpty(), "no sample files");
		for (Path p : sampleFiles()) {
			FileHeader h = header(p);
			assertTrue(reader().understand(h), reader().name() + " should understand " + p);
			for (String anc = reader().parent(); !anc.equals(FormatReader.ROOT); anc = reg.byName(anc).parent())
				assertTrue(reg.byName(anc).understand(h), "ancestor " + anc + " should understand " + p);
		}
	}

	@Test
	void rejectsAnotherFormat() throws Exception {
		assertFalse(reader().understand(header(foreignFile())), reader().name() + " should not understand " + foreignFile());
	}

	@Test
	void registryPicksThisReaderAsDeepest() throws Exception {
		FormatRegistry reg = registry();
		for (Path p : sampleFiles()) assertEquals(reader().name(), reg.find(p).name(), "reader chosen for " + p);
	}

	@Test
	void openedFilesAreConsistentWithTheirPixels() throws Exception {
		for (Path p : sampleFiles()) {
			try (ImageFile f = reader().open(p)) {
				assertEquals(reader().name(), f.formatName(), "formatName of " + p);
				assertTrue(f.numImages() >= 1);
				for (int i = 0; i < Math.min(imagesToRead(), f.numImages()); i++) {
					assertNotNull(f.beam(i), "beam");
					Detector d = f.detector(i);
					PanelData[] data = f.read(i);
					assertEquals(d.size(), data.length, "one PanelData per panel in " + p);
					for (int k = 0; k < data.length; k++) {
						Panel pan = d.panel(k);
						assertEquals(pan.nFast(), data[k].nFast(), "nFast of panel " + k);
						assertEquals(pan.nSlow(), data[k].nSlow(), "nSlow of panel " + k);
						assertEquals(pan.nFast() * pan.nSlow(), data[k].size());
					}
					boolean[][] m = f.staticMask(i);
					if (m != null) {
						assertEquals(d.size(), m.length, "static mask panels");
						for (int k = 0; k < m.length; k++) assertEquals(d.panel(k).nFast() * d.panel(k).nSlow(), m[k].length);
					}
					if (f.goniometer(i) == null) assertTrue(f.isStill(i), "no goniometer means a still");
				}
			}
		}
	}

	@Test
	void concurrentReadsGiveIdenticalArrays() throws Exception {
		Path p = sampleFiles().get(0);
		PanelData[] reference;
		try (ImageFile f = reader().open(p)) {
			reference = f.read(0);
			ExecutorService pool = Executors.newFixedThreadPool(4);
			try {
				List<Callable<PanelData[]>> jobs = new ArrayList<>();
				for (int t = 0; t < 4; t++) jobs.add(() -> f.read(0)); // one shared ImageFile
				for (int t = 0; t < 4; t++) jobs.add(() -> {
					try (ImageFile g = reader().open(p)) { // separate opens
						return g.read(0);
					}
				});
				List<Future<PanelData[]>> results = pool.invokeAll(jobs, 5, TimeUnit.MINUTES);
				for (Future<PanelData[]> r : results) {
					PanelData[] got = r.get();
					assertEquals(reference.length, got.length);
					for (int k = 0; k < got.length; k++) {
						assertEquals(reference[k].isInteger(), got[k].isInteger());
						if (got[k].isInteger()) assertArrayEquals(reference[k].ints(), got[k].ints(), "panel " + k);
						else assertArrayEquals(reference[k].doubles(), got[k].doubles(), "panel " + k);
						assertTrue(got[k].ints() != reference[k].ints() || got[k].ints() == null, "arrays must not be shared between reads");
					}
				}
			} finally {
				pool.shutdownNow();
			}
		}
	}
}
