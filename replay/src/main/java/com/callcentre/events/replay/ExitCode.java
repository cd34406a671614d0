package com.callcentre.events.replay;

/**
 * What {@code bin/replay} exits with, so scripts can tell the cases apart. picocli's own usage
 * errors (an unknown option, a missing value) exit {@link #USAGE} too.
 */
public enum ExitCode {
  OK(0, "records matched and were shown (or driven)"),
  NO_MATCH(1, "nothing in the range matched the filters"),
  USAGE(2, "bad options, including a bad or empty time range"),
  UNKNOWN_TOPIC(3, "a topic the command needs does not exist on the cluster"),
  BROKER_UNREACHABLE(4, "no Kafka broker answered within --timeout"),
  REGISTRY_UNREACHABLE(5, "the schema registry did not answer within --timeout"),
  REFUSED(6, "drive was asked to write to the production topic names without --into-production-topics"),
  FAILED(70, "anything else; the message says what");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  /** The list {@code --help} ends with. */
  public static String describeAll() {
    StringBuilder b = new StringBuilder();
    for (ExitCode c : values()) {
      b.append(String.format("  %-3d %s%n", c.code, c.meaning));
    }
    return b.toString();
  }
}
