package org.bragg.format.tests.cbf;

import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.CbfMiniEigerReader;
import org.bragg.format.tests.GenericFormatReaderChecks;
import org.bragg.format.tests.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FormatCBFMiniEiger} on a synthetic EIGER 1M miniCBF (1030 × 1065 px, one 37-px module
 * gap; {@code dev/make_cbf_synthetic.py}): models, gap mask, identifier and pixels equal dxtbx's.
 */
class CbfMiniEigerReaderTest extends GenericFormatReaderChecks {
	static final String NAME = "eiger_syn_0007.cbf";

	@TempDir
	static Path dir;
	static Path file;

	@BeforeAll
	static void copy() throws Exception {
		file = SyntheticMiniCbf.copy(dir, NAME);
	}

	@Override protected List<FormatReader> knownReaders() { return CbfReaders.all(); }
	@Override protected FormatReader reader() { return new CbfMiniEigerReader(); }
	@Override protected List<Path> sampleFiles() { return List.of(file); }
	@Override protected Path foreignFile() { return TestData.file("sim_xray_1a8o_p43212/images/lyso1a8o_0001.cbf.bz2"); }

	@Test
	void modelsAndPixelsMatchDxtbx() throws Exception {
		try (ImageFile f = reader().open(file)) {
			SyntheticMiniCbf.check(f, SyntheticMiniCbf.reference(NAME), 7);
		}
	}
}
