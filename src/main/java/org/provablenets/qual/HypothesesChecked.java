package org.provablenets.qual;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.checkerframework.framework.qual.SubtypeOf;

/**
 * The instance's theorem hypotheses were checked, with certified constants, by the theorem's hypothesis checker; only that checker can produce it, and guarantee computations accept only such instances.
 *
 * <p>Example: {@code @HypothesesChecked GateInstance g = GateHypotheses.check(d, wStar);}
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
@SubtypeOf({HypothesesUnchecked.class})
public @interface HypothesesChecked {}
