package org.bragg.ui.rlv.internal;

import java.util.Arrays;

import org.bragg.ui.rlv.RlvCamera;
import org.bragg.ui.rlv.RlvRenderer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * The 3D view: draws the renderer's RGB buffer as one image per frame, then the overlay lines and
 * labels with a GC. Left-drag rotates (trackball), right-drag or shift-drag pans, the wheel zooms,
 * arrow keys rotate by 5°, double-click resets the view.
 */
public final class RlvCanvas extends Canvas {
	private RlvRenderer renderer;
	private final RlvCamera camera = new RlvCamera();
	private byte[] buffer = new byte[0];
	private int[] dataPalette;
	private ImageData data;
	private java.util.function.Supplier<String> caption = () -> "";
	private java.util.function.IntSupplier highlight = () -> -1;
	private int dragX, dragY;
	private boolean rotating, panning;
	private boolean fitted;
	private Runnable viewListener = () -> {};

	public RlvCanvas(Composite parent) {
		super(parent, SWT.NO_BACKGROUND | SWT.DOUBLE_BUFFERED);
		addListener(SWT.Paint, e -> paint(e.gc, getClientArea().width, getClientArea().height));
		addListener(SWT.MouseDown, this::mouseDown);
		addListener(SWT.MouseUp, e -> rotating = panning = false);
		addListener(SWT.MouseMove, this::mouseMove);
		addListener(SWT.MouseVerticalWheel, e -> {
			camera.zoomBy(Math.pow(1.15, Math.signum(e.count)));
			changed();
		});
		addListener(SWT.MouseDoubleClick, e -> resetView());
		addListener(SWT.KeyDown, this::key);
		addListener(SWT.Resize, e -> redraw());
	}

	/** Sets the renderer (points and settings) and fits the view on first use. */
	public void setRenderer(RlvRenderer r) {
		renderer = r;
		redraw();
	}

	public RlvRenderer renderer() { return renderer; }

	/** @return the live camera (call {@link #redraw()} after changing it) */
	public RlvCamera camera() { return camera; }

	/** @param s gives the text drawn at the top left (status), asked at each paint */
	public void setCaption(java.util.function.Supplier<String> s) {
		caption = s;
		redraw();
	}

	/** @param h gives the point (reflection row) to ring, or −1, asked at each paint */
	public void setHighlight(java.util.function.IntSupplier h) { highlight = h; }

	/** @param r called after each mouse/keyboard change of the view */
	public void setViewListener(Runnable r) { viewListener = r; }

	/** Identity view, zoom to fit. */
	public void resetView() {
		camera.resetView();
		fit();
		changed();
	}

	private void fit() {
		Point s = getSize();
		camera.setViewport(s.x, s.y);
		if (renderer != null) camera.fit(renderer.points().maxRadius(), 0.9);
		fitted = true;
	}

	private void changed() {
		redraw();
		viewListener.run();
	}

	private void mouseDown(Event e) {
		dragX = e.x;
		dragY = e.y;
		panning = e.button == 3 || e.button == 2 || (e.button == 1 && (e.stateMask & SWT.SHIFT) != 0);
		rotating = e.button == 1 && !panning;
		setFocus();
	}

	private void mouseMove(Event e) {
		if (!rotating && !panning) return;
		int dx = e.x - dragX, dy = e.y - dragY;
		dragX = e.x;
		dragY = e.y;
		if (rotating) camera.drag(dx, dy);
		else camera.pan(dx, dy);
		changed();
	}

	private void key(Event e) {
		double a = Math.toRadians(5);
		switch (e.keyCode) {
			case SWT.ARROW_LEFT -> camera.rotateAboutViewAxis(0, 1, 0, -a);
			case SWT.ARROW_RIGHT -> camera.rotateAboutViewAxis(0, 1, 0, a);
			case SWT.ARROW_UP -> camera.rotateAboutViewAxis(1, 0, 0, -a);
			case SWT.ARROW_DOWN -> camera.rotateAboutViewAxis(1, 0, 0, a);
			default -> {
				if (e.character == '+' || e.character == '=') camera.zoomBy(1.15);
				else if (e.character == '-') camera.zoomBy(1 / 1.15);
				else return;
			}
		}
		changed();
	}

	/**
	 * Paints one frame: points image, overlay, caption.
	 *
	 * @param gc target (the canvas, or an image for screenshots)
	 * @param w width in pixels
	 * @param h height in pixels
	 */
	public void paint(GC gc, int w, int h) {
		if (w <= 0 || h <= 0) return;
		camera.setViewport(w, h);
		if (renderer == null) {
			gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
			gc.fillRectangle(0, 0, w, h);
			return;
		}
		if (!fitted) fit();
		if (buffer.length != w * h) buffer = new byte[w * h];
		renderer.render(camera, buffer);
		// only the rectangle that holds points goes through an image (the upload is the costly part),
		// as 8-bit indexed pixels (the cheapest for SWT to convert)
		int[] b = renderer.lastBounds();
		int[] pal = renderer.palette();
		Color bgc = new Color(getDisplay(), (pal[0] >> 16) & 255, (pal[0] >> 8) & 255, pal[0] & 255);
		gc.setBackground(bgc);
		gc.fillRectangle(0, 0, w, h);
		bgc.dispose();
		if (b[2] > 0 && b[3] > 0) {
			if (data == null || data.width != b[2] || data.height != b[3] || !Arrays.equals(pal, dataPalette)) {
				RGB[] rgbs = new RGB[pal.length];
				for (int i = 0; i < pal.length; i++) rgbs[i] = new RGB((pal[i] >> 16) & 255, (pal[i] >> 8) & 255, pal[i] & 255);
				data = new ImageData(b[2], b[3], 8, new PaletteData(rgbs));
				dataPalette = pal;
			}
			for (int y = 0; y < b[3]; y++) System.arraycopy(buffer, (b[1] + y) * w + b[0], data.data, y * data.bytesPerLine, b[2]);
			Image img = new Image(getDisplay(), data);
			try {
				gc.drawImage(img, b[0], b[1]);
			} finally {
				img.dispose();
			}
		}
		gc.setAntialias(SWT.ON);
		gc.setTextAntialias(SWT.ON);
		for (RlvRenderer.Segment s : renderer.overlay(camera)) {
			Color c = new Color(getDisplay(), (s.rgb() >> 16) & 255, (s.rgb() >> 8) & 255, s.rgb() & 255);
			gc.setForeground(c);
			gc.setLineWidth(s.width());
			gc.setLineStyle(s.dashed() ? SWT.LINE_DASH : SWT.LINE_SOLID);
			gc.drawLine((int) Math.round(s.x0()), (int) Math.round(s.y0()), (int) Math.round(s.x1()), (int) Math.round(s.y1()));
			if (s.label() != null) gc.drawText(s.label(), (int) Math.round(s.x1()) + 4, (int) Math.round(s.y1()) - 6, true);
			c.dispose();
		}
		gc.setLineStyle(SWT.LINE_SOLID);
		gc.setLineWidth(1);
		int hi = highlight.getAsInt();
		if (hi >= 0 && hi < renderer.points().size()) {
			float[] xyz = renderer.points().xyz();
			double[] p = camera.project(new double[] { xyz[3 * hi], xyz[3 * hi + 1], xyz[3 * hi + 2] });
			gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
			gc.drawOval((int) Math.round(p[0]) - 7, (int) Math.round(p[1]) - 7, 14, 14);
		}
		gc.setForeground(getDisplay().getSystemColor(renderer.blackBackground() ? SWT.COLOR_WHITE : SWT.COLOR_BLACK));
		gc.drawText(caption.get(), 6, 4, true);
	}

	/** @return a snapshot of the view (points, overlay, caption) at the current size, as image data */
	public ImageData snapshot() {
		Point s = getSize();
		int w = Math.max(1, s.x), h = Math.max(1, s.y);
		Image img = new Image(getDisplay(), w, h);
		GC gc = new GC(img);
		try {
			paint(gc, w, h);
		} finally {
			gc.dispose();
		}
		ImageData d = img.getImageData();
		img.dispose();
		return d;
	}
}
