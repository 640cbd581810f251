/** The {@code rsp-harness lpa} command line: download, profile and notification operations. */
package org.rspharness.lpa.cli;
