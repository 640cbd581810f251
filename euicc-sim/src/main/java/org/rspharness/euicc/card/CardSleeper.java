package org.rspharness.euicc.card;

import java.time.Duration;

/**
 * How a slow card waits: the real card sleeps, tests inject a recorder so they stay fast and can
 * assert the delay that was asked for.
 */
@FunctionalInterface
public interface CardSleeper {

  /** Waits {@code delay} before the card goes on. */
  void sleep(Duration delay);

  /**
   * Sleeps the calling thread (the card's lock is held meanwhile, as a busy card holds the bus).
   */
  static CardSleeper threadSleep() {
    return delay -> {
      try {
        Thread.sleep(delay.toMillis(), (int) (delay.toNanosPart() % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }
}
