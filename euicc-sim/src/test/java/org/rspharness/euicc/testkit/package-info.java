/**
 * The shared test kit of the device side (published as euicc-sim's test-jar): the real software
 * eUICC driven at ES10 for other modules' tests, and byte-level edits of its signed output for the
 * negative cases a real eUICC never produces.
 */
package org.rspharness.euicc.testkit;
