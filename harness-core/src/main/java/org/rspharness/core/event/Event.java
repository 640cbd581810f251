package org.rspharness.core.event;

import java.time.Instant;

/**
 * One line of the event log: a sequence number, the monotonic time since the log started, the
 * wall-clock time, who emitted it ({@code source}, e.g. {@code smdp}, {@code lpa/1}, {@code
 * euicc/89049032...}) and what happened.
 *
 * <p>Timings are computed from {@code elapsedNanos} (monotonic); {@code wallTime} is for humans.
 */
public record Event(
    long seq, long elapsedNanos, Instant wallTime, String source, EventPayload payload) {}
