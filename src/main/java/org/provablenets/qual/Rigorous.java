package org.provablenets.qual;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.checkerframework.framework.qual.SubtypeOf;

/**
 * The number is a proven bound (exact, or an outward-rounded enclosure), so an inequality it satisfies is a theorem, not a measurement; only exact or directed-rounding code produces it.
 *
 * <p>Example: {@code @Rigorous Rational lo = Eigen.lambdaMinBounds(sigma, width).lower();}
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
@SubtypeOf({Estimate.class})
public @interface Rigorous {}
