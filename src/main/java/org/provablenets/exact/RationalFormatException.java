package org.provablenets.exact;

/** A string that is not an exact rational number in one of the accepted forms. */
public final class RationalFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one sentence naming the offending text and why it is rejected
   */
  public RationalFormatException(String message) {
    super(message);
  }
}
