/**
 * The Processing perspective of the Bragg workbench: the shared {@link org.bragg.ui.imageviewer.DataSession}
 * (an OSGi service injected into the parts), its {@link org.bragg.ui.imageviewer.DataSet}s and the
 * viewer's preference keys ({@link org.bragg.ui.imageviewer.ViewerPreferences}). The parts themselves
 * (data explorer, image viewer, console; e4 POJO parts contributed as {@code e4view}s through
 * {@code plugin.xml}) live in the internal package.
 *
 * @since 0.1
 */
package org.bragg.ui.imageviewer;
