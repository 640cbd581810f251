package org.rspharness.lpa.es11;

import org.rspharness.core.es11.AuthenticateClientResponseEs11;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.lpa.es9.Es9Exception;

/**
 * SGP.22 section 5.8: the two ES11 functions as the LPA calls them on an SM-DS. Each returns only
 * an executed response: a Failed header or a transport failure is an {@link Es9Exception}.
 */
public interface Es11 {

  /** SGP.22 section 5.8.1 ES11.InitiateAuthentication ({@code smdpAddress} is the SM-DS's). */
  InitiateAuthenticationResponse initiateAuthentication(
      SmdpAddress smds, InitiateAuthenticationRequest request) throws Es9Exception;

  /** SGP.22 section 5.8.2 ES11.AuthenticateClient. */
  AuthenticateClientResponseEs11 authenticateClient(
      SmdpAddress smds, AuthenticateClientRequest request) throws Es9Exception;
}
