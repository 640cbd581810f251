package org.rspharness.smdp.session;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One daemon thread that ticks every server's {@link SessionStore#purgeIfDue()}; it holds stores
 * weakly, so a store nobody closed still goes away with its simulator.
 */
final class SessionPurger {

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "rsp-session-purge");
            t.setDaemon(true);
            return t;
          });

  private SessionPurger() {}

  static AutoCloseable schedule(SessionStore store, Duration period) {
    WeakReference<SessionStore> ref = new WeakReference<>(store);
    AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
    long millis = Math.max(1, period.toMillis());
    self.set(
        TIMER.scheduleWithFixedDelay(
            () -> {
              SessionStore s = ref.get();
              if (s == null) {
                ScheduledFuture<?> f = self.get();
                if (f != null) {
                  f.cancel(false);
                }
                return;
              }
              try {
                s.purgeIfDue();
              } catch (RuntimeException e) {
                // a sink that throws must not stop the timer; the next tick tries again
              }
            },
            millis,
            millis,
            TimeUnit.MILLISECONDS));
    return () -> self.get().cancel(false);
  }
}
