package org.provablenets.exact.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The relation symbols as written in program files. */
class RelationTest {

  @Test
  void parsesTheDocumentedSymbols() {
    assertEquals(Relation.LE, Relation.parse("<="));
    assertEquals(Relation.EQ, Relation.parse("="));
    assertEquals(Relation.EQ, Relation.parse("=="));
    assertEquals(Relation.GE, Relation.parse(" >= "));
    assertEquals("<=", Relation.LE.symbol());
    assertEquals("=", Relation.EQ.symbol());
    assertEquals(">=", Relation.GE.symbol());
  }

  @Test
  void refusesOtherText() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Relation.parse("<"));
    assertEquals("\"<\" is not a relation (expected <=, = or >=)", e.getMessage());
  }
}
