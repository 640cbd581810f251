package org.rspharness.core.es9;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.MissingMemberException;

/**
 * SGP.22 section 5.6.2 / 6.5.2.7 ES9+.GetBoundProfilePackage request.
 *
 * <p>SGP.22 v2.x ES9+ requests carry no {@code header}; some clients (pySim, the osmo-ttcn3 suite)
 * send an ES2+-style one anyway, so a received {@code header} is ignored, even by the strict codec.
 *
 * @param transactionId the RSP session (hex on the wire)
 * @param prepareDownloadResponse DER of PrepareDownloadResponse, tag BF21
 */
@JsonIgnoreProperties("header")
public record GetBoundProfilePackageRequest(
    TransactionId transactionId, byte[] prepareDownloadResponse) {

  public GetBoundProfilePackageRequest {
    MissingMemberException.require(transactionId, "transactionId");
    MissingMemberException.require(prepareDownloadResponse, "prepareDownloadResponse");
  }
}
