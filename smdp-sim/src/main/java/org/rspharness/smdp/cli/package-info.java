/** The {@code rsp-harness smdp} command line: serving the SM-DP+ simulator standalone. */
package org.rspharness.smdp.cli;
