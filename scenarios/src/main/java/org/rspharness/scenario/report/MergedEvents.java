package org.rspharness.scenario.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventsJsonl;

/**
 * The event logs of a sharded run (each shard a process with its own monotonic clock and sequence
 * numbers) as one log: each shard's times are moved onto a common axis by its first event's wall
 * clock (the earliest shard starts at 0), the events are ordered by that time (a shard's own order
 * kept), and numbered again from 1. Shards run disjoint devices, so every per-device KPI comes out
 * as one process running all devices would have computed it.
 */
public final class MergedEvents {

  private MergedEvents() {}

  /** Reads and merges {@code files} (malformed lines fail with file:line). */
  public static List<Event> read(List<Path> files) throws IOException {
    List<List<Event>> logs = new ArrayList<>();
    for (Path f : files) {
      logs.add(EventsJsonl.read(f));
    }
    return merge(logs);
  }

  /** Merges event logs as {@link #read} does. */
  public static List<Event> merge(List<List<Event>> logs) {
    Instant earliest = null;
    for (List<Event> log : logs) {
      if (!log.isEmpty()) {
        Instant first = first(log).wallTime();
        earliest = earliest == null || first.isBefore(earliest) ? first : earliest;
      }
    }
    record Placed(long nanos, int log, long seq, Event event) {}
    List<Placed> placed = new ArrayList<>();
    for (int i = 0; i < logs.size(); i++) {
      List<Event> log = logs.get(i);
      if (log.isEmpty()) {
        continue;
      }
      Event first = first(log);
      long shift = Duration.between(earliest, first.wallTime()).toNanos() - first.elapsedNanos();
      List<Event> bySeq = new ArrayList<>(log);
      bySeq.sort(Comparator.comparingLong(Event::seq));
      long previous = Long.MIN_VALUE;
      for (Event e : bySeq) {
        // times kept monotone along the shard's own order, so the sort below never reorders it
        previous = Math.max(previous, e.elapsedNanos() + shift);
        placed.add(new Placed(previous, i, e.seq(), e));
      }
    }
    placed.sort(
        Comparator.comparingLong(Placed::nanos)
            .thenComparingInt(Placed::log)
            .thenComparingLong(Placed::seq));
    List<Event> out = new ArrayList<>(placed.size());
    long seq = 1;
    for (Placed p : placed) {
      Event e = p.event();
      out.add(new Event(seq++, p.nanos(), e.wallTime(), e.source(), e.payload()));
    }
    return out;
  }

  private static Event first(List<Event> log) {
    return log.stream().min(Comparator.comparingLong(Event::seq)).orElseThrow();
  }
}
