package org.provablenets.cert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a certificate check found: the conditions it verified, in order, and the first one that
 * failed (if any), in one sentence naming the condition, the place and the amount.
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
