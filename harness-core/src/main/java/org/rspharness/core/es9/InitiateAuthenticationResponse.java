package org.rspharness.core.es9;

import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspResponse;

/**
 * SGP.22 section 5.6.1 / 6.5.2.6 ES9+.InitiateAuthentication response. The output members are
 * required when the header says the function was executed, and absent otherwise.
 *
 * @param header the response header
 * @param transactionId the new RSP session's id (hex on the wire)
 * @param serverSigned1 DER of ServerSigned1
 * @param serverSignature1 the 5F37 TLV of the SM-DP+ signature over serverSigned1
 * @param euiccCiPKIdToBeUsed DER SubjectKeyIdentifier ({@code 04 14} + 20 bytes) of the CI chosen
 * @param serverCertificate DER of CERT.DPauth.SIG
 */
public record InitiateAuthenticationResponse(
    ResponseHeader header,
    TransactionId transactionId,
    byte[] serverSigned1,
    byte[] serverSignature1,
    byte[] euiccCiPKIdToBeUsed,
    byte[] serverCertificate)
    implements RspResponse {

  public InitiateAuthenticationResponse {
    RspResponse.requireIfExecuted(header, transactionId, "transactionId");
    RspResponse.requireIfExecuted(header, serverSigned1, "serverSigned1");
    RspResponse.requireIfExecuted(header, serverSignature1, "serverSignature1");
    RspResponse.requireIfExecuted(header, euiccCiPKIdToBeUsed, "euiccCiPKIdToBeUsed");
    RspResponse.requireIfExecuted(header, serverCertificate, "serverCertificate");
  }

  /** A response carrying only a (failure) header. */
  public static InitiateAuthenticationResponse failed(ResponseHeader header) {
    return new InitiateAuthenticationResponse(header, null, null, null, null, null);
  }
}
