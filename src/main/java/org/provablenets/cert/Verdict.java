package org.provablenets.cert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.qual.Certified;

/**
 * What a certificate check found: the conditions it verified, in order, and the first one that
 * failed (if any), in one sentence naming the condition, the place and the amount.
 *
 * <p>The trust boundary: only this package makes verdicts (the constructor and the recording
 * methods are package-private), and {@link #certified()} is the only way to obtain one typed
 * {@code @Certified}. Whatever prints "verified" or writes {@code "certified": true} takes a
 * {@code @Certified Verdict} (e.g. {@code TextReport.verifiedLine}, {@code ResultJson.putVerdict}),
 * so the Checker Framework rejects any other path to those words.
 */
public final class Verdict {
  private final List<String> checked = new ArrayList<>();
  private @Nullable String failure;

  Verdict() {}

  /** Records a verified condition. */
  void pass(String condition) {
    checked.add(condition);
  }

  /** Records the first failed condition; later failures are ignored. */
  void fail(String why) {
    if (failure == null) {
      failure = why;
    }
  }

  /** Whether every condition held. */
  public boolean accepted() {
    return failure == null;
  }

  /**
   * This verdict typed {@code @Certified} if every condition held, else {@code null}. The one place
   * outside the checkers' {@code certify} methods that mints {@code @Certified}: a verdict is only
   * made by a checker in this package, so an accepted one is a check that passed.
   */
  @SuppressWarnings("cast.unsafe") // minting: accepted verdicts are made only by the checkers
  public @Nullable @Certified Verdict certified() {
    return failure == null ? (@Certified Verdict) this : null;
  }

  /** The conditions verified, in order. */
  public List<String> checked() {
    return Collections.unmodifiableList(checked);
  }

  /** The first failed condition, or {@code null} if accepted. */
  public @Nullable String failure() {
    return failure;
  }

  @Override
  public String toString() {
    return failure == null ? "accepted: " + String.join("; ", checked) : "rejected: " + failure;
  }
}
