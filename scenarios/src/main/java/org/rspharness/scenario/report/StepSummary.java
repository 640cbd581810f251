package org.rspharness.scenario.report;

/**
 * One step of a scenario, from its {@code StepStarted} to its {@code StepFinished} event.
 *
 * <p>A step whose start event is missing (a log cut at the front) has {@code startSeq == endSeq}
 * and a zero duration; a step that never finished is {@link Status#UNFINISHED}, ends at the last
 * event of its scenario and counts as a failure.
 *
 * @param name the step name from the events
 * @param startSeq sequence number of its start event
 * @param endSeq sequence number of its finish event (or of the scenario's last event if unfinished)
 * @param startNanos monotonic time of the start event
 * @param endNanos monotonic time of the finish event
 * @param status passed, failed or unfinished
 * @param statusCode the SGP.22 status code the step failed with, or null
 * @param message the step's message, or null
 */
public record StepSummary(
    String name,
    long startSeq,
    long endSeq,
    long startNanos,
    long endNanos,
    Status status,
    String statusCode,
    String message) {

  /** How a step ended. */
  public enum Status {
    PASSED,
    FAILED,
    UNFINISHED
  }

  /** The step's duration in nanoseconds. */
  public long durationNanos() {
    return Math.max(0, endNanos - startNanos);
  }

  /** True unless the step failed or never finished. */
  public boolean ok() {
    return status == Status.PASSED;
  }

  /**
   * The failure in one line: {@code step: [code] message}, line breaks folded into spaces (for
   * tables and XML attributes).
   */
  public String oneLine() {
    StringBuilder out = new StringBuilder(name.isEmpty() ? "(scenario)" : name).append(": ");
    if (status == Status.UNFINISHED) {
      out.append("did not finish");
    } else if (status == Status.PASSED) {
      out.append("passed");
    } else {
      if (statusCode != null && !statusCode.isBlank()) {
        out.append('[').append(statusCode).append("] ");
      }
      out.append(message == null || message.isBlank() ? "failed" : message);
    }
    return out.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
