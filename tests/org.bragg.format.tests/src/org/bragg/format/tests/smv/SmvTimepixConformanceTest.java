package org.bragg.format.tests.smv;

import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FormatReader;
import org.bragg.format.FormatRegistry;
import org.bragg.format.smv.SmvTimepixSu512Reader;
import org.bragg.format.tests.GenericFormatReaderChecks;

/** The generic reader checks for FormatSMVTimePix_SU_512x512 on sim_ed_1hpv_p61. */
class SmvTimepixConformanceTest extends GenericFormatReaderChecks {
	@Override protected FormatReader reader() { return new SmvTimepixSu512Reader(); }
	@Override protected List<Path> sampleFiles() {
		return List.of(SharedTestData.resolve("sim_ed_1hpv_p61/images/ed1hpv_0001.img.bz2"), SharedTestData.resolve("sim_ed_1hpv_p61/images/ed1hpv_0060.img.bz2"));
	}
	@Override protected Path foreignFile() { return SharedTestData.resolve("sim_xray_1a8o_p43212/images/lyso1a8o_0001.cbf.bz2"); }
	@Override protected FormatRegistry registry() { return Registries.all(SmvTimepixSu512Reader.class); }
}
