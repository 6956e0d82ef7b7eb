package org.bragg.ui.imageviewer.internal;

import org.bragg.ui.imageviewer.ViewerPreferences;
import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;

/** Default values of {@link ViewerPreferences} (extension {@code org.eclipse.core.runtime.preferences}). */
public class PreferenceInitializer extends AbstractPreferenceInitializer {
	@Override
	public void initializeDefaultPreferences() {
		IEclipsePreferences p = DefaultScope.INSTANCE.getNode(ViewerPreferences.NODE);
		p.put(ViewerPreferences.COLOUR_SCHEME, "GREYSCALE");
		p.put(ViewerPreferences.BRIGHTNESS, "100");
		p.put(ViewerPreferences.CONTRAST, "100");
		p.put(ViewerPreferences.IMPORT_PARAMETERS, "");
		p.put(ViewerPreferences.FIND_SPOTS_PARAMETERS, "");
		p.put(ViewerPreferences.FRAME_CACHE_SIZE, "8");
	}
}
