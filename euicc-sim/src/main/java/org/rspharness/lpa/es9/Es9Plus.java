package org.rspharness.lpa.es9;

import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.CancelSessionResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.SmdpAddress;

/**
 * SGP.22 section 5.6: the five ES9+ functions as the LPA calls them. {@link Es9PlusClient} does
 * them over HTTPS; tests and the scenario engine may call an SM-DP+ service in memory instead. Each
 * returns only an executed response: a Failed/Expired header or a transport failure is an {@link
 * Es9Exception}.
 */
public interface Es9Plus {

  InitiateAuthenticationResponse initiateAuthentication(
      SmdpAddress smdp, InitiateAuthenticationRequest request) throws Es9Exception;

  AuthenticateClientResponseEs9 authenticateClient(
      SmdpAddress smdp, AuthenticateClientRequest request) throws Es9Exception;

  GetBoundProfilePackageResponse getBoundProfilePackage(
      SmdpAddress smdp, GetBoundProfilePackageRequest request) throws Es9Exception;

  CancelSessionResponseEs9 cancelSession(SmdpAddress smdp, CancelSessionRequestEs9 request)
      throws Es9Exception;

  /** {@code address} is the notification's notificationAddress. */
  void handleNotification(SmdpAddress address, HandleNotification request) throws Es9Exception;
}
