package org.provablenets.villani;

/**
 * The lower bound of {@code ||grad L||} that certifies condition 4 (see {@link VillaniChecker}):
 * part of a T3 radius certificate.
 */
public enum RadiusStatement {
  /** {@code ||grad L|| >= (lambda - lambda_c) ||W|| - G_0}: needs lambda &gt; lambda_c. */
  THRESHOLD,
  /** {@code ||grad L|| >= lambda ||W|| - C_0 / ||W||}: needs lambda &gt; 0 only. */
  RADIAL
}
