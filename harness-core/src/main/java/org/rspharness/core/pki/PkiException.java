package org.rspharness.core.pki;

/**
 * A PKI that cannot be used as asked: a role missing from a directory, an unreadable file, a key
 * that matches no certificate. The message names the file or role and says what to do.
 */
public class PkiException extends RuntimeException
    implements org.rspharness.core.cli.Classified.BadInput {

  private static final long serialVersionUID = 1L;

  public PkiException(String message) {
    super(message);
  }

  public PkiException(String message, Throwable cause) {
    super(message, cause);
  }
}
