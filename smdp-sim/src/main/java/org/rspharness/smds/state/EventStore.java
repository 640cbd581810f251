package org.rspharness.smds.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.function.FunctionFailure;

/**
 * SGP.22 section 3.6: the SM-DS's event records per EID, in registration order. An EventID is
 * unique per EID (8.9.5/3.3 for a duplicate, 8.9.5/3.9 for an unknown one); every change is a
 * {@code smdsEvent} state transition in the event log and, with a {@link SmdsStateStore}, durable
 * before the call returns (the records held at start are those the store kept).
 */
public final class EventStore {

  private final Map<Eid, Map<String, EventRecord>> byEid = new LinkedHashMap<>();
  private final EventLog events;
  private final String source;
  private final SmdsStateStore state;

  /** Records in memory only. */
  public EventStore(EventLog events, String source) {
    this(events, source, null);
  }

  /** Records kept in {@code state} (null: memory only), starting with those it holds. */
  public EventStore(EventLog events, String source, SmdsStateStore state) {
    this.events = events;
    this.source = source;
    this.state = state;
    if (state != null) {
      List<EventRecord> kept = state.load();
      for (EventRecord r : kept) {
        byEid.computeIfAbsent(r.eid(), k -> new LinkedHashMap<>()).put(r.eventId(), r);
      }
      events.emit(
          source,
          new EventPayload.Note(
              "state: " + state.describe() + ": restored " + kept.size() + " event record(s)"));
    }
  }

  /** Adds a record; a second one with the same EID and EventID is refused. */
  public synchronized void add(EventRecord r) {
    Map<String, EventRecord> m = byEid.computeIfAbsent(r.eid(), k -> new LinkedHashMap<>());
    if (m.containsKey(r.eventId())) {
      throw new FunctionFailure(
          StatusCodes.EVENT_RECORD_ALREADY_EXISTS,
          r.eventId(),
          "event " + r.eventId() + " is already registered for EID " + r.eid().value());
    }
    persist(() -> state.put(r), r.eventId());
    m.put(r.eventId(), r);
    events.emit(
        source,
        new EventPayload.StateTransition(
            "smdsEvent", key(r.eid(), r.eventId()), "none", "registered", r.rspServerAddress()));
  }

  /** Removes and returns a record; an unknown one is refused. */
  public synchronized EventRecord remove(Eid eid, String eventId, String cause) {
    Map<String, EventRecord> m = byEid.get(eid);
    EventRecord r = m == null ? null : m.get(eventId);
    if (r == null) {
      throw new FunctionFailure(
          StatusCodes.EVENT_RECORD_UNKNOWN,
          eventId,
          "no event " + eventId + " for EID " + eid.value());
    }
    persist(() -> state.delete(eid, eventId), eventId);
    m.remove(eventId);
    if (m.isEmpty()) {
      byEid.remove(eid);
    }
    events.emit(
        source,
        new EventPayload.StateTransition(
            "smdsEvent", key(eid, eventId), "registered", "deleted", cause));
    return r;
  }

  /** The records of {@code eid}, in registration order. */
  public synchronized List<EventRecord> of(Eid eid) {
    Map<String, EventRecord> m = byEid.get(eid);
    return m == null ? List.of() : List.copyOf(m.values());
  }

  /** One record, if held. */
  public synchronized Optional<EventRecord> find(Eid eid, String eventId) {
    Map<String, EventRecord> m = byEid.get(eid);
    return Optional.ofNullable(m == null ? null : m.get(eventId));
  }

  /** Every record held, by EID then registration. */
  public synchronized List<EventRecord> all() {
    List<EventRecord> out = new ArrayList<>();
    byEid.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  /** A change not made durable is not made at all: the caller gets an SM-DS execution error. */
  private void persist(Runnable write, String eventId) {
    if (state == null) {
      return;
    }
    try {
      write.run();
    } catch (IllegalStateException e) {
      events.emit(source, new EventPayload.Note("state: " + e.getMessage()));
      throw new FunctionFailure(
          StatusCodes.SMDS_EXECUTION_ERROR, eventId, "the SM-DS could not store the change");
    }
  }

  private static String key(Eid eid, String eventId) {
    return eid.value() + "/" + eventId;
  }
}
