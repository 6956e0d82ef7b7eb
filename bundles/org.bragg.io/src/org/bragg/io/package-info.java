/**
 * Reading and writing DIALS files: experiment lists ({@code .expt}, JSON, through Jackson) in
 * {@link org.bragg.io.ExperimentListIO}, reflection tables ({@code .refl}, msgpack) in
 * {@link org.bragg.io.ReflectionTableIO}, and {@link org.bragg.io.AtomicOutput}, which every program
 * uses to write its outputs so that a failed run leaves earlier files intact. Formats follow DIALS 3.12
 * (dxtbx {@code ExperimentList.to_dict}, DIALS {@code reflection_table_msgpack_adapter.h}); files
 * written here load in DIALS and vice versa.
 *
 * @since 0.1
 */
package org.bragg.io;
