package org.rspharness.scenario.engine;

/** A step could not run as written (a missing capture, an unreachable SM-DP+ state, a timeout). */
final class StepFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StepFailure(String message) {
    super(message);
  }
}
