package org.rspharness.core.event;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Keeps events in memory, for assertions and for building reports at the end of a run. */
public final class RecordingSink implements EventSink {

  private final List<Event> events = new ArrayList<>();

  @Override
  public synchronized void accept(Event event) {
    events.add(event);
  }

  /**
   * A snapshot of the events so far, in sequence-number order (concurrent emitters may hand them
   * over slightly out of order).
   */
  public synchronized List<Event> events() {
    List<Event> copy = new ArrayList<>(events);
    copy.sort(java.util.Comparator.comparingLong(Event::seq));
    return List.copyOf(copy);
  }

  /** The payloads of one type, in order. */
  public <T extends EventPayload> Stream<T> payloads(Class<T> type) {
    return events().stream().map(Event::payload).filter(type::isInstance).map(type::cast);
  }
}
