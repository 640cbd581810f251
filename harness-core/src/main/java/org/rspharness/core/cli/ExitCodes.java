package org.rspharness.core.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit statuses of every {@code rsp-harness} command (the README's table): scripts and CI
 * pipelines branch on them, so each command maps its outcome to exactly one of these.
 */
public final class ExitCodes {

  /** The command did what was asked (and every scenario, expectation and threshold held). */
  public static final int OK = 0;

  /** A test, expectation or acceptance threshold failed. */
  public static final int FAILED = 1;

  /** Bad input or usage: an unknown option, a missing file, a malformed scenario or PKI. */
  public static final int USAGE = 2;

  /** The peer (SM-DP+ or eUICC) refused, or the network failed (DNS, connect, TLS, timeout). */
  public static final int PEER = 3;

  /** An internal error of the harness: a bug to report. */
  public static final int INTERNAL = 4;

  private ExitCodes() {}

  /** Each status with its one-line meaning, in order. */
  public static Map<Integer, String> table() {
    Map<Integer, String> t = new LinkedHashMap<>();
    t.put(OK, "success");
    t.put(FAILED, "a test, expectation or threshold failed");
    t.put(USAGE, "bad input or usage");
    t.put(PEER, "the peer (SM-DP+ or eUICC) refused, or the network failed");
    t.put(INTERNAL, "internal error (a bug: please report it)");
    return t;
  }
}
