package org.bragg.ui.imageviewer.internal;

import org.bragg.ui.core.ColourScheme;
import org.bragg.ui.imageviewer.ViewerPreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/**
 * Window ▸ Preferences ▸ Bragg: default colour scheme, brightness and contrast of the image viewer,
 * the frame cache size, and default parameters of the processing actions. Values are stored in the
 * instance scope node {@link ViewerPreferences#NODE}; open viewers follow changes at once.
 */
public class BraggPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

	public BraggPreferencePage() {
		super(GRID);
		setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, ViewerPreferences.NODE));
		setDescription("Image viewer display and default processing parameters.");
	}

	@Override
	protected void createFieldEditors() {
		ColourScheme[] cs = ColourScheme.values();
		String[][] entries = new String[cs.length][];
		for (int i = 0; i < cs.length; i++) entries[i] = new String[] { cs[i].label(), cs[i].name() };
		addField(new ComboFieldEditor(ViewerPreferences.COLOUR_SCHEME, "Colour scheme:", entries, getFieldEditorParent()));
		IntegerFieldEditor b = new IntegerFieldEditor(ViewerPreferences.BRIGHTNESS, "Brightness (%):", getFieldEditorParent());
		b.setValidRange(1, 1000);
		addField(b);
		IntegerFieldEditor c = new IntegerFieldEditor(ViewerPreferences.CONTRAST, "Contrast (%):", getFieldEditorParent());
		c.setValidRange(10, 1000);
		addField(c);
		IntegerFieldEditor cache = new IntegerFieldEditor(ViewerPreferences.FRAME_CACHE_SIZE, "Decoded images kept in memory:", getFieldEditorParent());
		cache.setValidRange(2, 200);
		addField(cache);
		addField(new StringFieldEditor(ViewerPreferences.IMPORT_PARAMETERS, "import parameters (name=value …):", getFieldEditorParent()));
		addField(new StringFieldEditor(ViewerPreferences.FIND_SPOTS_PARAMETERS, "find_spots parameters (name=value …):", getFieldEditorParent()));
	}

	@Override
	public void init(IWorkbench workbench) {
		// the store is set in the constructor
	}
}
