package org.provablenets.io;

/**
 * Bad input: a file that is missing, unreadable, not JSON, or not a valid program.
 *
 * <p>The message is one sentence naming the file, the place in it (such as {@code
 * constraints[2].coefficients[1]}) and the problem; the command line prints it as it is and exits
 * with code 2.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one sentence naming the file, the place and the problem
   */
  public InputException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the lower-level cause kept for debugging.
   *
   * @param message one sentence naming the file, the place and the problem
   * @param cause the exception that revealed the problem
   */
  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
