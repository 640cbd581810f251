package org.rspharness.smdp.order;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.function.FunctionFailure;

/**
 * The SM-DP+'s orders, by ICCID, with the lookups ES9+ needs (SGP.22 section 3.1.2: matchingId,
 * SM-DS EventID, default SM-DP+ by EID). Thread-safe: the maps are concurrent and every order
 * guards its own state.
 */
public final class OrderStore {

  private final ConcurrentMap<Iccid, Order> byIccid = new ConcurrentHashMap<>();
  // matchingIds and SM-DS event ids share one space: an eUICC sends either in ctxParams1.matchingId
  private final ConcurrentMap<String, Order> byToken = new ConcurrentHashMap<>();
  private final Object insertLock = new Object();
  private volatile Refresher refresher = Refresher.NONE;

  /**
   * Reads what other SM-DP+ instances sharing the store changed, before an order is looked up
   * (several instances behind one address); does nothing for a store of one instance.
   */
  public interface Refresher {
    Refresher NONE =
        new Refresher() {
          @Override
          public void iccid(Iccid iccid) {}

          @Override
          public void token(String token) {}

          @Override
          public void eid(Eid eid) {}
        };

    /** Before {@link #find}. */
    void iccid(Iccid iccid);

    /** Before {@link #byMatchingId}: the order holding this matchingId or EventID. */
    void token(String token);

    /** Before {@link #defaultFor}: the orders linked to this EID. */
    void eid(Eid eid);
  }

  /** Installs the refresher of a shared store. */
  public void refresher(Refresher r) {
    refresher = r == null ? Refresher.NONE : r;
  }

  /** Adds an order; IllegalArgumentException on a duplicate ICCID or matchingId. */
  public void add(Order order) {
    synchronized (insertLock) {
      if (byIccid.containsKey(order.iccid())) {
        throw new IllegalArgumentException(
            "iccid: " + order.iccid().value() + " is already in use");
      }
      for (String token : tokens(order)) {
        if (byToken.containsKey(token)) {
          throw new IllegalArgumentException("matchingId: '" + token + "' is already in use");
        }
      }
      byIccid.put(order.iccid(), order);
      for (String token : tokens(order)) {
        byToken.put(token, order);
      }
    }
  }

  private static List<String> tokens(Order order) {
    List<String> out = new ArrayList<>(2);
    if (order.matchingId() != null && !order.matchingId().isEmpty()) {
      out.add(order.matchingId().value());
    }
    if (order.smdsEventId() != null) {
      out.add(order.smdsEventId());
    }
    return out;
  }

  /**
   * Forgets an order (its ICCID and tokens become free): for generators of orders that must not
   * keep every finished one for the life of the process.
   */
  public void remove(Order order) {
    synchronized (insertLock) {
      if (byIccid.remove(order.iccid(), order)) {
        for (String token : tokens(order)) {
          byToken.remove(token, order);
        }
      }
    }
  }

  public Optional<Order> find(Iccid iccid) {
    refresher.iccid(iccid);
    return Optional.ofNullable(byIccid.get(iccid));
  }

  /** The order holding this matchingId or SM-DS EventID. */
  public Optional<Order> byMatchingId(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    refresher.token(token);
    return Optional.ofNullable(byToken.get(token));
  }

  /** SGP.22 section 3.1.2 (default SM-DP+): the released default profile waiting for this EID. */
  public Optional<Order> defaultFor(Eid eid) {
    refresher.eid(eid);
    for (Order o : byIccid.values()) {
      if (o.defaultSmdp() && eid.equals(o.eid())) {
        ProfileState s = o.state();
        if (s == ProfileState.RELEASED || s == ProfileState.DOWNLOADED) {
          return Optional.of(o);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether any order has this profile type. */
  public boolean knowsProfileType(String profileType) {
    return byIccid.values().stream().anyMatch(o -> o.profileType().equals(profileType));
  }

  /** Available orders of a profile type, in ICCID order (deterministic picks). */
  public List<Order> available(String profileType) {
    return byIccid.values().stream()
        .filter(o -> o.profileType().equals(profileType) && o.state() == ProfileState.AVAILABLE)
        .sorted((a, b) -> a.iccid().value().compareTo(b.iccid().value()))
        .toList();
  }

  /**
   * Gives {@code order} a matchingId (caller holds the order's lock); 8.2.6/3.3 when another order
   * holds it.
   */
  public void assignMatchingId(Order order, MatchingId matchingId) {
    synchronized (insertLock) {
      Order holder = byToken.get(matchingId.value());
      if (holder != null && holder != order) {
        throw new FunctionFailure(
            StatusCodes.MATCHING_ID_CONFLICT,
            matchingId.value(),
            "matchingId " + matchingId.value() + " is used by another order");
      }
      if (order.matchingId() != null) {
        byToken.remove(order.matchingId().value(), order);
      }
      order.matchingId(matchingId);
      if (!matchingId.isEmpty()) {
        byToken.put(matchingId.value(), order);
      }
    }
  }

  /** Gives {@code order} an SM-DS EventID (caller holds the lock). */
  public void assignEventId(Order order, String eventId) {
    synchronized (insertLock) {
      Order holder = byToken.get(eventId);
      if (holder != null && holder != order) {
        throw new FunctionFailure(
            StatusCodes.EVENT_RECORD_ALREADY_EXISTS, eventId, "EventID already in use");
      }
      order.smdsEventId(eventId);
      byToken.put(eventId, order);
    }
  }

  /** Forgets the order's matchingId and EventID (cancelOrder; caller holds the lock). */
  public void clearTokens(Order order) {
    synchronized (insertLock) {
      for (String t : tokens(order)) {
        byToken.remove(t, order);
      }
      order.matchingId(null);
      order.smdsEventId(null);
    }
  }

  /**
   * A reusable (lab) order becomes Released again after Installed or Error, with fresh counters
   * (caller holds the lock).
   */
  public void reuse(Order order, String cause, EventLog events) {
    order.apply(OrderEvent.REUSE, cause, events);
    order.resetForReuse();
  }

  /**
   * Puts back the stored state of the order with {@code iccid} (at start, before serving), with its
   * matchingId and EventID; false when the inventory no longer has that ICCID.
   */
  public boolean restore(Iccid iccid, Order.State state) {
    Order order = byIccid.get(iccid);
    if (order == null) {
      return false;
    }
    // the order's lock first, as every changer of tokens takes them (no lock-order inversion)
    order.lock().lock();
    try {
      synchronized (insertLock) {
        for (String t : tokens(order)) {
          byToken.remove(t, order);
        }
        order.restore(state);
        for (String t : tokens(order)) {
          byToken.put(t, order);
        }
      }
    } finally {
      order.lock().unlock();
    }
    return true;
  }

  public Collection<Order> all() {
    return byIccid.values();
  }

  public int size() {
    return byIccid.size();
  }
}
