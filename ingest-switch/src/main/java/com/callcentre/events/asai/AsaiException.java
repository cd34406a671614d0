package com.callcentre.events.asai;

/** A CVLAN/ASAI call failed; the message is the library's own ({@code asai_errval}). */
public class AsaiException extends Exception {
  public AsaiException(String message) {
    super(message);
  }
}
