package org.rspharness.euicc.store;

import java.util.Optional;

/**
 * Where an eUICC's persistent state lives. {@link #save} is all or nothing: after a crash, {@link
 * #load} gives either the previous state or the new one, never a mix.
 */
public interface StateStore {

  /** The last state saved, or empty for a card never saved. */
  Optional<EuiccState> load();

  /** Replaces the saved state with {@code state}, atomically. */
  void save(EuiccState state);

  /** A store in memory only (tests, and large fleets of short-lived virtual cards). */
  static StateStore inMemory() {
    return new MemoryStateStore();
  }
}
