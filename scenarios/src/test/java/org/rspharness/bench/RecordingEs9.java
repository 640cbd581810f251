package org.rspharness.bench;

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
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9Plus;

/** Keeps the last request of each ES9+ function a real LPA sent: the light eUICC's messages. */
final class RecordingEs9 implements Es9Plus {

  private final Es9Plus delegate;
  InitiateAuthenticationRequest initiate;
  AuthenticateClientRequest authenticate;
  GetBoundProfilePackageRequest bpp;
  HandleNotification notification;

  RecordingEs9(Es9Plus delegate) {
    this.delegate = delegate;
  }

  @Override
  public InitiateAuthenticationResponse initiateAuthentication(
      SmdpAddress smdp, InitiateAuthenticationRequest request) throws Es9Exception {
    initiate = request;
    return delegate.initiateAuthentication(smdp, request);
  }

  @Override
  public AuthenticateClientResponseEs9 authenticateClient(
      SmdpAddress smdp, AuthenticateClientRequest request) throws Es9Exception {
    authenticate = request;
    return delegate.authenticateClient(smdp, request);
  }

  @Override
  public GetBoundProfilePackageResponse getBoundProfilePackage(
      SmdpAddress smdp, GetBoundProfilePackageRequest request) throws Es9Exception {
    bpp = request;
    return delegate.getBoundProfilePackage(smdp, request);
  }

  @Override
  public CancelSessionResponseEs9 cancelSession(SmdpAddress smdp, CancelSessionRequestEs9 request)
      throws Es9Exception {
    return delegate.cancelSession(smdp, request);
  }

  @Override
  public void handleNotification(SmdpAddress address, HandleNotification request)
      throws Es9Exception {
    notification = request;
    delegate.handleNotification(address, request);
  }
}
