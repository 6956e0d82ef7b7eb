package org.bragg.ui.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.bragg.model.Panel;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Event;

/**
 * The mask tool of the image viewer: draws untrusted polygons, circles, rectangles and resolution
 * ranges on an {@link ImageCanvas} with the mouse and collects them in a {@link MaskDefinition}.
 *
 * <ul>
 * <li>Polygon: a left click per corner; a double click, Enter, or a click on the first corner closes
 * it (a triangle gets a fourth corner at the middle of its last edge, since DIALS needs four).</li>
 * <li>Circle: press at the centre, drag out the radius, release.</li>
 * <li>Rectangle: press at one corner, drag to the opposite one, release.</li>
 * <li>Resolution range: press on one ring, drag to the other, release (d at both points, Å).</li>
 * </ul>
 * Escape abandons the shape being drawn, Backspace removes the last finished one. Multi-panel
 * detectors: a shape belongs to the panel where it was started, its corners are that panel's pixel
 * coordinates (through the canvas's {@link DetectorProjection}), rounded to whole pixels and clamped to
 * the panel (resolution ranges cover all panels). The middle button and the wheel still pan and zoom.
 *
 * <p>UI thread only.
 *
 * @since 0.1
 */
public final class MaskTool implements CanvasTool {
	/** The shape drawn by the next mouse gesture. */
	public enum Shape {
		POLYGON("Polygon"), CIRCLE("Circle"), RECTANGLE("Rectangle"), RESOLUTION_RANGE("Resolution range");

		private final String label;

		Shape(String label) { this.label = label; }

		/** @return the name shown to the user */
		public String label() { return label; }
	}

	/** Screen distance (px) within which a click on the first corner closes a polygon. */
	public static final int CLOSE_DISTANCE = 6;

	private Shape shape = Shape.POLYGON;
	private MaskDefinition definition = MaskDefinition.EMPTY;
	private final CopyOnWriteArrayList<Consumer<MaskDefinition>> listeners = new CopyOnWriteArrayList<>();

	// shape in progress: panel, panel pixel coordinates (unrounded)
	private int panel = -1;
	private final List<double[]> corners = new ArrayList<>();
	private double[] press, current;
	private double pressD = Double.NaN, currentD = Double.NaN;

	/** @param s the shape drawn next; abandons a shape in progress */
	public void setShape(Shape s) {
		shape = Objects.requireNonNull(s);
		cancel();
	}

	/** @return the shape drawn next */
	public Shape getShape() { return shape; }

	/** @return the shapes drawn so far */
	public MaskDefinition getDefinition() { return definition; }

	/** Replaces the shapes (e.g. to clear them or load a definition); tells the listeners. */
	public void setDefinition(MaskDefinition d) {
		definition = Objects.requireNonNull(d);
		cancel();
		fire();
	}

	/** Adds a listener told about every finished shape, undo and clear (UI thread). */
	public void addChangeListener(Consumer<MaskDefinition> l) { listeners.add(l); }

	/** Removes a listener. */
	public void removeChangeListener(Consumer<MaskDefinition> l) { listeners.remove(l); }

	/** Abandons the shape in progress. */
	public void cancel() {
		panel = -1;
		corners.clear();
		press = current = null;
		pressD = currentD = Double.NaN;
	}

	/** Removes the last finished shape. */
	public void undo() {
		if (definition.isEmpty()) return;
		definition = definition.withoutLast();
		fire();
	}

	private void fire() {
		for (Consumer<MaskDefinition> l : listeners) l.accept(definition);
	}

	@Override
	public boolean handle(ImageCanvas c, Event e) {
		switch (e.type) {
			case SWT.KeyDown:
				if (e.keyCode == SWT.ESC) {
					cancel();
					c.redraw();
					return true;
				}
				if (e.keyCode == SWT.BS || e.keyCode == SWT.DEL) {
					undo();
					c.redraw();
					return true;
				}
				if ((e.keyCode == SWT.CR || e.keyCode == SWT.KEYPAD_CR) && shape == Shape.POLYGON && !corners.isEmpty()) {
					closePolygon();
					c.redraw();
					return true;
				}
				return false;
			case SWT.MouseDown:
				if (e.button != 1) return false;
				return down(c, e.x, e.y);
			case SWT.MouseMove:
				return move(c, e.x, e.y);
			case SWT.MouseUp:
				if (e.button != 1) return false;
				return up(c, e.x, e.y);
			case SWT.MouseDoubleClick:
				if (e.button == 1 && shape == Shape.POLYGON && !corners.isEmpty()) {
					closePolygon();
					c.redraw();
					return true;
				}
				return shape == Shape.POLYGON;
			default:
				return false;
		}
	}

	private boolean down(ImageCanvas c, int x, int y) {
		if (c.getProjection() == null || c.getView() == null) return false;
		if (shape == Shape.POLYGON && panel >= 0) {
			double[] first = c.toScreenPoint(panel, corners.get(0)[0], corners.get(0)[1]);
			if (corners.size() >= 3 && Math.hypot(first[0] - (x + 0.5), first[1] - (y + 0.5)) <= CLOSE_DISTANCE) {
				closePolygon();
			} else {
				corners.add(clamp(c, panel, c.toPanelPixel(panel, x + 0.5, y + 0.5)));
			}
			c.redraw();
			return true;
		}
		if (shape == Shape.RESOLUTION_RANGE) {
			PixelInfo info = c.pixelInfoAt(x, y);
			if (info == null || !(info.resolution() > 0)) return true; // outside the panels or no beam: nothing to start
			pressD = currentD = info.resolution();
			press = current = new double[] { x + 0.5, y + 0.5 };
			c.redraw();
			return true;
		}
		PixelInfo info = c.pixelInfoAt(x, y);
		if (info == null) return true; // a shape starts on a panel
		panel = info.panel();
		double[] p = c.toPanelPixel(panel, x + 0.5, y + 0.5);
		if (shape == Shape.POLYGON) corners.add(clamp(c, panel, p));
		else press = current = p;
		c.redraw();
		return true;
	}

	private boolean move(ImageCanvas c, int x, int y) {
		if (shape == Shape.POLYGON) {
			if (panel < 0) return false;
			current = c.toPanelPixel(panel, x + 0.5, y + 0.5);
			c.redraw();
			return false; // let the read-out follow the mouse; no drag is in progress
		}
		if (press == null) return false;
		if (shape == Shape.RESOLUTION_RANGE) {
			PixelInfo info = c.pixelInfoAt(x, y);
			if (info != null && info.resolution() > 0) currentD = info.resolution();
			current = new double[] { x + 0.5, y + 0.5 };
		} else {
			current = c.toPanelPixel(panel, x + 0.5, y + 0.5);
		}
		c.redraw();
		return true;
	}

	private boolean up(ImageCanvas c, int x, int y) {
		if (shape == Shape.POLYGON || press == null) return shape == Shape.POLYGON;
		move(c, x, y);
		MaskDefinition.Region r = null;
		if (shape == Shape.RESOLUTION_RANGE) {
			if (pressD > 0 && currentD > 0 && Math.abs(pressD - currentD) > 1e-4 * pressD) r = new MaskDefinition.ResolutionRange(pressD, currentD);
		} else if (shape == Shape.CIRCLE) {
			int xc = (int) Math.floor(press[0]), yc = (int) Math.floor(press[1]);
			int rad = (int) Math.round(Math.hypot(current[0] - press[0], current[1] - press[1]));
			if (rad >= 1) r = new MaskDefinition.Circle(panel, xc, yc, rad);
		} else {
			double[] a = clamp(c, panel, press), b = clamp(c, panel, current);
			int x0 = (int) Math.round(Math.min(a[0], b[0])), x1 = (int) Math.round(Math.max(a[0], b[0]));
			int y0 = (int) Math.round(Math.min(a[1], b[1])), y1 = (int) Math.round(Math.max(a[1], b[1]));
			if (x1 > x0 && y1 > y0) r = new MaskDefinition.Rectangle(panel, x0, x1, y0, y1);
		}
		cancel();
		if (r != null) {
			definition = definition.with(r);
			fire();
		}
		c.redraw();
		return true;
	}

	private void closePolygon() {
		List<int[]> pts = new ArrayList<>();
		for (double[] p : corners) {
			int[] q = { (int) Math.round(p[0]), (int) Math.round(p[1]) };
			if (pts.isEmpty() || pts.get(pts.size() - 1)[0] != q[0] || pts.get(pts.size() - 1)[1] != q[1]) pts.add(q);
		}
		if (pts.size() > 1 && pts.get(0)[0] == pts.get(pts.size() - 1)[0] && pts.get(0)[1] == pts.get(pts.size() - 1)[1]) pts.remove(pts.size() - 1);
		int p = panel;
		cancel();
		if (pts.size() < 3) return;
		if (pts.size() == 3) { // DIALS needs 4 corners: the middle of the last edge adds none to the area
			int[] a = pts.get(2), b = pts.get(0);
			pts.add(new int[] { (a[0] + b[0]) / 2, (a[1] + b[1]) / 2 });
		}
		int[] xy = new int[2 * pts.size()];
		for (int i = 0; i < pts.size(); i++) {
			xy[2 * i] = pts.get(i)[0];
			xy[2 * i + 1] = pts.get(i)[1];
		}
		definition = definition.with(new MaskDefinition.Polygon(p, xy));
		fire();
	}

	private static double[] clamp(ImageCanvas c, int panel, double[] p) {
		Panel q = c.getProjection().detector().panel(panel);
		return new double[] { Math.max(0, Math.min(q.nFast(), p[0])), Math.max(0, Math.min(q.nSlow(), p[1])) };
	}

	@Override
	public void paint(ImageCanvas c, GC gc) {
		DetectorProjection proj = c.getProjection();
		if (proj == null || c.getView() == null) return;
		Color col = new Color(0xFF, 0x40, 0xFF);
		gc.setForeground(col);
		gc.setLineWidth(2);
		gc.setAntialias(SWT.ON);
		for (MaskDefinition.Region r : definition.regions()) drawRegion(c, gc, r);
		gc.setLineStyle(SWT.LINE_DASH);
		if (shape == Shape.POLYGON && panel >= 0 && !corners.isEmpty()) {
			List<double[]> l = new ArrayList<>(corners);
			if (current != null) l.add(current);
			gc.drawPolyline(screen(c, panel, l));
		} else if (press != null && current != null) {
			if (shape == Shape.RESOLUTION_RANGE) {
				drawRing(c, gc, pressD);
				if (currentD > 0) drawRing(c, gc, currentD);
			} else if (shape == Shape.CIRCLE) {
				drawRegion(c, gc, new MaskDefinition.Circle(panel, (int) Math.floor(press[0]), (int) Math.floor(press[1]),
						Math.max(1, (int) Math.round(Math.hypot(current[0] - press[0], current[1] - press[1])))));
			} else {
				double[][] q = { press, { current[0], press[1] }, current, { press[0], current[1] } };
				gc.drawPolygon(screen(c, panel, List.of(q)));
			}
		}
		gc.setLineStyle(SWT.LINE_SOLID);
		gc.setLineWidth(1);
		gc.setAntialias(SWT.OFF);
	}

	private void drawRegion(ImageCanvas c, GC gc, MaskDefinition.Region r) {
		if (r instanceof MaskDefinition.Polygon p) {
			int[] xy = p.xy();
			List<double[]> l = new ArrayList<>();
			for (int i = 0; i < xy.length; i += 2) l.add(new double[] { xy[i], xy[i + 1] });
			gc.drawPolygon(screen(c, p.panel(), l));
		} else if (r instanceof MaskDefinition.Rectangle q) {
			gc.drawPolygon(screen(c, q.panel(), List.of(new double[][] { { q.x0(), q.y0() }, { q.x1(), q.y0() }, { q.x1(), q.y1() }, { q.x0(), q.y1() } })));
		} else if (r instanceof MaskDefinition.Circle ci) {
			List<double[]> l = new ArrayList<>();
			for (int i = 0; i < 72; i++) {
				double a = 2 * Math.PI * i / 72;
				l.add(new double[] { ci.xc() + ci.r() * Math.cos(a), ci.yc() + ci.r() * Math.sin(a) });
			}
			gc.drawPolygon(screen(c, ci.panel(), l));
		} else if (r instanceof MaskDefinition.ResolutionRange rr) {
			drawRing(c, gc, rr.d1());
			drawRing(c, gc, rr.d2());
		}
	}

	private static void drawRing(ImageCanvas c, GC gc, double d) {
		if (!(d > 0) || c.getBeam() == null) return;
		ViewTransform v = c.getView();
		List<double[]> pts = ResolutionRings.trace(c.getProjection(), c.getBeam(), d, 180);
		if (pts.size() < 2) return;
		int[] poly = new int[2 * pts.size()];
		for (int i = 0; i < pts.size(); i++) {
			poly[2 * i] = (int) Math.round(v.toScreenX(pts.get(i)[0]));
			poly[2 * i + 1] = (int) Math.round(v.toScreenY(pts.get(i)[1]));
		}
		gc.drawPolygon(poly);
	}

	private static int[] screen(ImageCanvas c, int panel, List<double[]> pts) {
		int[] out = new int[2 * pts.size()];
		for (int i = 0; i < pts.size(); i++) {
			double[] s = c.toScreenPoint(panel, pts.get(i)[0], pts.get(i)[1]);
			out[2 * i] = (int) Math.round(s[0]);
			out[2 * i + 1] = (int) Math.round(s[1]);
		}
		return out;
	}
}
