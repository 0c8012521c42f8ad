package org.provablenets.qual;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.checkerframework.framework.qual.DefaultQualifierInHierarchy;
import org.checkerframework.framework.qual.SubtypeOf;

/**
 * The instance's theorem hypotheses have not (yet) been checked; this is the default for every type (top of the hypotheses hierarchy).
 *
 * <p>Example: {@code FiniteDistribution d = FiniteDistribution.fromRows(rows); // hypotheses unchecked}
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
@SubtypeOf({})
@DefaultQualifierInHierarchy
public @interface HypothesesUnchecked {}
