package org.bragg.params;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the enclosing PHIL scope of a root parameter record: with {@code @Scope("spotfinder")} on
 * {@code SpotFindingParameters}, its component {@code filter.minSpotSize} has the path
 * {@code spotfinder.filter.min_spot_size}. Only honoured on the type passed to {@link Phil}; a record
 * used as a component is named by that component ({@link Param#name()}).
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Scope {

    /** The scope name, a dotted path such as {@code spotfinder} or {@code geometry.detector}. */
    String value();

    /** PHIL {@code .help} of the scope. */
    String help() default "";
}
