/**
 * Reports of a run (summary, console table, JUnit XML, JSON, HTML) computed from its event log
 * alone, so that {@code rsp-harness report events.jsonl} rebuilds them later on another machine;
 * plus the console progress line shown while the run goes on.
 */
package org.rspharness.scenario.report;
