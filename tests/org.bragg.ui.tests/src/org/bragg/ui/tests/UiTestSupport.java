package org.bragg.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ServiceLoader;

import org.bragg.format.FormatReader;
import org.bragg.format.FormatRegistry;
import org.bragg.format.cbf.CbfReader;
import org.bragg.format.smv.SmvReader;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

/** Shared data location, a format registry that works without ServiceLoader (OSGi), PNG output. */
final class UiTestSupport {
	private UiTestSupport() {}

	/** {@code ../shared/data}: system property {@code bragg.shared.data}, then relative guesses, then /work/shared/data. */
	static Path data(String dataset) {
		String prop = System.getProperty("bragg.shared.data");
		for (String c : new String[] { prop, "../shared/data", "../../shared/data", "../../../shared/data", "/work/shared/data" }) {
			if (c == null) continue;
			Path p = Path.of(c).toAbsolutePath().normalize();
			if (Files.isDirectory(p.resolve(dataset))) return p.resolve(dataset);
		}
		return fail("shared dataset " + dataset + " not found: set -Dbragg.shared.data=/path/to/shared/data");
	}

	/**
	 * Every reader of the CBF and SMV bundles. Inside an OSGi test runtime {@link ServiceLoader} with
	 * this bundle's loader does not see the reader bundles (and DS need not be running), but each reader
	 * bundle's own class loader sees its {@code META-INF/services} file.
	 */
	static FormatRegistry registry() {
		FormatRegistry r = FormatRegistry.fromServiceLoader();
		for (Class<?> anchor : new Class<?>[] { CbfReader.class, SmvReader.class })
			for (FormatReader f : ServiceLoader.load(FormatReader.class, anchor.getClassLoader())) r.add(f);
		return r;
	}

	static Display display() {
		return Display.getDefault();
	}

	/** Saves a PNG under target/ (created if missing) and returns its path. */
	static Path savePng(ImageData data, String name) throws Exception {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Path p = dir.resolve(name);
		ImageLoader l = new ImageLoader();
		l.data = new ImageData[] { data };
		l.save(p.toString(), SWT.IMAGE_PNG);
		return p.toAbsolutePath();
	}

	static int rgbAt(ImageData d, int x, int y) {
		RGB c = d.palette.getRGB(d.getPixel(x, y));
		return (c.red << 16) | (c.green << 8) | c.blue;
	}

	/** Pumps the event loop until idle (bounded). */
	static void pump(Display d) {
		for (int i = 0; i < 200 && d.readAndDispatch(); i++) {
			// drain
		}
	}
}
