package org.bragg.ui.diagnostics.internal;

import java.util.ArrayList;
import java.util.List;

import org.bragg.report.ScanVaryingCharts;
import org.bragg.ui.diagnostics.ChartCanvas;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.jfree.chart.JFreeChart;

/** A scrolled grid of {@link ChartCanvas}es, two per row, 380 px high (stacked plots: 220 px per sub-plot). */
final class ChartGallery {
	final ScrolledComposite scroll;
	private final Composite body;
	private final List<ChartCanvas> canvases = new ArrayList<>();

	ChartGallery(Composite parent) {
		scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
		body = new Composite(scroll, SWT.NONE);
		body.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
		body.setLayout(new GridLayout(2, true));
		scroll.setContent(body);
		scroll.setExpandHorizontal(true);
		scroll.setExpandVertical(true);
		scroll.addListener(SWT.Resize, e -> relayout());
	}

	void setCharts(List<JFreeChart> charts) {
		for (ChartCanvas c : canvases) c.dispose();
		canvases.clear();
		for (JFreeChart ch : charts) {
			ChartCanvas c = new ChartCanvas(body, SWT.NONE);
			GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
			gd.heightHint = Math.max(380, ScanVaryingCharts.height(ch) * 380 / 420);
			gd.widthHint = 300;
			c.setLayoutData(gd);
			c.setChart(ch);
			canvases.add(c);
		}
		relayout();
	}

	List<ChartCanvas> canvases() { return List.copyOf(canvases); }

	private void relayout() {
		int w = scroll.getClientArea().width;
		scroll.setMinSize(body.computeSize(Math.max(600, w), SWT.DEFAULT));
		body.layout(true, true);
	}
}
