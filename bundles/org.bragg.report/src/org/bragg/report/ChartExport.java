package org.bragg.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.io.AtomicOutput;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.svg.SVGGraphics2D;

/**
 * Renders JFreeChart charts as PNG (AWT, headless-safe), SVG (JFreeSVG) or {@link BufferedImage} (for the SWT
 * views, which copy the pixels into an SWT image), and gives every Bragg chart the same look.
 * <p>Sizes are in pixels (SVG: user units of one pixel). Files are written atomically with
 * {@link AtomicOutput}. Callers that render without a display set {@code java.awt.headless=true} before the
 * first AWT use.
 *
 * @since 0.1
 */
public final class ChartExport {
	/** Default chart width and height in pixels. */
	public static final int WIDTH = 800, HEIGHT = 420;

	private ChartExport() {}

	/**
	 * @return the chart drawn into a new RGB image of {@code width × height} pixels
	 * @throws IllegalArgumentException if a size is not positive
	 */
	public static BufferedImage image(JFreeChart chart, int width, int height) {
		if (width <= 0 || height <= 0) throw new IllegalArgumentException("chart size " + width + "×" + height);
		BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
		g.dispose();
		return img;
	}

	/** @return PNG bytes of the chart at {@code width × height} pixels */
	public static byte[] png(JFreeChart chart, int width, int height) {
		ByteArrayOutputStream bos = new ByteArrayOutputStream();
		try {
			ChartUtils.writeBufferedImageAsPNG(bos, image(chart, width, height));
		} catch (IOException ex) {
			throw new UncheckedIOException(ex); // in-memory stream
		}
		return bos.toByteArray();
	}

	/** @return an SVG 1.1 document of the chart, {@code width × height} user units (pixels) */
	public static String svg(JFreeChart chart, int width, int height) {
		SVGGraphics2D g = new SVGGraphics2D(width, height);
		chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
		return g.getSVGDocument();
	}

	/**
	 * Writes {@code <base>.png} and {@code <base>.svg} atomically.
	 *
	 * @param base the path without extension
	 * @return the two files written
	 * @throws IOException on a write error (earlier files of the same name stay intact)
	 */
	public static List<Path> write(JFreeChart chart, Path base, int width, int height) throws IOException {
		List<Path> out = new ArrayList<>();
		Path png = base.resolveSibling(base.getFileName() + ".png"), svg = base.resolveSibling(base.getFileName() + ".svg");
		byte[] p = png(chart, width, height);
		AtomicOutput.write(png, o -> o.write(p));
		out.add(png);
		byte[] s = svg(chart, width, height).getBytes(StandardCharsets.UTF_8);
		AtomicOutput.write(svg, o -> o.write(s));
		out.add(svg);
		return out;
	}

	/** White background, light grid, no zero-forcing on number axes, 2-px lines: the look of every Bragg chart. */
	public static JFreeChart style(JFreeChart ch) {
		ch.setBackgroundPaint(Color.WHITE);
		Plot plot = ch.getPlot();
		plot.setBackgroundPaint(Color.WHITE);
		if (plot instanceof XYPlot p) {
			p.setDomainGridlinePaint(Color.LIGHT_GRAY);
			p.setRangeGridlinePaint(Color.LIGHT_GRAY);
			if (p.getRangeAxis() instanceof NumberAxis a) a.setAutoRangeIncludesZero(false);
			if (p.getDomainAxis() instanceof NumberAxis a) a.setAutoRangeIncludesZero(false);
			XYItemRenderer r = p.getRenderer();
			if (r != null && p.getDataset() != null)
				for (int i = 0; i < p.getDataset().getSeriesCount(); i++) r.setSeriesStroke(i, new BasicStroke(2f));
		}
		return ch;
	}
}
