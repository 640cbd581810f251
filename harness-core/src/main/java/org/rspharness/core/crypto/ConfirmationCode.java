package org.rspharness.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.rspharness.core.util.Hex;

/**
 * SGP.22 section 3.1.3 (and ES10b.PrepareDownload): the hashed confirmation code hashCc =
 * SHA-256(SHA-256(Confirmation Code) || TransactionID).
 *
 * <p>SGP.22 does not spell out how the code (typed by the end user as digits) becomes bytes. The
 * primary form, {@link #hashCc(String, byte[])}, hashes its UTF-8 (= ASCII) characters, as open
 * LPAs and SM-DP+s do. {@link #hashCcHexDecoded(String, byte[])} is the alternative some
 * implementations were reported to use, hashing the digits read as hex; keep it for quirk
 * scenarios.
 */
public final class ConfirmationCode {

  private ConfirmationCode() {}

  /** hashCc with the code as UTF-8 characters (primary form). */
  public static byte[] hashCc(String code, byte[] transactionId) {
    Objects.requireNonNull(code, "code");
    return hash(code.getBytes(StandardCharsets.UTF_8), transactionId);
  }

  /**
   * hashCc with the code hex-decoded (alternative form); CodecException if it is not an even number
   * of hex digits.
   */
  public static byte[] hashCcHexDecoded(String code, byte[] transactionId) {
    Objects.requireNonNull(code, "code");
    return hash(Hex.decode(code), transactionId);
  }

  private static byte[] hash(byte[] code, byte[] transactionId) {
    Objects.requireNonNull(transactionId, "transactionId");
    byte[] inner = Ecdsa.sha256(code);
    SHA256Digest d = new SHA256Digest();
    d.update(inner, 0, inner.length);
    d.update(transactionId, 0, transactionId.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}
