package org.provablenets.villani;

/**
 * A Villani condition that the checker could not establish for the given instance. The message
 * names the condition (1-4), the quantity that fails, and by how much.
 */
public final class VillaniConditionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int condition;

  /**
   * @param condition the number (1-4) of the first condition that could not be established
   * @param message one sentence: which condition, which quantity, by how much
   */
  public VillaniConditionException(int condition, String message) {
    super(message);
    this.condition = condition;
  }

  /** The number (1-4) of the condition that could not be established. */
  public int condition() {
    return condition;
  }
}
