package org.provablenets.cli;

public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("provable-nets");
  }
}
