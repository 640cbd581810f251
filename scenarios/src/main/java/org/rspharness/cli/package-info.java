/** The {@code rsp-harness} command line: one entry point with a subcommand per job. */
package org.rspharness.cli;
