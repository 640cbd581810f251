package org.rspharness.smdp.change;

import java.util.function.Consumer;

/**
 * Where one kind of state (orders, sessions) reports its changes while a request is being recorded:
 * a recorder registers itself for the current thread (the durable state's journal, for the length
 * of one request) and receives the changes made on that thread; with nothing registered, as in
 * memory, reporting does nothing. The state so knows no persistence.
 *
 * @param <R> the recorder's type (what a change is reported to)
 */
public final class ChangeFeed<R> {

  private final ThreadLocal<R> current = new ThreadLocal<>();

  /** Sends this thread's changes to {@code recorder} until {@link #stop()}. */
  public void record(R recorder) {
    current.set(recorder);
  }

  /** Stops sending this thread's changes. */
  public void stop() {
    current.remove();
  }

  /**
   * Reports a change to this thread's recorder, if one is registered; returns whether one was (the
   * change was recorded).
   */
  public boolean report(Consumer<? super R> change) {
    R r = current.get();
    if (r == null) {
      return false;
    }
    change.accept(r);
    return true;
  }
}
