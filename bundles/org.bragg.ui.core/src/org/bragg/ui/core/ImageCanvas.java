package org.bragg.ui.core;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.bragg.model.Beam;
import org.bragg.model.Detector;
import org.bragg.model.Panel;
import org.bragg.ui.core.internal.FrameRenderer;
import org.bragg.ui.core.internal.OverlayPainter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * A custom-drawn SWT widget that shows one diffraction image with overlays: zoom with the mouse wheel
 * (about the cursor), pan by dragging with the left or middle button, fit and 100 % (one screen pixel
 * per detector pixel) by {@link #fit()} and {@link #zoomToActualPixels()} or the keys {@code f} and
 * {@code 1}, {@code +}/{@code −} to zoom. Moving the mouse reports a {@link PixelInfo} to the
 * {@linkplain #addPixelListener pixel listeners}.
 *
 * <p>Multi-panel detectors are drawn in projection on the plane of the hierarchy root
 * ({@link DetectorProjection}). The widget keeps the decoded frame it is given ({@link DecodedFrame});
 * colour scheme, brightness, contrast, zoom, pan and overlays only re-map that frame into an off-screen
 * image of the widget's size (double-buffered, re-rendered only when something changed) and never read
 * or decode a file. Decoding belongs to a {@link FrameCache} on background threads.
 *
 * <p>An interactive {@link CanvasTool} (e.g. the {@link MaskTool}) can take the left button
 * ({@link #setTool}); a user mask ({@link #setUserMask}) is tinted over the image beside the frame's own
 * untrusted pixels.
 *
 * <p>UI thread only, like every SWT widget.
 *
 * @since 0.1
 */
public class ImageCanvas extends Canvas {
	private DetectorProjection projection;
	private Beam beam;
	private DecodedFrame frame;
	private ReflectionOverlay reflections = ReflectionOverlay.EMPTY;
	private DisplaySettings display = DisplaySettings.defaults();
	private OverlaySettings overlays = OverlaySettings.defaults();
	private double[] rings;
	private boolean customRings;
	private ViewTransform view;

	private Image cached;
	private boolean dirty = true;
	private int[] buffer = new int[0];
	private ImageData imageData;
	private long lastRenderNanos;
	private int renderCount;

	private final CopyOnWriteArrayList<Consumer<PixelInfo>> pixelListeners = new CopyOnWriteArrayList<>();
	private CanvasTool tool;
	private java.util.List<boolean[]> userMask;
	private Point dragStart;
	private ViewTransform dragView;

	/**
	 * @param style SWT style bits (e.g. {@link SWT#BORDER}); {@link SWT#DOUBLE_BUFFERED} and
	 *        {@link SWT#NO_BACKGROUND} are added
	 */
	public ImageCanvas(Composite parent, int style) {
		super(parent, style | SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
		addListener(SWT.Paint, e -> paint(e.gc));
		addListener(SWT.Resize, e -> {
			if (view == null) fit();
			invalidate();
		});
		addListener(SWT.MouseVerticalWheel, this::onWheel);
		addListener(SWT.MouseDown, e -> {
			if (tool != null && e.button != 2 && tool.handle(this, e)) return;
			if (e.button == 1 || e.button == 2) {
				dragStart = new Point(e.x, e.y);
				dragView = view;
				setFocus();
			}
		});
		addListener(SWT.MouseUp, e -> {
			dragStart = null;
			if (tool != null && e.button != 2) tool.handle(this, e);
		});
		addListener(SWT.MouseMove, this::onMove);
		addListener(SWT.MouseDoubleClick, e -> {
			if (tool != null && tool.handle(this, e)) return;
			zoomAbout(2, e.x, e.y);
		});
		addListener(SWT.KeyDown, e -> {
			if (tool != null && tool.handle(this, e)) return;
			onKey(e);
		});
		addListener(SWT.Dispose, e -> {
			if (cached != null) cached.dispose();
			cached = null;
		});
	}

	// ---------------------------------------------------------------- content

	/**
	 * Shows a frame of a (possibly) new detector and beam; keeps the view if the detector is unchanged,
	 * otherwise fits it.
	 *
	 * @param frame the decoded image, or null to show only the panel outlines' background
	 * @param detector the detector model (not null)
	 * @param beam the beam, or null (then no rings, beam centre, resolution or 2θ read-out)
	 */
	public void setImage(DecodedFrame frame, Detector detector, Beam beam) {
		checkWidget();
		Objects.requireNonNull(detector);
		boolean newDetector = projection == null || !projection.detector().equals(detector);
		if (newDetector) {
			projection = DetectorProjection.of(detector);
			userMask = null;
		}
		this.beam = beam;
		this.frame = frame;
		if (!customRings) rings = beam == null ? new double[0] : ResolutionRings.defaultSpacings(detector, beam, overlays.ringCount());
		if (newDetector || view == null) fit();
		invalidate();
	}

	/** Replaces the frame, keeping detector, beam and view (frame stepping). */
	public void setFrame(DecodedFrame frame) {
		checkWidget();
		this.frame = frame;
		invalidate();
	}

	/** @return the frame shown, or null */
	public DecodedFrame getFrame() { return frame; }

	/** @return the projection of the current detector, or null before {@link #setImage} */
	public DetectorProjection getProjection() { return projection; }

	/** @return the beam, or null */
	public Beam getBeam() { return beam; }

	/** Sets the reflections drawn on this image (null for none). */
	public void setReflections(ReflectionOverlay r) {
		checkWidget();
		reflections = r == null ? ReflectionOverlay.EMPTY : r;
		redraw();
	}

	/** @return the reflections drawn */
	public ReflectionOverlay getReflections() { return reflections; }

	/** Changes colour scheme, brightness, contrast or mask display: re-maps the cached frame. */
	public void setDisplaySettings(DisplaySettings s) {
		checkWidget();
		if (s.equals(display)) return;
		display = Objects.requireNonNull(s);
		invalidate();
	}

	public DisplaySettings getDisplaySettings() { return display; }

	/** Changes which overlays are drawn. */
	public void setOverlaySettings(OverlaySettings s) {
		checkWidget();
		boolean ringsChanged = s.ringCount() != overlays.ringCount();
		overlays = Objects.requireNonNull(s);
		if (ringsChanged && !customRings && projection != null && beam != null)
			rings = ResolutionRings.defaultSpacings(projection.detector(), beam, s.ringCount());
		redraw();
	}

	public OverlaySettings getOverlaySettings() { return overlays; }

	/** Sets the ring resolutions (Å); null restores the automatic choice ({@link ResolutionRings#defaultSpacings}). */
	public void setResolutionRings(double[] d) {
		checkWidget();
		customRings = d != null;
		rings = d != null ? d.clone() : projection != null && beam != null ? ResolutionRings.defaultSpacings(projection.detector(), beam, overlays.ringCount()) : new double[0];
		redraw();
	}

	/** @return the ring resolutions (Å) in use */
	public double[] getResolutionRings() { return rings == null ? new double[0] : rings.clone(); }

	/**
	 * Sets the interactive tool (e.g. a {@link MaskTool}) that receives mouse and key events first and
	 * draws on top; null restores plain pan and zoom.
	 */
	public void setTool(CanvasTool t) {
		checkWidget();
		tool = t;
		redraw();
	}

	/** @return the interactive tool, or null */
	public CanvasTool getTool() { return tool; }

	/**
	 * Sets the user mask shown on top of the default mask: pixels false in it are tinted with the
	 * scheme's mask colour (half transparent, so the data beneath stays visible), beside the untrusted
	 * pixels of the frame itself (static mask, trusted range) painted in the mask colour when
	 * {@link DisplaySettings#showMask()} is on.
	 *
	 * @param masks one {@code boolean[nFast·nSlow]} per panel (true = good), or null for none
	 * @throws IllegalArgumentException if the masks do not match the detector's panels
	 */
	public void setUserMask(java.util.List<boolean[]> masks) {
		checkWidget();
		if (masks != null && projection != null) {
			if (masks.size() != projection.panelCount()) throw new IllegalArgumentException(masks.size() + " masks for " + projection.panelCount() + " panels");
			for (int k = 0; k < masks.size(); k++) {
				Panel p = projection.detector().panel(k);
				if (masks.get(k).length != p.nFast() * p.nSlow()) throw new IllegalArgumentException("mask of panel " + k + " has the wrong size");
			}
		}
		userMask = masks == null ? null : java.util.List.copyOf(masks);
		invalidate();
	}

	/** @return the user mask shown, or null */
	public java.util.List<boolean[]> getUserMask() { return userMask; }

	/**
	 * @return the panel pixel coordinate {fast, slow} of screen point (x, y) on a given panel (it may
	 *         lie outside the panel), or null before the first layout
	 */
	public double[] toPanelPixel(int panel, double x, double y) {
		if (view == null || projection == null) return null;
		return projection.toPixel(panel, view.toPlaneU(x), view.toPlaneV(y));
	}

	/** @return the screen point (widget coordinates, not rounded) of a panel pixel coordinate, or null before the first layout */
	public double[] toScreenPoint(int panel, double fast, double slow) {
		if (view == null || projection == null) return null;
		double[] uv = projection.toPlane(panel, fast, slow);
		return new double[] { view.toScreenX(uv[0]), view.toScreenY(uv[1]) };
	}

	/**
	 * Prepares a decoded frame for display off the UI thread (e.g. in a {@link FrameCache} loader): builds
	 * the block-maximum pyramid that zoomed-out views read, so that showing the frame later only re-maps
	 * it. Optional: the canvas builds what is missing on first display.
	 *
	 * @return the frame
	 */
	public static DecodedFrame prepare(DecodedFrame frame) {
		if (frame != null) org.bragg.ui.core.internal.MaxPyramid.of(frame);
		return frame;
	}

	// ---------------------------------------------------------------- view

	/** Fits the whole detector into the widget. */
	public void fit() {
		checkWidget();
		Rectangle r = getClientArea();
		if (projection == null || r.width <= 0 || r.height <= 0) {
			view = null;
			return;
		}
		view = ViewTransform.fit(projection.bounds(), r.width, r.height);
		invalidate();
	}

	/** Zooms to 100 %: one screen pixel per pixel of panel 0, keeping the centre of the view. */
	public void zoomToActualPixels() {
		checkWidget();
		if (projection == null) return;
		if (view == null) fit();
		if (view == null) return;
		Rectangle r = getClientArea();
		view = view.withZoom(1 / projection.nominalPixelSize(), r.width, r.height);
		invalidate();
	}

	/** Zooms by a factor about the screen point (x, y). */
	public void zoomAbout(double factor, int x, int y) {
		checkWidget();
		if (view == null) return;
		double z = view.zoom() * factor;
		double min = projection == null ? 1e-6 : 0.02 / projection.nominalPixelSize(), max = projection == null ? 1e6 : 64 / projection.nominalPixelSize();
		if (z < min || z > max) return;
		view = view.zoomAbout(factor, x, y);
		invalidate();
	}

	/** @return the zoom as screen pixels per pixel of panel 0 (1 = 100 %), or NaN before the first layout */
	public double getZoom() {
		return view == null || projection == null ? Double.NaN : view.zoom() * projection.nominalPixelSize();
	}

	/** @return the current view, or null before the first layout */
	public ViewTransform getView() { return view; }

	/** Sets the view (e.g. to restore it or to synchronise two viewers). */
	public void setView(ViewTransform v) {
		checkWidget();
		view = Objects.requireNonNull(v);
		invalidate();
	}

	/**
	 * @return the screen position (widget coordinates) of panel pixel coordinate (x, y), as the pixel
	 *         holding it, or null before the first layout
	 */
	public Point toScreen(int panel, double x, double y) {
		if (view == null || projection == null) return null;
		return OverlayPainter.screenPixel(projection, view, panel, x, y);
	}

	/** @return the read-out for screen point (x, y) (widget coordinates), or null if no panel lies there */
	public PixelInfo pixelInfoAt(int x, int y) {
		if (view == null || projection == null) return null;
		double u = view.toPlaneU(x + 0.5), v = view.toPlaneV(y + 0.5);
		int k = projection.panelAt(u, v);
		if (k < 0) return null;
		double[] px = projection.toPixel(k, u, v);
		Panel p = projection.detector().panel(k);
		int xi = (int) Math.floor(px[0]), yi = (int) Math.floor(px[1]);
		double value = Double.NaN;
		boolean valid = true;
		if (frame != null && k < frame.panelCount()) {
			value = frame.value(k, xi, yi);
			valid = frame.isValid(k, xi, yi);
		}
		double d = Double.NaN, tt = Double.NaN;
		if (beam != null) {
			d = p.resolutionAtPixel(beam.s0(), px[0], px[1]);
			tt = Math.toDegrees(p.twoThetaAtPixel(beam.s0(), px[0], px[1]));
		}
		return new PixelInfo(k, p.name(), px[0], px[1], value, valid, d, tt);
	}

	/** Adds a listener told about the pixel under the mouse (null when the mouse leaves the panels). */
	public void addPixelListener(Consumer<PixelInfo> l) { pixelListeners.add(l); }

	public void removePixelListener(Consumer<PixelInfo> l) { pixelListeners.remove(l); }

	// ---------------------------------------------------------------- rendering

	/** Marks the off-screen image stale and schedules a repaint. */
	private void invalidate() {
		dirty = true;
		if (!isDisposed()) redraw();
	}

	/** @return the wall time of the last re-mapping of the frame into the off-screen image, ns */
	public long getLastRenderNanos() { return lastRenderNanos; }

	/** @return how often the frame has been re-mapped since creation (for tests and benchmarks) */
	public int getRenderCount() { return renderCount; }

	private void paint(GC gc) {
		Rectangle r = getClientArea();
		if (r.width <= 0 || r.height <= 0) return;
		if (view == null) fit();
		if (dirty || cached == null || cached.getBounds().width != r.width || cached.getBounds().height != r.height) {
			Image old = cached;
			cached = new Image(getDisplay(), renderImageData(r.width, r.height));
			if (old != null) old.dispose();
			dirty = false;
		}
		gc.drawImage(cached, 0, 0);
		if (view != null) OverlayPainter.paint(gc, r.width, r.height, projection, view, display.scheme(), overlays, beam, rings, reflections);
		if (tool != null && view != null) tool.paint(this, gc);
	}

	/**
	 * Maps the current frame into an image of the given size with the current view and settings
	 * (no overlays).
	 */
	private ImageData renderImageData(int w, int h) {
		long t0 = System.nanoTime();
		if (buffer.length < w * h) buffer = new int[w * h];
		if (view != null) {
			FrameRenderer.render(frame, projection, view, display, buffer, w, h);
			if (userMask != null) FrameRenderer.tintMasked(userMask, projection, view, display.scheme().maskColour(), buffer, w, h);
		} else java.util.Arrays.fill(buffer, 0, w * h, display.scheme().backgroundColour());
		// 32-bit pixels stored B, G, R, x in memory: the native order of cairo's ARGB32 on little-endian
		// machines, i.e. the int 0xFFRRGGBB written little-endian (one bulk copy; 32-bit rows need no padding)
		if (imageData == null || imageData.width != w || imageData.height != h)
			imageData = new ImageData(w, h, 32, new PaletteData(0xFF00, 0xFF0000, 0xFF000000));
		ImageData data = imageData;
		for (int i = 0, n = w * h; i < n; i++) buffer[i] |= 0xFF000000;
		if (data.bytesPerLine == 4 * w) {
			java.nio.ByteBuffer.wrap(data.data).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(buffer, 0, w * h);
		} else {
			java.nio.IntBuffer ib = java.nio.ByteBuffer.wrap(data.data).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer();
			for (int y = 0; y < h; y++) ib.position(y * data.bytesPerLine / 4).put(buffer, y * w, w);
		}
		lastRenderNanos = System.nanoTime() - t0;
		renderCount++;
		return data;
	}

	/**
	 * Paints the current content (image and overlays) off-screen at the widget's size, independent of
	 * whether the widget is visible — for screenshots and tests.
	 *
	 * @return the picture; its pixels are {@code 0xRRGGBB} through {@code data.palette.getRGB(pixel)}
	 */
	public ImageData snapshot() {
		checkWidget();
		Rectangle r = getClientArea();
		int w = Math.max(1, r.width), h = Math.max(1, r.height);
		Image img = new Image(getDisplay(), w, h);
		GC gc = new GC(img);
		try {
			dirty = true;
			paint(gc);
		} finally {
			gc.dispose();
		}
		ImageData d = img.getImageData();
		img.dispose();
		return d;
	}

	// ---------------------------------------------------------------- input

	private void onWheel(Event e) {
		if (e.count == 0) return;
		zoomAbout(e.count > 0 ? 1.25 : 0.8, e.x, e.y);
	}

	private void onMove(Event e) {
		if (tool != null && (e.stateMask & SWT.BUTTON2) == 0 && tool.handle(this, e)) {
			dragStart = null;
		} else if (dragStart != null && dragView != null && (e.stateMask & (SWT.BUTTON1 | SWT.BUTTON2)) != 0) {
			view = dragView.panBy(e.x - dragStart.x, e.y - dragStart.y);
			invalidate();
		}
		if (!pixelListeners.isEmpty()) {
			PixelInfo info = pixelInfoAt(e.x, e.y);
			for (Consumer<PixelInfo> l : pixelListeners) l.accept(info);
		}
	}

	private void onKey(Event e) {
		switch (e.character) {
			case '+', '=' -> zoomAbout(1.25, getClientArea().width / 2, getClientArea().height / 2);
			case '-' -> zoomAbout(0.8, getClientArea().width / 2, getClientArea().height / 2);
			case 'f' -> fit();
			case '1' -> zoomToActualPixels();
			default -> {
				return;
			}
		}
	}
}
