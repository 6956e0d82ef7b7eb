/** The e4 POJO parts of the diagnostics views and their chart gallery. */
package org.bragg.ui.diagnostics.internal;
