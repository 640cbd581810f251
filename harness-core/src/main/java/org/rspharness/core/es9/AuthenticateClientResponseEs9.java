package org.rspharness.core.es9;

import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspResponse;

/**
 * SGP.22 section 5.6.3 / 6.5.2.8 ES9+.AuthenticateClient response (ASN.1 name
 * AuthenticateClientResponseEs9). Output members are required when executed.
 *
 * @param header the response header
 * @param transactionId the RSP session
 * @param profileMetadata DER of StoreMetadataRequest, tag BF25
 * @param smdpSigned2 DER of SmdpSigned2
 * @param smdpSignature2 the 5F37 TLV of the signature over smdpSigned2 and euiccSignature1
 * @param smdpCertificate DER of CERT.DPpb.SIG
 */
public record AuthenticateClientResponseEs9(
    ResponseHeader header,
    TransactionId transactionId,
    byte[] profileMetadata,
    byte[] smdpSigned2,
    byte[] smdpSignature2,
    byte[] smdpCertificate)
    implements RspResponse {

  public AuthenticateClientResponseEs9 {
    RspResponse.requireIfExecuted(header, transactionId, "transactionId");
    RspResponse.requireIfExecuted(header, profileMetadata, "profileMetadata");
    RspResponse.requireIfExecuted(header, smdpSigned2, "smdpSigned2");
    RspResponse.requireIfExecuted(header, smdpSignature2, "smdpSignature2");
    RspResponse.requireIfExecuted(header, smdpCertificate, "smdpCertificate");
  }

  /** A response carrying only a (failure) header. */
  public static AuthenticateClientResponseEs9 failed(ResponseHeader header) {
    return new AuthenticateClientResponseEs9(header, null, null, null, null, null);
  }
}
