package org.rspharness.smdp.order;

/**
 * Where orders report their changes while a request is being recorded (the durable state's journal
 * registers itself per thread); with nothing registered, as in memory, reporting does nothing. The
 * order package so knows no persistence.
 */
public final class OrderChanges {

  /** Receives the changes of the orders on the registering thread. */
  public interface Recorder {
    /** The order changed. */
    void touched(Order order);

    /** An order moved (SGP.22 3.1.1 state names). */
    void transition(String iccid, String from, String to, String cause, long at);
  }

  private static final ThreadLocal<Recorder> CURRENT = new ThreadLocal<>();

  private OrderChanges() {}

  /** Sends this thread's order changes to {@code recorder} until {@link #stop()}. */
  public static void record(Recorder recorder) {
    CURRENT.set(recorder);
  }

  /** Stops sending this thread's order changes. */
  public static void stop() {
    CURRENT.remove();
  }

  static void touched(Order order) {
    Recorder r = CURRENT.get();
    if (r != null) {
      r.touched(order);
    }
  }

  static void transition(String iccid, String from, String to, String cause, long at) {
    Recorder r = CURRENT.get();
    if (r != null) {
      r.transition(iccid, from, to, cause, at);
    }
  }
}
