package org.provablenets.exact.lp;

/** The relation of a linear constraint {@code a . x REL b}. */
public enum Relation {
  /** {@code a . x <= b}. */
  LE("<="),
  /** {@code a . x = b}. */
  EQ("="),
  /** {@code a . x >= b}. */
  GE(">=");

  private final String symbol;

  Relation(String symbol) {
    this.symbol = symbol;
  }

  /** The symbol as written in files: {@code <=}, {@code =} or {@code >=}. */
  public String symbol() {
    return symbol;
  }

  /**
   * The relation for a symbol ({@code <=}, {@code =}, {@code ==}, {@code >=}).
   *
   * @throws IllegalArgumentException for any other text
   */
  public static Relation parse(String s) {
    switch (s.trim()) {
      case "<=":
        return LE;
      case "=":
      case "==":
        return EQ;
      case ">=":
        return GE;
      default:
        throw new IllegalArgumentException(
            "\"" + s + "\" is not a relation (expected <=, = or >=)");
    }
  }
}
