/**
 * Implementation of the Processing perspective: the POJO parts, the perspective factory, data loading,
 * processing actions as Jobs, the threshold preview, preferences and Bragg's own workbench application.
 * Not API ({@code x-internal}).
 */
package org.bragg.ui.imageviewer.internal;
