package org.provablenets.cert;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.qual.Certified;

/**
 * A result with the verdict of its independent check, and the same result typed {@code
 * @Certified} exactly when the verdict accepted it.
 *
 * <p>The trust boundary for results: only the checkers in this package make one (the constructor
 * is package-private, and a {@code @Certified} value is minted only by a checker's one documented
 * cast), so whatever prints a result as "verified" or writes {@code "certified": true} for it can
 * demand {@link #certified()} non-null, and the Checker Framework rejects any other path. The
 * verdict keeps the conditions checked and the first failure for the report of a rejection.
 *
 * @param <T> the checked result, e.g. an LP result or a T1 certificate
 */
public final class Checked<T> {
  private final T result;
  private final Verdict verdict;
  private final @Nullable @Certified T certified;

  /** @param certified the result typed {@code @Certified} if the verdict accepted it, else null */
  Checked(T result, Verdict verdict, @Nullable @Certified T certified) {
    this.result = result;
    this.verdict = verdict;
    this.certified = certified;
  }

  /** The result as the solver (or a file) gave it, checked or not. */
  public T result() {
    return result;
  }

  /** The verdict: the conditions verified and the first failure, if any. */
  public Verdict verdict() {
    return verdict;
  }

  /** The result typed {@code @Certified} if the checker accepted it, else {@code null}. */
  public @Nullable @Certified T certified() {
    return certified;
  }
}
