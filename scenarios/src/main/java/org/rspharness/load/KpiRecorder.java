package org.rspharness.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventSink;

/**
 * Keeps, in memory, only what the KPIs need, so that big runs stay small: step and fault events,
 * TLS handshakes, HTTP exchanges without their bodies, and (when asked) APDU exchanges cut to their
 * header and first tag (9 bytes) and status word. State transitions and notes are dropped (they are
 * in the events file when one is written). About 20 events of some 150 bytes per download with
 * APDUs, 8 without.
 */
public final class KpiRecorder implements EventSink {

  private final boolean apdus;
  private final List<Event> events = new ArrayList<>();

  /** A recorder keeping APDU heads when {@code apdus}. */
  public KpiRecorder(boolean apdus) {
    this.apdus = apdus;
  }

  @Override
  public void accept(Event e) {
    EventPayload p = e.payload();
    EventPayload kept;
    if (p instanceof EventPayload.StepStarted
        || p instanceof EventPayload.StepFinished
        || p instanceof EventPayload.FaultInjected
        || p instanceof EventPayload.TlsHandshake) {
      kept = p;
    } else if (p instanceof EventPayload.Note n
        && n.text() != null
        && n.text().startsWith(org.rspharness.scenario.kpi.Kpis.STRESS_NOTE)) {
      kept = p;
    } else if (p instanceof EventPayload.HttpExchange h) {
      kept =
          new EventPayload.HttpExchange(
              h.function(), h.url(), h.status(), null, null, h.nanos(), h.error());
    } else if (apdus && p instanceof EventPayload.ApduExchange a) {
      byte[] c = a.command();
      byte[] r = a.response();
      kept =
          new EventPayload.ApduExchange(
              c.length <= 9 ? c : Arrays.copyOf(c, 9),
              r == null || r.length <= 2 ? r : Arrays.copyOfRange(r, r.length - 2, r.length),
              a.channel(),
              a.nanos());
    } else {
      return;
    }
    Event compact = new Event(e.seq(), e.elapsedNanos(), e.wallTime(), e.source(), kept);
    synchronized (this) {
      events.add(compact);
    }
  }

  /** The kept events in sequence order. */
  public synchronized List<Event> events() {
    List<Event> copy = new ArrayList<>(events);
    copy.sort(Comparator.comparingLong(Event::seq));
    return copy;
  }
}
