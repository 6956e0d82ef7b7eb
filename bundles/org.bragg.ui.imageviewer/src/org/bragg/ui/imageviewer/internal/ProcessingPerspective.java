package org.bragg.ui.imageviewer.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The Processing perspective: data explorer on the left, image viewer in the centre, console and
 * progress below. Registered in {@code plugin.xml} ({@code org.eclipse.ui.perspectives}).
 */
public class ProcessingPerspective implements IPerspectiveFactory {
	/** Perspective id. */
	public static final String ID = "org.bragg.ui.imageviewer.processing";

	@Override
	public void createInitialLayout(IPageLayout layout) {
		String editors = layout.getEditorArea();
		layout.setEditorAreaVisible(false);
		layout.addView(DataExplorerPart.ID, IPageLayout.LEFT, 0.24f, editors);
		layout.addView(ImageViewerPart.ID, IPageLayout.RIGHT, 0.76f, editors);
		IFolderLayout bottom = layout.createFolder("org.bragg.ui.imageviewer.bottom", IPageLayout.BOTTOM, 0.78f, ImageViewerPart.ID);
		bottom.addView(ConsolePart.ID);
		bottom.addPlaceholder(IPageLayout.ID_PROGRESS_VIEW);
		layout.addShowViewShortcut(DataExplorerPart.ID);
		layout.addShowViewShortcut(ImageViewerPart.ID);
		layout.addShowViewShortcut(ConsolePart.ID);
		layout.addShowViewShortcut(IPageLayout.ID_PROGRESS_VIEW);
		layout.addPerspectiveShortcut(ID);
	}
}
