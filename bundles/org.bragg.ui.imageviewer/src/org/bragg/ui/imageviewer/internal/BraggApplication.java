package org.bragg.ui.imageviewer.internal;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/**
 * Bragg's own workbench application ({@code org.bragg.ui.imageviewer.application}, used by the
 * {@code org.bragg.product} product): a workbench window opening on the Processing perspective with
 * File, Window and Help menus. Installed into another workbench (e.g. DAWN) the bundle contributes its
 * views and perspective only; this application is then unused.
 *
 * <p>With {@code -Dbragg.smoketest=<file.png>} the application opens the files listed in
 * {@code -Dbragg.open=<file>,<file>…}, waits until they are shown, saves a screenshot of the window,
 * prints {@code BRAGG SMOKE TEST OK} (or {@code FAILED}) and exits — the automated check of the packaged
 * product.
 */
public class BraggApplication implements IApplication {
	/** Exit code of a failed smoke test. */
	public static final Integer EXIT_SMOKE_FAILED = 13;

	@Override
	public Object start(IApplicationContext context) {
		Display display = PlatformUI.createDisplay();
		try {
			SmokeTest smoke = SmokeTest.fromSystemProperties();
			int rc = PlatformUI.createAndRunWorkbench(display, new Advisor(smoke));
			if (smoke != null && !smoke.passed()) return EXIT_SMOKE_FAILED;
			return rc == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
		} finally {
			display.dispose();
		}
	}

	@Override
	public void stop() {
		if (!PlatformUI.isWorkbenchRunning()) return;
		var wb = PlatformUI.getWorkbench();
		wb.getDisplay().syncExec(() -> {
			if (!wb.getDisplay().isDisposed()) wb.close();
		});
	}

	private static final class Advisor extends WorkbenchAdvisor {
		private final SmokeTest smoke;

		Advisor(SmokeTest smoke) { this.smoke = smoke; }

		@Override
		public void initialize(IWorkbenchConfigurer configurer) {
			configurer.setSaveAndRestore(smoke == null);
		}

		@Override
		public String getInitialWindowPerspectiveId() { return ProcessingPerspective.ID; }

		@Override
		public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer c) {
			return new WorkbenchWindowAdvisor(c) {
				@Override
				public void preWindowOpen() {
					IWorkbenchWindowConfigurer wc = getWindowConfigurer();
					// 1400×950, or the primary monitor's work area if that is smaller (e.g. a 1280×1024 Xvfb screen)
					org.eclipse.swt.graphics.Rectangle area = Display.getDefault().getPrimaryMonitor().getClientArea();
					wc.setInitialSize(new Point(Math.min(1400, area.width), Math.min(950, area.height)));
					wc.setTitle("Bragg");
					wc.setShowCoolBar(false);
					wc.setShowMenuBar(true);
					wc.setShowStatusLine(true);
					wc.setShowProgressIndicator(true);
				}

				@Override
				public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer abc) {
					return new Menus(abc);
				}
			};
		}

		@Override
		public void postStartup() {
			if (smoke != null) smoke.start(PlatformUI.getWorkbench());
		}
	}

	/** File ▸ Exit; Window ▸ Open Perspective…, Show View, Reset Perspective, Preferences; Help ▸ About. */
	private static final class Menus extends ActionBarAdvisor {
		Menus(IActionBarConfigurer c) { super(c); }

		@Override
		protected void fillMenuBar(IMenuManager bar) {
			IWorkbenchWindow w = getActionBarConfigurer().getWindowConfigurer().getWindow();
			MenuManager file = new MenuManager("&File", "file");
			file.add(register(ActionFactory.QUIT.create(w)));
			MenuManager window = new MenuManager("&Window", "window");
			MenuManager views = new MenuManager("Show &View", "showView");
			views.add(ContributionItemFactory.VIEWS_SHORTLIST.create(w));
			window.add(register(ActionFactory.OPEN_PERSPECTIVE_DIALOG.create(w)));
			window.add(views);
			window.add(register(ActionFactory.RESET_PERSPECTIVE.create(w)));
			window.add(new Separator());
			window.add(register(ActionFactory.PREFERENCES.create(w)));
			MenuManager help = new MenuManager("&Help", "help");
			help.add(register(ActionFactory.ABOUT.create(w)));
			bar.add(file);
			bar.add(window);
			bar.add(help);
		}

		private org.eclipse.jface.action.IAction register(ActionFactory.IWorkbenchAction a) {
			super.register(a);
			return a;
		}
	}
}
