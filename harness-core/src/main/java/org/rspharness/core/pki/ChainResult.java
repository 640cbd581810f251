package org.rspharness.core.pki;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The outcome of {@link ChainValidator#validate}: ok with the path found (leaf first, CI last), or
 * the one specific reason the certificate was refused.
 */
public record ChainResult(boolean ok, String reason, List<X509Certificate> path) {

  public ChainResult {
    path = List.copyOf(path);
  }

  static ChainResult success(List<X509Certificate> path) {
    return new ChainResult(true, "ok", path);
  }

  static ChainResult failure(String reason, List<X509Certificate> path) {
    return new ChainResult(false, reason, path);
  }

  @Override
  public String toString() {
    return ok ? "ok" : reason;
  }
}
