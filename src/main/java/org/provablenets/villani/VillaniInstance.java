package org.provablenets.villani;

import java.util.Collections;
import java.util.List;
import org.provablenets.exact.Rational;
import org.provablenets.qual.Rigorous;

/**
 * A T3 instance (data, outer weights, lambda, activation, learning rate s) together with the
 * evidence that its loss is a Villani function: the derived constants, the statement used for
 * condition 4, and a certified radius {@code R(M)}. Typed {@code @HypothesesChecked} only when
 * {@link VillaniChecker#check} produced it.
 */
public final class VillaniInstance {
  private final RegularisedLoss loss;
  private final Rational s;
  private final Rational m;
  private final RadiusStatement statement;
  private final VillaniConstants constants;
  private final @Rigorous Rational monotoneFrom;
  private final @Rigorous Rational radius;
  private final @Rigorous Rational integrabilityBound;
  private final List<String> conditions;

  VillaniInstance(
      RegularisedLoss loss,
      Rational s,
      Rational m,
      RadiusStatement statement,
      VillaniConstants constants,
      @Rigorous Rational monotoneFrom,
      @Rigorous Rational radius,
      @Rigorous Rational integrabilityBound,
      List<String> conditions) {
    this.loss = loss;
    this.s = s;
    this.m = m;
    this.statement = statement;
    this.constants = constants;
    this.monotoneFrom = monotoneFrom;
    this.radius = radius;
    this.integrabilityBound = integrabilityBound;
    this.conditions = List.copyOf(conditions);
  }

  /** The regularised loss L. */
  public RegularisedLoss loss() {
    return loss;
  }

  /** The learning rate s in {@code V_s}. */
  public Rational s() {
    return s;
  }

  /** The level M of condition 4. */
  public Rational level() {
    return m;
  }

  /** The statement that certified condition 4. */
  public RadiusStatement statement() {
    return statement;
  }

  /** The derived constants. */
  public VillaniConstants constants() {
    return constants;
  }

  /** {@code r_m}: the derived lower bound of V_s is non-decreasing in ||W|| from here on. */
  public @Rigorous Rational monotoneFrom() {
    return monotoneFrom;
  }

  /** The certified radius R(M): {@code ||W||_F >= R} implies {@code V_s(W) >= M}. */
  public @Rigorous Rational radius() {
    return radius;
  }

  /** An upper bound of {@code integral exp(-2 L / s) dW}: at most {@code (pi s / lambda)^(pd/2)}. */
  public @Rigorous Rational integrabilityBound() {
    return integrabilityBound;
  }

  /** The four conditions as checked, one sentence each. */
  public List<String> conditions() {
    return Collections.unmodifiableList(conditions);
  }

  @Override
  public String toString() {
    return String.join("\n", conditions);
  }
}
