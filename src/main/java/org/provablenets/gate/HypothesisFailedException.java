package org.provablenets.gate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;

/**
 * Thrown by {@link GateHypotheses#check} when a hypothesis of T2 fails. The message names every
 * failed hypothesis and says by how much, e.g. {@code (A1) not symmetric: point (1, 2) has mass
 * 1/3 but its negation (-1, -2) has mass 0}; each failure also carries its exact witness.
 */
public final class HypothesisFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One failed hypothesis: its label ("A1", "A2"), the sentence, and an exact witness. */
  public static final class Failure {
    private final String hypothesis;
    private final String message;
    private final Rational @Nullable [] witness;

    Failure(String hypothesis, String message, Rational @Nullable [] witness) {
      this.hypothesis = hypothesis;
      this.message = message;
      this.witness = witness == null ? null : witness.clone();
    }

    /** "A1" (symmetry) or "A2" (Sigma positive definite). */
    public String hypothesis() {
      return hypothesis;
    }

    /** One sentence: what fails and by how much. */
    public String message() {
      return message;
    }

    /**
     * The exact witness: for A1 a support point whose mass differs from that of its negation; for
     * A2 a non-zero v with {@code v' Sigma v = 0}.
     */
    public Rational @Nullable [] witness() {
      return witness == null ? null : witness.clone();
    }

    @Override
    public String toString() {
      return "(" + hypothesis + ") " + message;
    }
  }

  private final List<Failure> failures;

  HypothesisFailedException(List<Failure> failures) {
    super(join(failures));
    this.failures = Collections.unmodifiableList(new ArrayList<>(failures));
  }

  private static String join(List<Failure> failures) {
    List<String> s = new ArrayList<>();
    for (Failure f : failures) {
      s.add(f.toString());
    }
    return String.join("; ", s);
  }

  /** Every failed hypothesis, in the order A1, A2. */
  public List<Failure> failures() {
    return failures;
  }

  /** Whether hypothesis {@code label} ("A1" or "A2") is among the failures. */
  public boolean failed(String label) {
    for (Failure f : failures) {
      if (f.hypothesis().equals(label)) {
        return true;
      }
    }
    return false;
  }

  /** The failure of hypothesis {@code label}, or {@code null} if it did not fail. */
  public @Nullable Failure failure(String label) {
    for (Failure f : failures) {
      if (f.hypothesis().equals(label)) {
        return f;
      }
    }
    return null;
  }
}
