package org.bragg.format.tests.cbf;

import java.util.List;

import org.bragg.format.FormatReader;
import org.bragg.format.FormatRegistry;
import org.bragg.format.cbf.CbfCspadReader;
import org.bragg.format.cbf.CbfFullReader;
import org.bragg.format.cbf.CbfMiniEigerReader;
import org.bragg.format.cbf.CbfMiniPilatusDls6MSn119Reader;
import org.bragg.format.cbf.CbfMiniPilatusReader;
import org.bragg.format.cbf.CbfMiniReader;
import org.bragg.format.cbf.CbfReader;

/** The CBF reader family, and a registry holding it whatever ServiceLoader can see. */
final class CbfReaders {
	private CbfReaders() {}

	static List<FormatReader> all() {
		return List.of(new CbfReader(), new CbfMiniReader(), new CbfMiniPilatusReader(), new CbfMiniPilatusDls6MSn119Reader(),
				new CbfMiniEigerReader(), new CbfFullReader(), new CbfCspadReader());
	}

	/** @return every reader ServiceLoader finds plus the CBF family */
	static FormatRegistry registry() {
		FormatRegistry r = FormatRegistry.fromServiceLoader();
		for (FormatReader f : all()) r.add(f);
		return r;
	}
}
