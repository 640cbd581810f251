package org.rspharness.core.event;

/** Receives events; implementations must be thread-safe, as every layer emits concurrently. */
@FunctionalInterface
public interface EventSink {

  /** Takes one event; must not throw for ordinary I/O trouble (the run matters more). */
  void accept(Event event);
}
