package org.rspharness.core.event;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Hands events on in sequence-number order: {@link EventLog} delivers concurrent events slightly
 * out of order, so this sink holds the few that arrive early until the gap before them fills. The
 * buffer is bounded: past {@value #WINDOW} waiting events (a gap that never fills, e.g. an event
 * numbered before this sink was added) the oldest go on anyway. Thread-safe; {@code next} is called
 * under this sink's lock.
 */
public final class OrderedSink implements EventSink {

  /** Events held at most while waiting for a gap to fill. */
  public static final int WINDOW = 4096;

  private final Consumer<Event> next;
  private final PriorityQueue<Event> early =
      new PriorityQueue<>(Comparator.comparingLong(Event::seq));
  private long expected;
  private boolean closed;

  /** A sink passing events to {@code next} from sequence number {@code firstSeq} on. */
  public OrderedSink(Consumer<Event> next, long firstSeq) {
    this.next = next;
    this.expected = firstSeq;
  }

  /** A sink for a log from now on: the first event it expects is the log's next one. */
  public static OrderedSink from(EventLog log, Consumer<Event> next) {
    return new OrderedSink(next, log.lastSeq() + 1);
  }

  @Override
  public synchronized void accept(Event e) {
    if (closed) {
      return;
    }
    if (e.seq() < expected) {
      next.accept(e); // numbered before a gap was given up: late, passed on as it is
      return;
    }
    early.add(e);
    drain(false);
  }

  private void drain(boolean all) {
    Event head;
    while ((head = early.peek()) != null
        && (head.seq() <= expected || all || early.size() > WINDOW)) {
      early.poll();
      expected = Math.max(expected, head.seq() + 1);
      next.accept(head);
    }
  }

  /** Passes on everything still held, in order, and takes no more events. */
  public synchronized void close() {
    drain(true);
    closed = true;
  }
}
