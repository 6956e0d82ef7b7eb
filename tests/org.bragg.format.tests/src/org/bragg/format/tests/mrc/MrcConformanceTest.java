package org.bragg.format.tests.mrc;

import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FormatReader;
import org.bragg.format.FormatRegistry;
import org.bragg.format.tests.GenericFormatReaderChecks;
import org.bragg.format.tests.smv.SharedTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The generic reader checks for FormatMRCstack on the synthetic FEI2 and float32 stacks. */
class MrcConformanceTest extends GenericFormatReaderChecks {
	@TempDir
	static Path dir;
	static Path fei, plain;

	@BeforeAll
	static void write() throws Exception {
		fei = MrcFiles.write(dir, MrcFiles.FEI2);
		plain = MrcFiles.write(dir, MrcFiles.PLAIN);
	}

	@Override protected FormatReader reader() { return new org.bragg.format.mrc.MrcStackReader(); }
	@Override protected List<Path> sampleFiles() { return List.of(fei, plain); }
	@Override protected Path foreignFile() { return SharedTestData.resolve("sim_ed_1hpv_p61/images/ed1hpv_0001.img.bz2"); }

	@Override
	protected FormatRegistry registry() {
		try {
			return MrcReaderTest.registry();
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
