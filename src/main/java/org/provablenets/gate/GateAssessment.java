package org.provablenets.gate;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.qual.HypothesesChecked;

/**
 * What the hypothesis checker says about a distribution, as a value rather than an exception: the
 * certified spectral bounds (reported also when a hypothesis fails), and either the checked
 * instance or the failure. The commands start from it, so a failed hypothesis is a report, not a
 * crash.
 *
 * <p>Only {@link GateHypotheses} mints the instance ({@link GateHypotheses#check} for a finite
 * support, {@link GateHypotheses#checkSampled} for a sampled family); this class only keeps it.
 *
 * <p><b>Cost.</b> That of {@link GateHypotheses#spectralBounds} twice (the bounds are reported
 * even when the check fails, and the check certifies its own).
 *
 * @param <D> the kind of distribution
 */
public final class GateAssessment<D extends Moments> {
  private final D distribution;
  private final Rational width;
  private final GateHypotheses.SpectralBounds bounds;
  private final @Nullable @HypothesesChecked CertifiedSpectrum<D> instance;
  private final @Nullable HypothesisFailedException failure;

  private GateAssessment(
      D distribution,
      Rational width,
      GateHypotheses.SpectralBounds bounds,
      @Nullable @HypothesesChecked CertifiedSpectrum<D> instance,
      @Nullable HypothesisFailedException failure) {
    this.distribution = distribution;
    this.width = width;
    this.bounds = bounds;
    this.instance = instance;
    this.failure = failure;
  }

  /** A finite support: its bounds and {@link GateHypotheses#check}. */
  public static GateAssessment<FiniteDistribution> of(FiniteDistribution dist, Rational width) {
    GateHypotheses.SpectralBounds sb = GateHypotheses.spectralBounds(dist, width);
    try {
      return new GateAssessment<>(dist, width, sb, GateHypotheses.check(dist, width), null);
    } catch (HypothesisFailedException e) {
      return new GateAssessment<>(dist, width, sb, null, e);
    }
  }

  /** A sampled family: its bounds and {@link GateHypotheses#checkSampled}. */
  public static GateAssessment<SampledDistribution> of(SampledDistribution dist, Rational width) {
    GateHypotheses.SpectralBounds sb = GateHypotheses.spectralBounds(dist, width);
    try {
      return new GateAssessment<>(dist, width, sb, GateHypotheses.checkSampled(dist, width), null);
    } catch (HypothesisFailedException e) {
      return new GateAssessment<>(dist, width, sb, null, e);
    }
  }

  /** The distribution. */
  public D distribution() {
    return distribution;
  }

  /** The largest width of each bracket. */
  public Rational width() {
    return width;
  }

  /** The certified brackets (lambda_min, lambda_max, lambda_4) and the null direction. */
  public GateHypotheses.SpectralBounds bounds() {
    return bounds;
  }

  /** The checked instance, or {@code null} if a hypothesis fails. */
  public @Nullable @HypothesesChecked CertifiedSpectrum<D> instance() {
    return instance;
  }

  /** The failure, or {@code null} if the hypotheses hold. */
  public @Nullable HypothesisFailedException failure() {
    return failure;
  }

  /** The failure sentence, or {@code null} if the hypotheses hold. */
  public @Nullable String failureMessage() {
    HypothesisFailedException f = failure;
    return f == null ? null : f.getMessage();
  }

  /** The [derived] constants for batch b ({@link GateHypotheses#constants}), or {@code null}. */
  public @Nullable GateConstants constants(int b) {
    @Nullable @HypothesesChecked CertifiedSpectrum<D> inst = instance;
    return inst == null ? null : GateHypotheses.constants(inst, b);
  }
}
