package org.rspharness.euicc.testkit;

import org.rspharness.core.ids.Iccid;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;

/**
 * Edits of what a real eUICC signed: change a field of a signed data object, then sign it again
 * with an eUICC key, so a test sends a message a real eUICC never would (another challenge, another
 * eUICC, a reused key) while everything else stays as the card made it.
 */
public final class Resign {

  /** The signature tag (SGP.22: [APPLICATION 55] 5F37). */
  public static final int SIGNATURE = 0x5F37;

  private Resign() {}

  /** {@code tlv} with the value of its first child {@code tag} replaced (added if absent). */
  public static byte[] with(byte[] tlv, int tag, byte[] value) {
    return withChild(tlv, tag, TlvWriter.encode(tag, value));
  }

  /** {@code tlv} with its first child {@code tag} replaced by the encoded TLV {@code child}. */
  public static byte[] withChild(byte[] tlv, int tag, byte[] child) {
    Tlv t = Tlv.parse(tlv);
    TlvBuilder b = TlvBuilder.constructed(t.tag());
    boolean done = false;
    for (Tlv c : t.children()) {
      if (!done && c.tag() == tag) {
        b.addEncoded(child);
        done = true;
      } else {
        b.add(c);
      }
    }
    if (!done) {
      b.addEncoded(child);
    }
    return b.build();
  }

  /**
   * The ProfileInstallationResultData (BF27) of the ProfileInstallationResult {@code pir} for
   * another transaction and ICCID (to be signed again).
   */
  public static byte[] pirData(byte[] pir, byte[] transactionId, Iccid iccid) {
    byte[] data = with(Tlv.parse(pir).child(0).encoded(), 0x80, transactionId);
    byte[] metadata = with(Tlv.parse(data).get(0xBF2F).encoded(), 0x5A, iccid.toEfIccid());
    return withChild(data, 0xBF2F, metadata);
  }

  /** {@code container} with one bit of its (first) 5F37 signature flipped, found at any depth. */
  public static byte[] corrupt(byte[] container) {
    Tlv t = Tlv.parse(container);
    Tlv sig = find(t, SIGNATURE);
    if (sig == null) {
      throw new IllegalArgumentException("no signature in " + t.tagHex());
    }
    byte[] out = container.clone();
    out[sig.valueOffset() - t.offset() + 10] ^= 1;
    return out;
  }

  private static Tlv find(Tlv t, int tag) {
    if (t.tag() == tag) {
      return t;
    }
    if (t.constructed()) {
      for (Tlv c : t.children()) {
        Tlv f = find(c, tag);
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }

  /** The byte arrays one after the other. */
  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
