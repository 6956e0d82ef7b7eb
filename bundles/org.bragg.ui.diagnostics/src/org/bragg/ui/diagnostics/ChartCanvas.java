package org.bragg.ui.diagnostics;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.bragg.io.AtomicOutput;
import org.bragg.report.ChartExport;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.MessageBox;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;

/**
 * An SWT canvas showing one JFreeChart: the chart is drawn with AWT into an image of the canvas size (so it looks
 * exactly like the PNG that {@code bragg report} writes) and copied into an SWT image, re-rendered when the size
 * changes. A context menu saves the chart as PNG (at the shown size) or SVG.
 * <p>UI thread only. Coordinates of {@link #renderingInfo()} are canvas pixels.
 *
 * @since 0.1
 */
public class ChartCanvas extends Canvas {
	private JFreeChart chart;
	private Image image;
	private ImageData imageData;
	private ChartRenderingInfo info = new ChartRenderingInfo();

	/** Creates an empty canvas; {@link #setChart} gives it a chart. */
	public ChartCanvas(Composite parent, int style) {
		super(parent, style | SWT.DOUBLE_BUFFERED);
		addPaintListener(e -> {
			Rectangle r = getClientArea();
			if (chart == null || r.width <= 0 || r.height <= 0) return;
			if (image == null || image.getBounds().width != r.width || image.getBounds().height != r.height) render(r.width, r.height);
			e.gc.drawImage(image, 0, 0);
		});
		addDisposeListener(e -> { if (image != null) image.dispose(); });
		Menu m = new Menu(this);
		MenuItem png = new MenuItem(m, SWT.PUSH);
		png.setText("Save as PNG…");
		png.addListener(SWT.Selection, e -> saveDialog("png"));
		MenuItem svg = new MenuItem(m, SWT.PUSH);
		svg.setText("Save as SVG…");
		svg.addListener(SWT.Selection, e -> saveDialog("svg"));
		setMenu(m);
	}

	/** Shows {@code c} (null clears the canvas). */
	public void setChart(JFreeChart c) {
		chart = c;
		if (image != null) { image.dispose(); image = null; imageData = null; }
		redraw();
	}

	/** @return the chart shown, or null */
	public JFreeChart chart() { return chart; }

	private void render(int w, int h) {
		if (image != null) image.dispose();
		info = new ChartRenderingInfo();
		BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		java.awt.Graphics2D g = bi.createGraphics();
		g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		chart.draw(g, new Rectangle2D.Double(0, 0, w, h), info);
		g.dispose();
		imageData = toImageData(bi);
		image = new Image(getDisplay(), imageData);
	}

	/** @return the pixels last shown (null before the first paint) */
	public ImageData imageData() { return imageData; }

	/**
	 * Renders the chart now at the canvas size (or 800 × 420 if the canvas has no size yet).
	 * @return the pixels
	 * @throws IllegalStateException without a chart
	 */
	public ImageData renderNow() {
		if (chart == null) throw new IllegalStateException("no chart");
		Point s = getSize();
		render(s.x > 0 ? s.x : ChartExport.WIDTH, s.y > 0 ? s.y : ChartExport.HEIGHT);
		return imageData;
	}

	/** @return plot/data-area geometry of the last rendering (JFreeChart's entity and area information) */
	public ChartRenderingInfo renderingInfo() { return info; }

	/** Converts an RGB {@link BufferedImage} into 24-bit SWT image data (direct palette, no alpha). */
	public static ImageData toImageData(BufferedImage bi) {
		int w = bi.getWidth(), h = bi.getHeight();
		ImageData d = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
		int[] row = new int[w];
		for (int y = 0; y < h; y++) {
			bi.getRGB(0, y, w, 1, row, 0, w);
			for (int x = 0; x < w; x++) row[x] &= 0xFFFFFF;
			d.setPixels(0, y, w, row, 0);
		}
		return d;
	}

	/** Writes the chart as PNG at the canvas size (800 × 420 if not laid out), atomically. */
	public void savePng(Path file) throws IOException {
		Point s = size();
		byte[] b = ChartExport.png(chart, s.x, s.y);
		AtomicOutput.write(file, o -> o.write(b));
	}

	/** Writes the chart as SVG at the canvas size (800 × 420 if not laid out), atomically. */
	public void saveSvg(Path file) throws IOException {
		Point s = size();
		byte[] b = ChartExport.svg(chart, s.x, s.y).getBytes(StandardCharsets.UTF_8);
		AtomicOutput.write(file, o -> o.write(b));
	}

	private Point size() {
		Point s = getSize();
		return s.x > 10 && s.y > 10 ? s : new Point(ChartExport.WIDTH, ChartExport.HEIGHT);
	}

	private void saveDialog(String ext) {
		if (chart == null) return;
		FileDialog fd = new FileDialog(getShell(), SWT.SAVE);
		fd.setFilterExtensions(new String[] { "*." + ext });
		fd.setOverwrite(true);
		String title = chart.getTitle() == null ? "chart" : chart.getTitle().getText();
		fd.setFileName(title.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "") + "." + ext);
		String f = fd.open();
		if (f == null) return;
		try {
			if (ext.equals("png")) savePng(Path.of(f));
			else saveSvg(Path.of(f));
		} catch (IOException ex) {
			MessageBox mb = new MessageBox(getShell(), SWT.ICON_ERROR | SWT.OK);
			mb.setMessage(f + ": " + ex.getMessage());
			mb.open();
		}
	}
}
