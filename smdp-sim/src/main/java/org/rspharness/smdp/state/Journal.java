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
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.session.RspSession;

/**
 * What one request changed: the orders and sessions it touched, the sessions it ended, the order
 * transitions and operator callbacks it made. Kept per thread while a {@link DurableHandler} serves
 * the request; without one (in-memory use) every call here is a no-op.
 */
public final class Journal {

  private static final ThreadLocal<Journal> CURRENT = new ThreadLocal<>();

  final Set<Order> orders = Collections.newSetFromMap(new IdentityHashMap<>());
  final Map<TransactionId, RspSession> sessions = new LinkedHashMap<>();
  final List<String[]> history = new ArrayList<>();
  final List<DownloadProgress> callbacks = new ArrayList<>();

  private Journal() {}

  /** Starts recording on this thread. */
  static Journal begin() {
    Journal j = new Journal();
    CURRENT.set(j);
    return j;
  }

  /** Stops recording on this thread. */
  static void end() {
    CURRENT.remove();
  }

  /** Whether a request is being recorded on this thread. */
  public static boolean active() {
    return CURRENT.get() != null;
  }

  /** The order changed (called by every mutator of {@link Order}). */
  public static void touch(Order order) {
    Journal j = CURRENT.get();
    if (j != null) {
      j.orders.add(order);
    }
  }

  /** The session changed or was opened. */
  public static void touch(RspSession session) {
    Journal j = CURRENT.get();
    if (j != null) {
      j.sessions.put(session.transactionId(), session);
    }
  }

  /**
   * The session ended: its record is deleted. {@code stored} is false for a session that never got
   * past initiateAuthentication (never written, see {@link DurableState}): nothing to delete.
   */
  public static void ended(TransactionId id, boolean stored) {
    Journal j = CURRENT.get();
    if (j != null) {
      if (stored) {
        j.sessions.put(id, null);
      } else {
        j.sessions.remove(id);
      }
    }
  }

  /** An order moved (SGP.22 3.1.1 names), kept as its history. */
  public static void transition(String iccid, String from, String to, String cause, long at) {
    Journal j = CURRENT.get();
    if (j != null) {
      j.history.add(new String[] {iccid, from, to, cause, Long.toString(at)});
    }
  }

  /**
   * Adds an operator callback to the outbox; returns false when no request is being recorded (the
   * caller then delivers it at once).
   */
  public static boolean callback(DownloadProgress p) {
    Journal j = CURRENT.get();
    if (j == null) {
      return false;
    }
    j.callbacks.add(p);
    return true;
  }

  boolean isEmpty() {
    return orders.isEmpty() && sessions.isEmpty() && history.isEmpty() && callbacks.isEmpty();
  }
}
