/**
 * Runs scenarios: wires the SM-DP+, devices and PKI, executes steps, checks expectations from state
 * and events.
 */
package org.rspharness.scenario.engine;
