package org.provablenets.qual;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.checkerframework.framework.qual.SubtypeOf;

/**
 * The value's certificate was verified with exact arithmetic by the independent checker in {@code org.provablenets.cert}; only that checker can produce it.
 *
 * <p>Example: {@code @Certified LpResult r = CertificateChecker.certify(lp, solver.solve(lp));}
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
@SubtypeOf({MaybeCertified.class})
public @interface Certified {}
