package org.rspharness.scenario.model;

import java.util.Locale;

/** The expected outcome of a step. */
public enum Outcome {
  /** The step's function completed successfully. */
  SUCCESS,
  /** The step's function reported an error (status code, ES10 result, status word). */
  FAILURE,
  /** Either: the step is run for its side effects or its captures. */
  ANY;

  /** The name scenario files use: lower case. */
  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
