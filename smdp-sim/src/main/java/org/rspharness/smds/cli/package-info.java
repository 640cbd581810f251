/** {@code rsp-harness smds}: runs the SM-DS simulator. */
package org.rspharness.smds.cli;
