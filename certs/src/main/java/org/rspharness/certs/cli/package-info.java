/** The {@code rsp-harness certs} subcommands. */
package org.rspharness.certs.cli;
