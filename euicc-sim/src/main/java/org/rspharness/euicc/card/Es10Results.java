package org.rspharness.euicc.card;

import java.math.BigInteger;
import java.util.Map;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.tlv.Tlv;

/**
 * SGP.22 section 5.7: whether an ES10 response reports a failure although its status word is 9000,
 * and which: a non-zero result code, the error branch of AuthenticateServer or PrepareDownload, or
 * a ProfileInstallationResult whose finalResult is an errorResult. The LPA's and the card's {@code
 * es10} events both name their results by it.
 */
public final class Es10Results {

  /** ES10 responses whose first field is a result INTEGER, 0 meaning ok, and its ASN.1 name. */
  private static final Map<Integer, String> RESULT_CODES =
      Map.of(
          0xBF29, "setNicknameResult",
          0xBF30, "deleteNotificationStatus",
          0xBF31, "enableResult",
          0xBF32, "disableResult",
          0xBF33, "deleteResult",
          0xBF34, "resetResult",
          0xBF3F, "setDefaultDpAddressResult");

  private Es10Results() {}

  /**
   * The failure {@code response} (ES10 response data) reports, e.g. {@code enableResult 2}, or null
   * when it reports none (or is not an ES10 response these rules know). The CHOICE responses are
   * judged by their first bytes, so the first block of a chained response is enough for them.
   */
  public static String failure(byte[] response) {
    if (response == null || response.length < 3 || (response[0] & 0xFF) != 0xBF) {
      return null;
    }
    int tag = ((response[0] & 0xFF) << 8) | (response[1] & 0xFF);
    if (tag == 0xBF38 || tag == 0xBF21) {
      // skip the length, then look at the CHOICE's tag
      int lenByte = response[2] & 0xFF;
      int first = 3 + (lenByte < 0x80 ? 0 : lenByte & 0x7F);
      boolean error = first < response.length && (response[first] & 0xFF) == 0xA1;
      return !error ? null : tag == 0xBF38 ? "authenticateResponseError" : "downloadResponseError";
    }
    try {
      Tlv top = Tlv.parse(response);
      String field = RESULT_CODES.get(tag);
      if (field != null) {
        Tlv result = top.find(0x80).orElse(null);
        if (result == null || result.value().length == 0) {
          return null;
        }
        BigInteger code = new BigInteger(result.value());
        return code.signum() == 0 ? null : field + " " + code;
      }
      if (tag == 0xBF37) {
        Tlv outcome = top.get(0xBF27).get(0xA2);
        return outcome.find(0xA1).isPresent() ? "errorResult" : null;
      }
    } catch (CodecException | IllegalArgumentException e) {
      return null;
    }
    return null;
  }
}
