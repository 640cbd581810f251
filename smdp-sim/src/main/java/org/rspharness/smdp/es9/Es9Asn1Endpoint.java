package org.rspharness.smdp.es9;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.Es9Asn1Binding;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.message.RspResponse;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.HttpSupport;

/**
 * SGP.22 v3 section 6.6 ES9+ ASN.1 binding: POST {@value Es9Asn1Binding#PATH} with a
 * RemoteProfileProvisioningRequest, answered by the same {@link Es9PlusService} as the JSON binding
 * with a RemoteProfileProvisioningResponse, function errors included (their ASN.1 error INTEGER);
 * handleNotification answers 204. What the binding cannot carry as a function error gets an HTTP
 * status and no body: 415 for another media type, 400 for a body that is no
 * RemoteProfileProvisioningRequest; never a 500.
 */
public final class Es9Asn1Endpoint implements RspHttpHandler {

  private final Es9PlusService service;
  private final EventLog events;

  public Es9Asn1Endpoint(Es9PlusService service, EventLog events) {
    this.service = service;
    this.events = events;
  }

  @Override
  public RspHttpResponse handle(RspHttpRequest request) {
    String protocol = HttpSupport.protocolOf(request);
    if (!Es9Asn1Binding.PATH.equals(request.path())) {
      return HttpSupport.empty(404, protocol);
    }
    if (!"POST".equals(request.method())) {
      return HttpSupport.empty(405, protocol);
    }
    String ct = request.header("content-type");
    String mediaType = ct == null ? "" : ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals(Es9Asn1Binding.CONTENT_TYPE)) {
      return HttpSupport.empty(415, protocol);
    }
    Es9Asn1Binding.Request decoded;
    try {
      decoded = Es9Asn1Binding.decodeRequest(request.body());
    } catch (CodecException e) {
      events.emit("smdp", new EventPayload.Note("ES9+ ASN.1 request refused: " + e.getMessage()));
      return HttpSupport.empty(400, protocol);
    }
    String function = decoded.function();
    try {
      Object m = decoded.message();
      RspResponse out;
      if (m instanceof InitiateAuthenticationRequest r) {
        out = service.initiateAuthentication(r);
      } else if (m instanceof AuthenticateClientRequest r) {
        out = service.authenticateClient(r);
      } else if (m instanceof GetBoundProfilePackageRequest r) {
        out = service.getBoundProfilePackage(r);
      } else if (m instanceof CancelSessionRequestEs9 r) {
        out = service.cancelSession(r);
      } else {
        service.handleNotification((HandleNotification) m);
        out = null;
      }
      if (out == null) {
        return HttpSupport.empty(204, protocol);
      }
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Content-Type", Es9Asn1Binding.CONTENT_TYPE);
      h.put("X-Admin-Protocol", protocol);
      return new RspHttpResponse(200, h, Es9Asn1Binding.encodeResponse(function, out));
    } catch (RuntimeException e) {
      events.emit("smdp", new EventPayload.Note("ES9+ ASN.1 " + function + " error: " + e));
      return HttpSupport.empty(400, protocol);
    }
  }
}
