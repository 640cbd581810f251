package org.rspharness.smdp.fuzz;

import java.util.Arrays;
import java.util.Random;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;

/**
 * Certificate-structure mutations of the certificates inside an AuthenticateServerResponse (BF38)
 * or an OtherSignedNotification (30): DER edge cases (a BOOLEAN that is neither 00 nor FF, a
 * non-minimal length, an indefinite length), keys off their curve, invalid UTF-8 in a name, bit
 * flips, truncation, the two certificates swapped. The signed part is left alone, so each mutation
 * reaches the certificate checks.
 */
public final class CertMutations {

  /** The kinds, in the order {@link #mutateCertificate} numbers them. */
  public static final String[] KINDS = {
    "boolean-not-ff",
    "long-form-length",
    "indefinite-length",
    "off-curve-key",
    "bad-utf8-name",
    "bit-flip",
    "truncated",
    "trailing-byte"
  };

  private CertMutations() {}

  /**
   * {@code container} (BF38 with A0 inside, or 30) with its eUICC or EUM certificate (the third or
   * fourth element) mutated, or the two swapped.
   */
  public static byte[] mutate(byte[] container, Random rnd) {
    Tlv outer = Tlv.parse(container);
    boolean asr = outer.tag() == 0xBF38;
    Tlv body = asr ? outer.child(0) : outer;
    int which = 2 + rnd.nextInt(2);
    byte[][] parts = new byte[body.children().size()][];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = body.child(i).encoded();
    }
    if (rnd.nextInt(12) == 0) {
      byte[] t = parts[2];
      parts[2] = parts[3];
      parts[3] = t;
    } else {
      parts[which] = mutateCertificate(parts[which], rnd.nextInt(KINDS.length), rnd);
    }
    TlvBuilder b = TlvBuilder.constructed(body.tag());
    for (byte[] p : parts) {
      b.addEncoded(p);
    }
    byte[] rebuilt = b.build();
    return asr ? TlvBuilder.constructed(0xBF38).addEncoded(rebuilt).build() : rebuilt;
  }

  /** One mutation of kind {@code kind} (an index of {@link #KINDS}) of a DER certificate. */
  public static byte[] mutateCertificate(byte[] der, int kind, Random rnd) {
    byte[] c = der.clone();
    switch (kind) {
      case 0 -> {
        int i = find(c, new byte[] {0x01, 0x01, (byte) 0xFF}, rnd);
        if (i >= 0) {
          c[i + 2] = (byte) (1 + rnd.nextInt(254)); // true, but not DER's FF
          return c;
        }
        return flip(c, rnd);
      }
      case 1 -> {
        // outer SEQUENCE 30 82 LL LL -> 30 83 00 LL LL
        if (c[1] == (byte) 0x82) {
          byte[] out = new byte[c.length + 1];
          out[0] = 0x30;
          out[1] = (byte) 0x83;
          out[2] = 0;
          System.arraycopy(c, 2, out, 3, c.length - 2);
          return out;
        }
        return flip(c, rnd);
      }
      case 2 -> {
        int header = c[1] == (byte) 0x82 ? 4 : c[1] == (byte) 0x81 ? 3 : 2;
        byte[] out = new byte[c.length - header + 4];
        out[0] = 0x30;
        out[1] = (byte) 0x80;
        System.arraycopy(c, header, out, 2, c.length - header);
        return out; // ends 00 00
      }
      case 3 -> {
        int i = find(c, new byte[] {0x03, 0x42, 0x00, 0x04}, rnd);
        if (i >= 0) {
          c[i + 4 + 1 + rnd.nextInt(63)] ^= (byte) (1 + rnd.nextInt(255));
          return c;
        }
        return flip(c, rnd);
      }
      case 4 -> {
        int i = findUtf8String(c, rnd);
        if (i >= 0) {
          int len = c[i + 1] & 0xFF;
          byte[] bad = {(byte) 0xFF, (byte) 0xC0, (byte) 0xED, (byte) 0x80};
          c[i + 2 + rnd.nextInt(len)] = bad[rnd.nextInt(bad.length)];
          return c;
        }
        return flip(c, rnd);
      }
      case 5 -> {
        return flip(c, rnd);
      }
      case 6 -> {
        return Arrays.copyOf(c, 1 + rnd.nextInt(c.length - 1));
      }
      default -> {
        byte[] out = Arrays.copyOf(c, c.length + 1);
        out[c.length] = (byte) rnd.nextInt(256);
        return out;
      }
    }
  }

  private static byte[] flip(byte[] c, Random rnd) {
    c[rnd.nextInt(c.length)] ^= (byte) (1 << rnd.nextInt(8));
    return c;
  }

  /** A random occurrence of {@code pattern}, or -1. */
  private static int find(byte[] c, byte[] pattern, Random rnd) {
    int[] hits = new int[16];
    int n = 0;
    outer:
    for (int i = 0; i + pattern.length <= c.length && n < hits.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (c[i + j] != pattern[j]) {
          continue outer;
        }
      }
      hits[n++] = i;
    }
    return n == 0 ? -1 : hits[rnd.nextInt(n)];
  }

  /** A UTF8String (tag 0C, short length, non-empty) inside an AttributeTypeAndValue, or -1. */
  private static int findUtf8String(byte[] c, Random rnd) {
    int[] hits = new int[16];
    int n = 0;
    for (int i = 5; i + 2 < c.length && n < hits.length; i++) {
      // 06 03 55 04 xx (an X.520 attribute type) directly before
      if (c[i] == 0x0C
          && c[i - 5] == 0x06
          && c[i - 4] == 0x03
          && c[i - 3] == 0x55
          && c[i - 2] == 0x04
          && (c[i + 1] & 0xFF) > 0
          && (c[i + 1] & 0xFF) < 0x80
          && i + 2 + (c[i + 1] & 0xFF) <= c.length) {
        hits[n++] = i;
      }
    }
    return n == 0 ? -1 : hits[rnd.nextInt(n)];
  }
}
