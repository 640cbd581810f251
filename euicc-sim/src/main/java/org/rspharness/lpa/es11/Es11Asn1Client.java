package org.rspharness.lpa.es11;

import org.rspharness.core.es11.AuthenticateClientResponseEs11;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.Es9Asn1Binding;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9PlusClient;

/**
 * SGP.22 v3 ES11 in the ASN.1 binding: the LPA's two ES11 calls POSTed to {@value
 * Es9Asn1Binding#PATH} at the SM-DS, InitiateAuthentication as the BF39 of ES9+ (the SM-DS's
 * address in smdpAddress), AuthenticateClient as BF3B answered by authenticateClientResponseEs11
 * (BF40); error INTEGERs come back as the SM-DS's codes (8.9.x), as in the JSON binding.
 */
public final class Es11Asn1Client implements Es11 {

  private final Es9PlusClient asn1;

  /** ES11 over {@code client}'s connections, in the ASN.1 binding whatever its own. */
  public Es11Asn1Client(Es9PlusClient client) {
    this.asn1 = client.asn1();
  }

  @Override
  public InitiateAuthenticationResponse initiateAuthentication(
      SmdpAddress smds, InitiateAuthenticationRequest request) throws Es9Exception {
    return asn1.call(
        smds,
        Es9Asn1Binding.INITIATE_AUTHENTICATION_ES11,
        request,
        InitiateAuthenticationResponse.class);
  }

  @Override
  public AuthenticateClientResponseEs11 authenticateClient(
      SmdpAddress smds, AuthenticateClientRequest request) throws Es9Exception {
    return asn1.call(
        smds,
        Es9Asn1Binding.AUTHENTICATE_CLIENT_ES11,
        request,
        AuthenticateClientResponseEs11.class);
  }
}
