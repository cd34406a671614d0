package com.callcentre.events.schemas.registry;

/**
 * The registry answered with an error, or could not be reached after every retry.
 * {@link #httpStatus()} is 0 when no HTTP answer was received at all.
 */
public class SchemaRegistryException extends RuntimeException {
  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's own {@code error_code} (e.g. 40401 subject not found), or the HTTP status if it sent none. */
  public int errorCode() {
    return errorCode;
  }
}
