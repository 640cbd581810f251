package org.rspharness.core.crypto;

import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lightweight forms of JCA keys seen before. Converting a JCA key parses its encoding each
 * time, and a fresh public point loses Bouncy Castle's precomputed multiples that hang off the
 * point instance (the wNAF table used by every later verification with that key): the SM-DP+
 * verifies three signatures per download with one eUICC key, the eUICC two with the SM-DP+'s.
 * Public keys are keyed by their X.509 encoding (equal bytes, equal key); private keys by the JCA
 * object (credentials keep theirs). Bounded: past {@link #LIMIT} entries a map starts again.
 */
final class KeyCache {

  static final int LIMIT = 1024;

  private static final Map<EncodedKey, EcPublicKey> PUBLIC = new ConcurrentHashMap<>();
  private static final Map<Identity, EcPrivateKey> PRIVATE = new ConcurrentHashMap<>();

  private KeyCache() {}

  static EcPublicKey publicKey(byte[] spki, java.util.function.Supplier<EcPublicKey> convert) {
    EncodedKey k = new EncodedKey(spki, Arrays.hashCode(spki));
    EcPublicKey cached = PUBLIC.get(k);
    if (cached != null) {
      return cached;
    }
    EcPublicKey key = convert.get();
    if (PUBLIC.size() >= LIMIT) {
      PUBLIC.clear();
    }
    PUBLIC.put(k, key);
    return key;
  }

  static EcPrivateKey privateKey(
      PrivateKey jca, java.util.function.Supplier<EcPrivateKey> convert) {
    Identity id = new Identity(jca);
    EcPrivateKey cached = PRIVATE.get(id);
    if (cached != null) {
      return cached;
    }
    EcPrivateKey key = convert.get();
    if (PRIVATE.size() >= LIMIT) {
      PRIVATE.clear();
    }
    PRIVATE.put(id, key);
    return key;
  }

  /** A key object by identity: hashing a JCA private key may re-encode it. */
  private record Identity(Object key) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity i && i.key == key;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(key);
    }
  }

  private record EncodedKey(byte[] encoded, int hash) {
    @Override
    public boolean equals(Object o) {
      return o instanceof EncodedKey k && k.hash == hash && Arrays.equals(k.encoded, encoded);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
