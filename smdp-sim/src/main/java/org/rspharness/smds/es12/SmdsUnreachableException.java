package org.rspharness.smds.es12;

/** The SM-DS could not be reached or did not answer an ES12 response (connection, TLS, HTTP). */
public final class SmdsUnreachableException extends Exception {
  private static final long serialVersionUID = 1L;

  public SmdsUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
