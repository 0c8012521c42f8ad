package org.provablenets.exact;

/**
 * Example counts for the property suites. CI runs the defaults; {@code -Dprops.examples=N} runs N
 * examples per property (the long campaign).
 */
public final class PropertySettings {
  private PropertySettings() {}

  /** The number of examples for a property whose CI default is {@code ciDefault}. */
  public static int examples(int ciDefault) {
    int n = Integer.getInteger("props.examples", 0);
    return n > 0 ? n : ciDefault;
  }
}
