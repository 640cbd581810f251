package org.rspharness.smdp.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.smdp.callback.DownloadProgress;
import org.rspharness.smdp.change.ChangeFeed;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderChanges;
import org.rspharness.smdp.session.RspSession;
import org.rspharness.smdp.session.SessionChanges;

/**
 * What one request changed: the orders and sessions it touched, the sessions it ended, the order
 * transitions and operator callbacks it made. Kept per thread while a {@link DurableState} serves
 * the request (registered as the thread's {@link OrderChanges} and {@link SessionChanges}
 * recorder); without one (in-memory use) nothing is recorded.
 */
final class Journal implements OrderChanges.Recorder, SessionChanges.Recorder {

  private static final ChangeFeed<Journal> CURRENT = new ChangeFeed<>();

  final Set<Order> orders = Collections.newSetFromMap(new IdentityHashMap<>());
  final Map<TransactionId, RspSession> sessions = new LinkedHashMap<>();
  final List<String[]> history = new ArrayList<>();
  final List<DownloadProgress> callbacks = new ArrayList<>();

  private Journal() {}

  /** Starts recording on this thread. */
  static Journal begin() {
    Journal j = new Journal();
    CURRENT.record(j);
    OrderChanges.FEED.record(j);
    SessionChanges.FEED.record(j);
    return j;
  }

  /** Stops recording on this thread. */
  static void end() {
    CURRENT.stop();
    OrderChanges.FEED.stop();
    SessionChanges.FEED.stop();
  }

  @Override
  public void touched(Order order) {
    orders.add(order);
  }

  @Override
  public void touched(RspSession session) {
    sessions.put(session.transactionId(), session);
  }

  @Override
  public void ended(TransactionId id, boolean stored) {
    if (stored) {
      sessions.put(id, null);
    } else {
      sessions.remove(id);
    }
  }

  @Override
  public void transition(String iccid, String from, String to, String cause, long at) {
    history.add(new String[] {iccid, from, to, cause, Long.toString(at)});
  }

  /**
   * Adds an operator callback to the outbox; returns false when no request is being recorded (the
   * caller then delivers it at once).
   */
  static boolean callback(DownloadProgress p) {
    return CURRENT.report(j -> j.callbacks.add(p));
  }

  boolean isEmpty() {
    return orders.isEmpty() && sessions.isEmpty() && history.isEmpty() && callbacks.isEmpty();
  }
}
