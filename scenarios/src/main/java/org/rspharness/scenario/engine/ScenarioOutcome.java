package org.rspharness.scenario.engine;

/**
 * How one scenario ended, as the engine saw it (reports recompute the same from the events).
 *
 * @param name the scenario
 * @param passed whether every step and expectation held
 * @param failure the first failure in one line ({@code step: message}), or null
 * @param nanos wall duration of the scenario, setup included
 */
public record ScenarioOutcome(String name, boolean passed, String failure, long nanos) {}
