package org.rspharness.core.es2;

import org.rspharness.core.message.WireValue;

/**
 * SGP.22 section 5.3.3 ES2+.CancelOrder: what becomes of the profile once the order is cancelled.
 */
public enum FinalProfileStatusIndicator implements WireValue {
  AVAILABLE("Available"),
  UNAVAILABLE("Unavailable");

  private final String wire;

  FinalProfileStatusIndicator(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
