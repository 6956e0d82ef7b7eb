package org.bragg.format.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Finds {@code META-INF/services/<interface>} files in every bundle of a running OSGi framework and
 * instantiates the classes they name with the declaring bundle's class loader, so that
 * {@link java.util.ServiceLoader}-style plug-ins work across bundles without Declarative Services
 * (for tests and headless runs). Loaded only inside OSGi; on a plain class path this class is never
 * touched.
 */
public final class OsgiServiceFiles {
	private OsgiServiceFiles() {}

	/**
	 * @return new instances of every implementation of {@code type} declared in any bundle, or an empty
	 *         list if {@code anchor} was not loaded by an OSGi bundle
	 */
	public static <T> List<T> load(Class<T> type, Class<?> anchor) {
		List<T> out = new ArrayList<>();
		Bundle self = FrameworkUtil.getBundle(anchor);
		if (self == null) return out;
		BundleContext ctx = self.getBundleContext();
		if (ctx == null) return out;
		for (Bundle b : ctx.getBundles()) {
			URL u = b.getEntry("META-INF/services/" + type.getName());
			if (u == null) continue;
			try (BufferedReader r = new BufferedReader(new InputStreamReader(u.openStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = r.readLine()) != null) {
					line = line.replaceAll("#.*", "").strip();
					if (line.isEmpty()) continue;
					try {
						Object o = b.loadClass(line).getConstructor().newInstance();
						out.add(type.cast(o));
					} catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
						// a broken plug-in must not break the others
					}
				}
			} catch (IOException e) {
				// unreadable service file: skip this bundle
			}
		}
		return out;
	}
}
