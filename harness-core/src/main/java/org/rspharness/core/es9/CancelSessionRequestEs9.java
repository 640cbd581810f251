package org.rspharness.core.es9;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.MissingMemberException;

/**
 * SGP.22 section 5.6.5 / 6.5.2.10 ES9+.CancelSession request (ASN.1 name CancelSessionRequestEs9).
 *
 * <p>SGP.22 v2.x ES9+ requests carry no {@code header}; some clients (pySim, the osmo-ttcn3 suite)
 * send an ES2+-style one anyway, so a received {@code header} is ignored, even by the strict codec.
 *
 * @param transactionId the RSP session (hex on the wire)
 * @param cancelSessionResponse DER of the eUICC's signed CancelSessionResponse, tag BF41
 */
@JsonIgnoreProperties("header")
public record CancelSessionRequestEs9(TransactionId transactionId, byte[] cancelSessionResponse) {

  public CancelSessionRequestEs9 {
    MissingMemberException.require(transactionId, "transactionId");
    MissingMemberException.require(cancelSessionResponse, "cancelSessionResponse");
  }
}
