package org.bragg.format.tests.nexus;

import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FormatReader;
import org.bragg.format.FormatRegistry;
import org.bragg.format.nexus.NxmxReader;
import org.bragg.format.tests.GenericFormatReaderChecks;
import org.bragg.format.tests.smv.Registries;
import org.bragg.format.tests.smv.SharedTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The generic reader checks for FormatNXmx on a jHDF-written bitshuffle-LZ4 file of two CBF frames. */
class NxmxConformanceTest extends GenericFormatReaderChecks {
	@TempDir
	static Path dir;
	static Path file;

	@BeforeAll
	static void write() throws Exception {
		file = dir.resolve("lyso_2.nxs");
		NxmxFiles.write(file, new int[][] { CbfFrames.frame(1), CbfFrames.frame(2) }, NxmxFiles.Storage.BITSHUFFLE_LZ4, null);
	}

	@Override protected FormatReader reader() { return new NxmxReader(); }
	@Override protected List<Path> sampleFiles() { return List.of(file); }
	@Override protected Path foreignFile() { return SharedTestData.resolve("sim_ed_1hpv_p61/images/ed1hpv_0001.img.bz2"); }
	@Override protected FormatRegistry registry() { return Registries.all(NxmxReader.class); }
}
