package org.provablenets.cli;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.gate.GateIteration;
import org.provablenets.gate.GateRun;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code --poison BETA,THETA,ATTACK} option of {@code gate run} (a mixin) and its parser. */
final class GatePoisonOption {
  @Option(names = "--poison", paramLabel = "BETA,THETA,ATTACK", order = 7,
      description = "poison the labels: BETA in [0, 1], THETA >= 0, ATTACK random, worst or"
          + " adaptive")
  @Nullable String text;

  /** The poisoning, or {@code null} without the option; a usage error (exit 2) if malformed. */
  GateRun.@Nullable Poison parse(CommandLine cl) {
    String t = text;
    if (t == null) {
      return null;
    }
    String[] parts = t.split(",", -1);
    if (parts.length != 3) {
      throw new ParameterException(
          cl, "--poison is '" + t + "', expected BETA,THETA,ATTACK such as 0.1,0.5,random");
    }
    Rational beta = GateSetup.rational(cl, "--poison BETA", parts[0].strip());
    if (beta.signum() < 0 || beta.compareTo(Rational.ONE) > 0) {
      throw new ParameterException(
          cl, "--poison BETA is " + Rationals.format(beta)
              + ", expected an attack probability in [0, 1]");
    }
    Rational theta =
        GateSetup.nonNegative(cl, "--poison THETA", parts[1].strip(), "attack size bound");
    String a = GateSetup.lower(parts[2]);
    GateIteration.Attack attack;
    switch (a) {
      case "random":
        attack = GateIteration.Attack.RANDOM_SIGN;
        break;
      case "worst":
        attack = GateIteration.Attack.WORST_CASE;
        break;
      case "adaptive":
        attack = GateIteration.Attack.ADAPTIVE;
        break;
      default:
        throw new ParameterException(
            cl, "--poison ATTACK is '" + parts[2].strip()
                + "', expected random, worst or adaptive");
    }
    return new GateRun.Poison(beta, theta, attack, a);
  }
}
