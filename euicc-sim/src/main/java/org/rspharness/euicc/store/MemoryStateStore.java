package org.rspharness.euicc.store;

import java.util.Optional;

/** A {@link StateStore} holding the immutable state in a field: nothing survives the JVM. */
final class MemoryStateStore implements StateStore {

  private volatile EuiccState state;

  @Override
  public Optional<EuiccState> load() {
    return Optional.ofNullable(state);
  }

  @Override
  public void save(EuiccState newState) {
    if (newState == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    state = newState;
  }
}
