package org.rspharness.smdp.state;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.callback.DownloadProgress;
import org.rspharness.smdp.callback.HttpOperatorNotifier;
import org.rspharness.smdp.callback.OperatorNotifier;
import org.rspharness.smdp.function.HttpSupport;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderStore;
import org.rspharness.smdp.quirk.Quirks;
import org.rspharness.smdp.session.RspSession;
import org.rspharness.smdp.session.SessionStore;

/**
 * The SM-DP+'s state made durable: at start it puts back the stored orders, live sessions and
 * undelivered callbacks; while serving, {@link #wrap} makes every request's changes durable (one
 * group commit) before its answer leaves, and an outbox delivers operator callbacks at least once,
 * in order, surviving restarts.
 */
public final class DurableState implements AutoCloseable {

  private static final String SOURCE = "smdp";
  private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

  private final StateStore store;
  private final EventLog events;
  private final Outbox outbox;
  private final AtomicLong outboxIds;
  private final OrderStore orders;
  private final SessionStore sessions;

  /** Makes this instance's outbox ids its own in a store shared with other instances. */
  private final String instanceTag;

  /**
   * Restores what {@code store} holds into {@code orders} (already filled from the inventory) and
   * {@code sessions}, and starts delivering stored callbacks to {@code operator}.
   */
  public DurableState(
      StateStore store,
      OrderStore orders,
      SessionStore sessions,
      Clock clock,
      OperatorNotifier operator,
      EventLog events) {
    this.store = store;
    this.events = events;
    this.orders = orders;
    this.sessions = sessions;
    this.instanceTag =
        store.shared()
            ? "-" + Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36)
            : "";
    int restoredOrders = 0;
    List<StoreRecord> stale = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : store.load(StoreRecord.Kind.ORDER).entrySet()) {
      if (orders.restore(Iccid.ofUnchecked(e.getKey()), StateCodec.order(e.getValue()))) {
        restoredOrders++;
      } else {
        events.emit(
            SOURCE,
            new EventPayload.Note(
                "state: order " + e.getKey() + " is no longer in the inventory; kept, not served"));
      }
    }
    int restoredSessions = 0;
    for (Map.Entry<String, byte[]> e : store.load(StoreRecord.Kind.SESSION).entrySet()) {
      RspSession s = StateCodec.session(e.getValue(), i -> orders.find(i).orElse(null));
      if (!clock.instant().isBefore(s.expiry())) {
        stale.add(new StoreRecord(StoreRecord.Kind.SESSION, e.getKey(), null));
      } else {
        sessions.restore(s);
        restoredSessions++;
      }
    }
    if (!stale.isEmpty()) {
      store.writeLater(stale);
    }
    Map<String, byte[]> pending = store.load(StoreRecord.Kind.OUTBOX);
    long last = 0;
    for (String k : pending.keySet()) {
      int dash = k.indexOf('-');
      last = Math.max(last, Long.parseLong(dash < 0 ? k : k.substring(0, dash)));
    }
    this.outboxIds = new AtomicLong(Math.max(last, System.currentTimeMillis() * 1000));
    this.outbox = new Outbox(store, delivery(operator), events);
    for (Map.Entry<String, byte[]> e : pending.entrySet()) {
      outbox.add(e.getKey(), StateCodec.callback(e.getValue()));
    }
    events.emit(
        SOURCE,
        new EventPayload.Note(
            "state: "
                + store.describe()
                + ": restored "
                + restoredOrders
                + " order(s), "
                + restoredSessions
                + " session(s), "
                + pending.size()
                + " undelivered callback(s)"
                + (store.shared() ? "; shared with other instances" : "")));
    if (store.shared()) {
      orders.refresher(new SharedOrders());
      sessions.refresher(this::refreshSession);
    }
  }

  // ------------------------------------------------------------- instances sharing the store

  /**
   * Several SM-DP+ instances behind one address share the store: before an order or session is
   * used, what another instance committed since is read and put in memory; a commit made from an
   * out-of-date record is refused ({@link StoreConflict}), so attempts are counted once.
   */
  private final class SharedOrders implements OrderStore.Refresher {
    @Override
    public void iccid(Iccid iccid) {
      store.read(StoreRecord.Kind.ORDER, iccid.value()).ifPresent(DurableState.this::putOrder);
    }

    @Override
    public void token(String token) {
      for (StateStore.IndexColumn c :
          List.of(StateStore.IndexColumn.MATCHING_ID, StateStore.IndexColumn.EVENT_ID)) {
        store.ordersBy(c, token).forEach(DurableState.this::putOrder);
      }
    }

    @Override
    public void eid(org.rspharness.core.ids.Eid eid) {
      store.ordersBy(StateStore.IndexColumn.EID, eid.value()).forEach(DurableState.this::putOrder);
    }
  }

  private void putOrder(StateStore.Row row) {
    if (store.seen(StoreRecord.Kind.ORDER, row.key(), row.version())) {
      orders.restore(Iccid.ofUnchecked(row.key()), StateCodec.order(row.value()));
    }
  }

  /** The session as committed (gone if another instance ended it), and its order. */
  private void refreshSession(TransactionId id) {
    java.util.Optional<StateStore.Row> row = store.read(StoreRecord.Kind.SESSION, id.hex());
    if (row.isEmpty()) {
      // not (or no longer) in the store: a session this instance opened and has not written yet
      // (INITIATED) stays; one another instance ended is forgotten
      RspSession local = sessions.peek(id);
      if (local != null && local.phase() != RspSession.Phase.INITIATED) {
        sessions.forget(id);
      }
      return;
    }
    RspSession s;
    if (store.seen(StoreRecord.Kind.SESSION, id.hex(), row.get().version())) {
      s = StateCodec.session(row.get().value(), i -> orders.find(i).orElse(null));
      sessions.restore(s);
    } else {
      s = sessions.peek(id);
    }
    if (s != null && s.order() != null) {
      iccidRefresh(s.order().iccid());
    }
  }

  private void iccidRefresh(Iccid iccid) {
    store.read(StoreRecord.Kind.ORDER, iccid.value()).ifPresent(this::putOrder);
  }

  /** After a refused commit: what the store has replaces what this instance had in memory. */
  private void reread(StoreConflict c) {
    for (StoreRecord r : c.records()) {
      if (r.kind() == StoreRecord.Kind.ORDER) {
        iccidRefresh(Iccid.ofUnchecked(r.key()));
      } else if (r.kind() == StoreRecord.Kind.SESSION) {
        refreshSession(TransactionId.fromHex(r.key()));
      }
    }
  }

  /** The notifier the services call: a callback joins the request's commit, then the outbox. */
  public OperatorNotifier notifier() {
    return p -> {
      if (!Journal.callback(p)) {
        String id = nextOutboxId();
        store.write(
            List.of(new StoreRecord(StoreRecord.Kind.OUTBOX, id, StateCodec.callback(p))), true);
        outbox.add(id, p);
      }
    };
  }

  /**
   * {@code handler} whose every state change is durable before its answer is returned: against a
   * power cut ({@code fsync}, each commit flushed to the disk) or against a crash of the process
   * (written to the operating system, flushed at the next fsynced commit or checkpoint).
   */
  public RspHttpHandler wrap(RspHttpHandler handler, boolean fsync) {
    return RspHttpHandler.async(request -> handle(handler, request, fsync));
  }

  /**
   * Runs {@code handler} now and answers once what it changed is committed: the answer completes on
   * the store's writer thread, so no server thread waits for the disk.
   */
  private CompletionStage<RspHttpResponse> handle(
      RspHttpHandler handler, RspHttpRequest request, boolean fsync) {
    Journal j = Journal.begin();
    RspHttpResponse response;
    try {
      response = handler.handle(request);
    } finally {
      Journal.end();
    }
    if (j.isEmpty()) {
      return CompletableFuture.completedFuture(response);
    }
    List<StoreRecord> records = new ArrayList<>();
    List<String> callbackIds = new ArrayList<>();
    for (Order o : j.orders) {
      Order.State st = o.locked(o::snapshot);
      records.add(
          new StoreRecord(
              StoreRecord.Kind.ORDER,
              o.iccid().value(),
              StateCodec.order(st),
              new StoreRecord.Index(
                  st.matchingId() == null || st.matchingId().isEmpty()
                      ? null
                      : st.matchingId().value(),
                  st.smdsEventId(),
                  st.eid() == null ? null : st.eid().value())));
    }
    for (Map.Entry<TransactionId, RspSession> e : j.sessions.entrySet()) {
      RspSession s = e.getValue();
      byte[] v = null;
      if (s != null) {
        s.lock().lock();
        try {
          // SGP.22 3.0.1: a session lost before AuthenticateClient is answered 8.10.1/3.9 and the
          // LPA starts again, so initiateAuthentication writes nothing (one commit per download
          // saved)
          v = s.phase() == RspSession.Phase.INITIATED ? null : StateCodec.session(s);
        } finally {
          s.lock().unlock();
        }
        if (v == null) {
          continue;
        }
      }
      records.add(new StoreRecord(StoreRecord.Kind.SESSION, e.getKey().hex(), v));
    }
    for (String[] h : j.history) {
      records.add(
          new StoreRecord(
              StoreRecord.Kind.HISTORY,
              h[0],
              StateCodec.history(h[1], h[2], h[3], Long.parseLong(h[4]))));
    }
    for (DownloadProgress p : j.callbacks) {
      String id = nextOutboxId();
      callbackIds.add(id);
      records.add(new StoreRecord(StoreRecord.Kind.OUTBOX, id, StateCodec.callback(p)));
    }
    if (records.isEmpty()) {
      return CompletableFuture.completedFuture(response);
    }
    return store
        .write(records, fsync)
        .orTimeout(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (done, failure) -> {
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                events.emit(SOURCE, new EventPayload.Note("state: commit failed: " + cause));
                if (cause instanceof StoreConflict c) {
                  reread(c);
                }
                // not durable, so not acknowledged: the client retries as after a lost answer
                return HttpSupport.failure(
                    SmdpCodes.INTERNAL,
                    "state store unavailable",
                    HttpSupport.protocolOf(request),
                    Quirks.none());
              }
              for (int i = 0; i < callbackIds.size(); i++) {
                outbox.add(callbackIds.get(i), j.callbacks.get(i));
              }
              return response;
            });
  }

  private String nextOutboxId() {
    return String.format("%020d", outboxIds.incrementAndGet()) + instanceTag;
  }

  /** Callbacks not yet acknowledged by the operator. */
  public int undelivered() {
    return outbox.size();
  }

  /** The history lines of an order, oldest first ("from to cause epochMillis"). */
  public List<String> history(Iccid iccid) {
    List<String> out = new ArrayList<>();
    for (byte[] b : store.history(iccid.value())) {
      out.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }
    return out;
  }

  public StateStore store() {
    return store;
  }

  @Override
  public void close() {
    outbox.close();
    store.close();
  }

  /** One delivery attempt: true when the operator acknowledged. */
  @FunctionalInterface
  interface Delivery {
    boolean deliver(DownloadProgress p);
  }

  private static Delivery delivery(OperatorNotifier operator) {
    if (operator instanceof HttpOperatorNotifier http) {
      return http::deliverOnce;
    }
    return p -> {
      operator.notify(p);
      return true;
    };
  }

  /**
   * SGP.22 5.3.5 callbacks, delivered one at a time in order; an entry leaves the store only once
   * the operator acknowledged it, and a failed delivery is retried (1 s doubling to 30 s) forever.
   */
  static final class Outbox implements AutoCloseable {
    private final StateStore store;
    private final Delivery delivery;
    private final EventLog events;
    private final LinkedBlockingDeque<Object[]> queue = new LinkedBlockingDeque<>();
    private final Thread thread;
    private volatile boolean closed;

    Outbox(StateStore store, Delivery delivery, EventLog events) {
      this.store = store;
      this.delivery = delivery;
      this.events = events;
      this.thread = new Thread(this::run, "smdp-outbox");
      thread.setDaemon(true);
      thread.start();
    }

    void add(String id, DownloadProgress p) {
      queue.add(new Object[] {id, p});
    }

    int size() {
      return queue.size();
    }

    private void run() {
      long backoff = 1000;
      while (!closed) {
        Object[] head;
        try {
          head = queue.take();
        } catch (InterruptedException e) {
          return;
        }
        boolean ok;
        try {
          ok = delivery.deliver((DownloadProgress) head[1]);
        } catch (RuntimeException e) {
          ok = false;
        }
        if (ok) {
          // a lost deletion means one more delivery: at least once either way
          store.writeLater(
              List.of(new StoreRecord(StoreRecord.Kind.OUTBOX, (String) head[0], null)));
          backoff = 1000;
          continue;
        }
        queue.addFirst(head);
        events.emit(
            SOURCE,
            new EventPayload.Note(
                "outbox: callback " + head[0] + " not acknowledged; retry in " + backoff + " ms"));
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException e) {
          return;
        }
        backoff = Math.min(backoff * 2, 30_000);
      }
    }

    @Override
    public void close() {
      closed = true;
      thread.interrupt();
    }
  }
}
