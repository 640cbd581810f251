package org.rspharness.core.fault;

/** Where a fault is applied: each layer asks the fault plan at its own points. */
public enum Layer {
  /** The LPA's HTTP(S) client side of ES9+ (works against a remote SM-DP+ too). */
  NETWORK_CLIENT,
  /** The SM-DP+'s HTTP(S) server side of ES9+/ES2+. */
  NETWORK_SERVER,
  /** The SM-DP+'s protocol logic: what it answers to a function. */
  PROTOCOL,
  /** The eUICC at APDU level, per ES10 command. */
  CARD
}
