package org.rspharness.smdp.order;

import org.rspharness.smdp.change.ChangeFeed;

/**
 * Where orders report their changes while a request is being recorded ({@link ChangeFeed}): the
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

  /** This thread's recorder of order changes ({@link ChangeFeed#record}). */
  public static final ChangeFeed<Recorder> FEED = new ChangeFeed<>();

  private OrderChanges() {}

  static void touched(Order order) {
    FEED.report(r -> r.touched(order));
  }

  static void transition(String iccid, String from, String to, String cause, long at) {
    FEED.report(r -> r.transition(iccid, from, to, cause, at));
  }
}
