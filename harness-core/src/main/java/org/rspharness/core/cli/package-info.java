/**
 * Conventions every {@code rsp-harness} command shares: exit codes, one error style, JSON-line
 * output, settings from {@code RSP_HARNESS_*} environment variables, colour and help layout.
 */
package org.rspharness.core.cli;
