/**
 * Key performance indicators of a run (success rate, time-to-activate, MTTR, latency breakdowns,
 * failures) computed from its event log alone, and SLA acceptance thresholds judged against them.
 */
package org.rspharness.scenario.kpi;
