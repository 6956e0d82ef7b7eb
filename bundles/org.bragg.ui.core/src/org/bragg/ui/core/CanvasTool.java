package org.bragg.ui.core;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Event;

/**
 * An interactive tool of an {@link ImageCanvas} (e.g. the {@link MaskTool}): it sees the canvas's mouse
 * and key events before the canvas does and draws on top of the image and overlays. While a tool is
 * set, events it consumes do not pan or zoom; the middle button and the wheel keep panning and zooming.
 * UI thread only.
 *
 * @since 0.1
 */
public interface CanvasTool {
	/**
	 * @param canvas the canvas the event happened on
	 * @param e an SWT {@code MouseDown}, {@code MouseMove}, {@code MouseUp}, {@code MouseDoubleClick} or
	 *        {@code KeyDown} event (widget coordinates)
	 * @return true if the tool consumed the event
	 */
	boolean handle(ImageCanvas canvas, Event e);

	/** Draws the tool's shapes (screen coordinates of the canvas) after the overlays. */
	void paint(ImageCanvas canvas, GC gc);
}
