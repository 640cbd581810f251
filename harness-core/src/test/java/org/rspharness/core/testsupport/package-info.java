/**
 * Helpers shared by every module's tests (harness-core's test-jar): the reference data, with the
 * skip/fail policy and its summary line.
 */
package org.rspharness.core.testsupport;
