package com.callcentre.events.asai;

/** A received buffer that is not a well-formed event report; {@link #reason()} is a short code. */
public class UndecodableBufferException extends Exception {
  private final String reason;

  public UndecodableBufferException(String reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
