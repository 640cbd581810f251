package org.rspharness.core.util;

import java.util.Arrays;

/**
 * Bytes compared by content, as a map key (an encoding: a certificate's DER, a key's SPKI). The
 * array is not copied: callers hand over arrays nobody changes afterwards.
 *
 * @param bytes the bytes
 * @param hash their content hash, computed once
 */
public record ByteKey(byte[] bytes, int hash) {

  /** The key of {@code bytes}. */
  public static ByteKey of(byte[] bytes) {
    return new ByteKey(bytes, Arrays.hashCode(bytes));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "ByteKey[" + bytes.length + " bytes]";
  }
}
