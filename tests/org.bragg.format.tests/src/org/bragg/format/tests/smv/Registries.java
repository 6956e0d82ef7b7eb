package org.bragg.format.tests.smv;

import java.util.ServiceLoader;

import org.bragg.format.FormatReader;
import org.bragg.format.FormatRegistry;

/**
 * The reader registry for tests: {@link FormatRegistry#fromServiceLoader()} plus, for OSGi test
 * runtimes where one bundle's class loader does not see another bundle's
 * {@code META-INF/services}, the readers listed by the class loaders of the given reader classes.
 * On a flat class path the second step adds nothing.
 */
public final class Registries {
	private Registries() {}

	public static FormatRegistry all(Class<?>... readerClasses) {
		FormatRegistry r = FormatRegistry.fromServiceLoader();
		for (Class<?> c : readerClasses)
			for (FormatReader f : ServiceLoader.load(FormatReader.class, c.getClassLoader())) r.add(f);
		return r;
	}
}
