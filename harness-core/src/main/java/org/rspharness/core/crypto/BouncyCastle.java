package org.rspharness.core.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle JCA provider instance of the process, passed explicitly to JCA calls (it is
 * never installed globally, so the harness does not change what other code in the JVM gets).
 */
public final class BouncyCastle {

  /** The shared provider; building one costs milliseconds and megabytes, so there is only one. */
  public static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
