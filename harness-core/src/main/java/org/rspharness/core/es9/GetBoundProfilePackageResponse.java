package org.rspharness.core.es9;

import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspResponse;

/**
 * SGP.22 section 5.6.2 / 6.5.2.7 ES9+.GetBoundProfilePackage response. Output members are required
 * when executed.
 *
 * @param header the response header
 * @param transactionId the RSP session
 * @param boundProfilePackage DER of BoundProfilePackage, tag BF36
 */
public record GetBoundProfilePackageResponse(
    ResponseHeader header, TransactionId transactionId, byte[] boundProfilePackage)
    implements RspResponse {

  public GetBoundProfilePackageResponse {
    RspResponse.requireIfExecuted(header, transactionId, "transactionId");
    RspResponse.requireIfExecuted(header, boundProfilePackage, "boundProfilePackage");
  }

  /** A response carrying only a (failure) header. */
  public static GetBoundProfilePackageResponse failed(ResponseHeader header) {
    return new GetBoundProfilePackageResponse(header, null, null);
  }
}
