package org.bragg.format.tests.smv;

import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FormatReader;
import org.bragg.format.FormatRegistry;
import org.bragg.format.smv.SmvAdscReader;
import org.bragg.format.tests.GenericFormatReaderChecks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The generic reader checks for FormatSMVADSC on the synthetic ADSC image; the TimePix SMV is the foreign file. */
class SmvAdscConformanceTest extends GenericFormatReaderChecks {
	@TempDir
	static Path dir;
	static Path file;

	@BeforeAll
	static void write() throws Exception { file = SmvAdscReaderTest.writeSynthetic(dir, "adsc_synth_007.img"); }

	@Override protected FormatReader reader() { return new SmvAdscReader(); }
	@Override protected List<Path> sampleFiles() { return List.of(file); }
	@Override protected Path foreignFile() { return SharedTestData.resolve("sim_ed_1hpv_p61/images/ed1hpv_0001.img.bz2"); }
	@Override protected FormatRegistry registry() { return Registries.all(SmvAdscReader.class); }
}
