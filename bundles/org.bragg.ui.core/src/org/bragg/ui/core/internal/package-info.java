/**
 * Implementation of {@code org.bragg.ui.core}: the frame-to-colour renderer, its max-pooled pyramid and
 * the overlay painter. Not API ({@code x-internal}).
 */
package org.bragg.ui.core.internal;
