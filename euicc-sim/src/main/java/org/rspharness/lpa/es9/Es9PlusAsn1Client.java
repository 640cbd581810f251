package org.rspharness.lpa.es9;

import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.CancelSessionResponseEs9;
import org.rspharness.core.es9.Es9Asn1Binding;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RspResponse;
import org.rspharness.core.transport.http.RspHttpResponse;

/**
 * SGP.22 v3 section 6.6: the LPA's ES9+ client in the ASN.1 binding. Each function is a
 * RemoteProfileProvisioningRequest POSTed to {@value Es9Asn1Binding#PATH} as {@value
 * Es9Asn1Binding#CONTENT_TYPE}; the answer's error INTEGER becomes an {@link Es9Exception} with the
 * SGP.22 code it stands for, so the LPA behaves the same in both bindings. TLS, resolve table,
 * headers and events are those of the {@link Es9PlusClient} it wraps.
 */
public final class Es9PlusAsn1Client implements Es9Plus, AutoCloseable {

  private final Es9PlusClient http;

  public Es9PlusAsn1Client(Es9PlusClient http) {
    this.http = http;
  }

  @Override
  public InitiateAuthenticationResponse initiateAuthentication(
      SmdpAddress smdp, InitiateAuthenticationRequest request) throws Es9Exception {
    return call(smdp, "initiateAuthentication", request, InitiateAuthenticationResponse.class);
  }

  @Override
  public AuthenticateClientResponseEs9 authenticateClient(
      SmdpAddress smdp, AuthenticateClientRequest request) throws Es9Exception {
    return call(smdp, "authenticateClient", request, AuthenticateClientResponseEs9.class);
  }

  @Override
  public GetBoundProfilePackageResponse getBoundProfilePackage(
      SmdpAddress smdp, GetBoundProfilePackageRequest request) throws Es9Exception {
    return call(smdp, "getBoundProfilePackage", request, GetBoundProfilePackageResponse.class);
  }

  @Override
  public CancelSessionResponseEs9 cancelSession(SmdpAddress smdp, CancelSessionRequestEs9 request)
      throws Es9Exception {
    return call(smdp, "cancelSession", request, CancelSessionResponseEs9.class);
  }

  /** SGP.22 section 5.6.4 in the ASN.1 binding: success is HTTP 204 (or 200 with no body). */
  @Override
  public void handleNotification(SmdpAddress address, HandleNotification request)
      throws Es9Exception {
    RspHttpResponse r = post(address, "handleNotification", request);
    if (r.status() == 204 || (r.status() == 200 && r.body().length == 0)) {
      return;
    }
    throw Es9PlusClient.httpError("handleNotification", url(address), r);
  }

  /**
   * One function of the binding: {@code request} as a RemoteProfileProvisioningRequest, the answer
   * read as {@code function}'s response CHOICE ({@link Es9Asn1Binding#decodeResponse}, which also
   * knows the ES11 answers of an SM-DS); only an executed answer returns.
   */
  public <T extends RspResponse> T call(
      SmdpAddress smdp, String function, Object request, Class<T> type) throws Es9Exception {
    RspHttpResponse r = post(smdp, function, request);
    if (r.status() != 200) {
      throw Es9PlusClient.httpError(function, url(smdp), r);
    }
    T decoded;
    try {
      decoded = Es9Asn1Binding.decodeResponse(r.body(), function, type);
    } catch (CodecException | IndexOutOfBoundsException e) {
      throw new Es9Exception(
          Es9Exception.Kind.MALFORMED_RESPONSE,
          function,
          r.status(),
          null,
          null,
          "malformed RemoteProfileProvisioningResponse: " + e.getMessage(),
          e);
    }
    Es9PlusClient.requireExecuted(function, decoded);
    return decoded;
  }

  private RspHttpResponse post(SmdpAddress smdp, String function, Object request)
      throws Es9Exception {
    return http.exchange(
        smdp,
        Es9Asn1Binding.PATH,
        function,
        Es9Asn1Binding.CONTENT_TYPE,
        Es9Asn1Binding.encodeRequest(request));
  }

  private static String url(SmdpAddress smdp) {
    return Es9PlusClient.url(smdp, Es9Asn1Binding.PATH, "").toString();
  }

  @Override
  public void close() {
    http.close();
  }
}
