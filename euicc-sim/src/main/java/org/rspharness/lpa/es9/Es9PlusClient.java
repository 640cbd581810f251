package org.rspharness.lpa.es9;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
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
import org.rspharness.core.event.Deviations;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.ExecutionStatus;
import org.rspharness.core.message.FunctionExecutionStatus;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.message.RspResponse;
import org.rspharness.core.net.ClientTransport;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.core.transport.tls.TlsOptions;

/**
 * SGP.22 section 5.6 / 6.5 (v3 6.6): the LPA's ES9+ client, the five functions over HTTPS in the
 * JSON binding or, by {@link #asn1()}, the ASN.1 binding.
 *
 * <p>TLS trusts exactly the CI certificates it is given (those matching the eUICC's
 * euiccCiPKIdListForVerification: the GSMA CI is in no OS trust store), checks the SM-DP+ host name
 * against the DPtls SAN and sends it as SNI; a resolve table sends lab names such as {@code
 * testsmdpplus1.example.com} to 127.0.0.1 while TLS still checks the lab name. Responses are read
 * leniently, as deployed LPAs read them (base64 with line breaks, unknown members). A {@code
 * Failed}/{@code Expired} header becomes an {@link Es9Exception} carrying the StatusCodeData; an
 * HTTP error or an HTML body becomes one naming the function and the status.
 */
public final class Es9PlusClient implements Es9Plus, AutoCloseable {

  /** The ES9+ path prefix of SGP.22 section 6.5. */
  public static final String PATH = "/gsma/rsp2/es9plus/";

  /** The X-Admin-Protocol deployed LPAs send by default. */
  public static final String DEFAULT_ADMIN_PROTOCOL = "gsma/rsp/v2.2.0";

  /** The User-Agent of SGP.22 section 6.5.1. */
  public static final String USER_AGENT = "gsma-rsp-lpad";

  /**
   * How to reach SM-DP+s.
   *
   * @param ciCertificates the CI certificates TLS trusts (non-empty)
   * @param resolve host name to the address to dial instead of DNS
   * @param adminProtocol value of X-Admin-Protocol
   * @param userAgent value of User-Agent
   * @param connectTimeout TCP connect limit
   * @param responseTimeout limit for a whole response
   * @param tls protocol versions, suites and engine
   * @param eventSource name of this client in the event log
   * @param faults the network faults of the client side (layer NETWORK_CLIENT), applied by its
   *     {@link RspHttpClient}; {@link FaultPlan#none()} (also for null) by default
   */
  public record Config(
      List<X509Certificate> ciCertificates,
      Map<String, String> resolve,
      String adminProtocol,
      String userAgent,
      Duration connectTimeout,
      Duration responseTimeout,
      TlsOptions tls,
      String eventSource,
      FaultPlan faults) {

    /** A client without network faults. */
    public Config(
        List<X509Certificate> ciCertificates,
        Map<String, String> resolve,
        String adminProtocol,
        String userAgent,
        Duration connectTimeout,
        Duration responseTimeout,
        TlsOptions tls,
        String eventSource) {
      this(
          ciCertificates,
          resolve,
          adminProtocol,
          userAgent,
          connectTimeout,
          responseTimeout,
          tls,
          eventSource,
          FaultPlan.none());
    }

    public Config {
      faults = faults == null ? FaultPlan.none() : faults;
      if (ciCertificates == null || ciCertificates.isEmpty()) {
        throw new IllegalArgumentException(
            "ES9+ client: no CI certificate to trust; give the CI certificate(s) the eUICC lists");
      }
      ciCertificates = List.copyOf(ciCertificates);
      resolve = Map.copyOf(resolve == null ? Map.of() : resolve);
      if (adminProtocol == null || adminProtocol.isBlank()) {
        throw new IllegalArgumentException("ES9+ client: adminProtocol must not be blank");
      }
    }

    /** Defaults: gsma/rsp/v2.2.0, gsma-rsp-lpad, 10 s connect, 30 s response, TLS 1.2. */
    public static Config defaults(List<X509Certificate> ciCertificates) {
      return new Config(
          ciCertificates,
          Map.of(),
          DEFAULT_ADMIN_PROTOCOL,
          USER_AGENT,
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          TlsOptions.sgp22(),
          "lpa-es9");
    }

    public Config withResolve(Map<String, String> table) {
      return new Config(
          ciCertificates,
          table,
          adminProtocol,
          userAgent,
          connectTimeout,
          responseTimeout,
          tls,
          eventSource,
          faults);
    }

    public Config withAdminProtocol(String protocol) {
      return new Config(
          ciCertificates,
          resolve,
          protocol,
          userAgent,
          connectTimeout,
          responseTimeout,
          tls,
          eventSource,
          faults);
    }

    public Config withUserAgent(String agent) {
      return new Config(
          ciCertificates,
          resolve,
          adminProtocol,
          agent,
          connectTimeout,
          responseTimeout,
          tls,
          eventSource,
          faults);
    }

    public Config withTimeouts(Duration connect, Duration response) {
      return new Config(
          ciCertificates,
          resolve,
          adminProtocol,
          userAgent,
          connect,
          response,
          tls,
          eventSource,
          faults);
    }

    /** The network faults of this LPA's ES9+ client (layer NETWORK_CLIENT). */
    public Config withFaults(FaultPlan plan) {
      return new Config(
          ciCertificates,
          resolve,
          adminProtocol,
          userAgent,
          connectTimeout,
          responseTimeout,
          tls,
          eventSource,
          plan);
    }

    public Config withTls(TlsOptions options) {
      return new Config(
          ciCertificates,
          resolve,
          adminProtocol,
          userAgent,
          connectTimeout,
          responseTimeout,
          options,
          eventSource,
          faults);
    }
  }

  /** How requests and answers are encoded on the wire. */
  public enum Binding {
    /** SGP.22 section 6.5: one JSON function per path under {@value #PATH}. */
    JSON,
    /**
     * SGP.22 v3 section 6.6: each function a RemoteProfileProvisioningRequest POSTed to {@value
     * Es9Asn1Binding#PATH} as {@value Es9Asn1Binding#CONTENT_TYPE}; the answer's error INTEGER
     * becomes an {@link Es9Exception} with the SGP.22 code it stands for, so the LPA behaves the
     * same in both bindings.
     */
    ASN1
  }

  private final Config config;
  private final RspHttpClient http;
  private final RspJson json = RspJson.lenient();
  private final Deviations deviations;
  private final AtomicBoolean connectionPerCall;
  private final Binding binding;

  /** A client with its own I/O thread. */
  public Es9PlusClient(Config config, EventLog events) {
    this(config, events, null);
  }

  /**
   * A tolerant client (deviations recorded, not failed) on {@code transport}'s I/O threads (null:
   * its own).
   */
  public Es9PlusClient(Config config, EventLog events, ClientTransport transport) {
    this(config, events, transport, new Deviations(events, config.eventSource(), false));
  }

  /**
   * A client on a shared transport (many simulated LPAs share a few I/O threads; null gives the
   * client its own) that treats SM-DP+ deviations from SGP.22 as {@code deviations} says: recorded
   * and tolerated as deployed LPAs do, or failed (strict).
   */
  public Es9PlusClient(
      Config config, EventLog events, ClientTransport transport, Deviations deviations) {
    this.config = config;
    this.deviations = deviations;
    this.connectionPerCall = new AtomicBoolean();
    this.binding = Binding.JSON;
    RspHttpClient.Config httpConfig;
    try {
      httpConfig =
          RspHttpClient.Config.overTls(
                  config.ciCertificates(), null, null, config.tls(), config.eventSource())
              .withResolve(config.resolve())
              .withTimeouts(config.connectTimeout(), config.responseTimeout())
              .withFaults(config.faults());
    } catch (SSLException e) {
      throw new IllegalStateException("ES9+ client: cannot build the TLS context: " + e, e);
    }
    this.http =
        transport == null
            ? new RspHttpClient(httpConfig, events)
            : transport.httpClient(httpConfig, events);
  }

  /** {@code base} in {@code binding}: the same connections, headers, TLS and events. */
  private Es9PlusClient(Es9PlusClient base, Binding binding) {
    this.config = base.config;
    this.http = base.http;
    this.deviations = base.deviations;
    this.connectionPerCall = base.connectionPerCall;
    this.binding = binding;
  }

  public Config config() {
    return config;
  }

  /** The binding this client speaks. */
  public Binding binding() {
    return binding;
  }

  /**
   * This client in the ASN.1 binding (SGP.22 v3 section 6.6), sharing its connections; closing
   * either closes both.
   */
  public Es9PlusClient asn1() {
    return binding == Binding.ASN1 ? this : new Es9PlusClient(this, Binding.ASN1);
  }

  /**
   * A new TLS connection for each ES9+ call ({@code Connection: close}), as some LPAs do, instead
   * of keep-alive (default); returns this client.
   */
  public Es9PlusClient connectionPerCall(boolean on) {
    connectionPerCall.set(on);
    return this;
  }

  /** SGP.22 section 5.6.1 ES9+.InitiateAuthentication. */
  @Override
  public InitiateAuthenticationResponse initiateAuthentication(
      SmdpAddress smdp, InitiateAuthenticationRequest request) throws Es9Exception {
    return call(smdp, "initiateAuthentication", request, InitiateAuthenticationResponse.class);
  }

  /** SGP.22 section 5.6.3 ES9+.AuthenticateClient. */
  @Override
  public AuthenticateClientResponseEs9 authenticateClient(
      SmdpAddress smdp, AuthenticateClientRequest request) throws Es9Exception {
    return call(smdp, "authenticateClient", request, AuthenticateClientResponseEs9.class);
  }

  /** SGP.22 section 5.6.2 ES9+.GetBoundProfilePackage. */
  @Override
  public GetBoundProfilePackageResponse getBoundProfilePackage(
      SmdpAddress smdp, GetBoundProfilePackageRequest request) throws Es9Exception {
    return call(smdp, "getBoundProfilePackage", request, GetBoundProfilePackageResponse.class);
  }

  /** SGP.22 section 5.6.5 ES9+.CancelSession. */
  @Override
  public CancelSessionResponseEs9 cancelSession(SmdpAddress smdp, CancelSessionRequestEs9 request)
      throws Es9Exception {
    return call(smdp, "cancelSession", request, CancelSessionResponseEs9.class);
  }

  /**
   * SGP.22 section 5.6.4 ES9+.HandleNotification to the notification's address; success is HTTP 204
   * (in JSON a 200, with or without a success header, is accepted too, as the SM-DP+s in the field
   * answer both; in ASN.1 a 200 with no body).
   */
  @Override
  public void handleNotification(SmdpAddress address, HandleNotification request)
      throws Es9Exception {
    String function = "handleNotification";
    RspHttpResponse response = post(address, function, request);
    if (response.status() == 204) {
      return;
    }
    if (binding == Binding.ASN1) {
      if (response.status() == 200 && response.body().length == 0) {
        return;
      }
      throw httpErrorAt(function, url(address, Es9Asn1Binding.PATH, "").toString(), response);
    }
    if (response.status() != 200) {
      throw httpError(function, address, response);
    }
    if (!deviations.tolerate(
        "SM-DP+", "SGP.22 6.5.2.4", "handleNotification response", "HTTP 200", "HTTP 204")) {
      throw strictFailure(function, 200, "HTTP 200 instead of 204 (strict)");
    }
    if (response.body().length == 0) {
      return;
    }
    CancelSessionResponseEs9 headerOnly =
        decode(function, response, CancelSessionResponseEs9.class);
    checkHeader(function, headerOnly);
  }

  @Override
  public void close() {
    http.close();
  }

  /** The URL of {@code function} at {@code smdp}. */
  public static URI url(SmdpAddress smdp, String function) {
    return url(smdp, PATH, function);
  }

  /** The URL of {@code path} + {@code function} at {@code server}. */
  public static URI url(SmdpAddress server, String path, String function) {
    String hostPort =
        server.host().toLowerCase(Locale.ROOT)
            + (server.port().isPresent() ? ":" + server.port().getAsInt() : "");
    return URI.create("https://" + hostPort + path + function);
  }

  /**
   * One function in this client's binding: JSON at {@value #PATH} + {@code function}; ASN.1 as a
   * RemoteProfileProvisioningRequest, the answer read as {@code function}'s response CHOICE ({@link
   * Es9Asn1Binding#decodeResponse}, which also knows the ES11 answers of an SM-DS). Only an
   * executed answer returns.
   */
  public <T extends RspResponse> T call(
      SmdpAddress smdp, String function, Object request, Class<T> type) throws Es9Exception {
    if (binding == Binding.JSON) {
      return call(smdp, PATH, function, request, type);
    }
    RspHttpResponse r = post(smdp, function, request);
    if (r.status() != 200) {
      throw httpErrorAt(function, url(smdp, Es9Asn1Binding.PATH, "").toString(), r);
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
    checkHeader(function, decoded);
    return decoded;
  }

  /**
   * A JSON function at {@code path} + {@code function} on {@code server} (ES9+, or ES11 on an
   * SM-DS) with this client's headers, TLS and error handling.
   */
  public <T extends RspResponse> T call(
      SmdpAddress server, String path, String function, Object request, Class<T> type)
      throws Es9Exception {
    RspHttpResponse response =
        exchange(server, path, function, "application/json;charset=UTF-8", json.write(request));
    if (response.status() != 200) {
      throw httpErrorAt(function, url(server, path, function).toString(), response);
    }
    T decoded = decode(function, response, type);
    checkHeader(function, decoded);
    return decoded;
  }

  /**
   * {@code request} of {@code function} in this client's binding; the answer whatever its status.
   */
  private RspHttpResponse post(SmdpAddress smdp, String function, Object request)
      throws Es9Exception {
    return binding == Binding.JSON
        ? exchange(smdp, PATH, function, "application/json;charset=UTF-8", json.write(request))
        : exchange(
            smdp,
            Es9Asn1Binding.PATH,
            function,
            Es9Asn1Binding.CONTENT_TYPE,
            Es9Asn1Binding.encodeRequest(request));
  }

  /**
   * POSTs {@code body} to {@code path} + {@code function} at {@code server} (an empty {@code
   * function} posts to {@code path} itself, as the ASN.1 binding does) and returns the HTTP
   * response whatever its status; a transport failure is an {@link Es9Exception}.
   */
  public RspHttpResponse exchange(
      SmdpAddress server, String path, String function, String contentType, byte[] body)
      throws Es9Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    headers.put("X-Admin-Protocol", config.adminProtocol());
    headers.put("User-Agent", config.userAgent());
    headers.put("Accept", contentType.split(";", 2)[0]);
    if (connectionPerCall.get()) {
      headers.put("Connection", "close");
    }
    try {
      return http.post(
          url(server, path, path.endsWith("/") ? function : ""), headers, body, function);
    } catch (RspHttpException e) {
      throw Es9Exception.transport(function, e.kind(), e.getMessage(), e);
    }
  }

  private <T> T decode(String function, RspHttpResponse response, Class<T> type)
      throws Es9Exception {
    String contentType = response.header("Content-Type");
    if (looksLikeHtml(response.body(), contentType)) {
      throw new Es9Exception(
          Es9Exception.Kind.MALFORMED_RESPONSE,
          function,
          response.status(),
          null,
          null,
          "HTTP "
              + response.status()
              + " with an HTML page instead of JSON"
              + (contentType == null ? "" : " (" + contentType + ")")
              + ": "
              + snippet(response.body()),
          null);
    }
    checkResponseHeaders(function, response);
    try {
      T strict = readStrictly(function, response, type);
      return strict != null ? strict : json.read(response.body(), type);
    } catch (CodecException e) {
      throw new Es9Exception(
          Es9Exception.Kind.MALFORMED_RESPONSE,
          function,
          response.status(),
          null,
          null,
          "malformed response JSON at '" + e.location() + "': " + e.getMessage(),
          e);
    }
  }

  /**
   * SGP.22 section 6.5.1: a response is {@code application/json} with the X-Admin-Protocol {@code
   * gsma/rsp/v2.x.y}. Deployed LPAs read a JSON body whatever the headers say: a deviation.
   */
  private void checkResponseHeaders(String function, RspHttpResponse response) throws Es9Exception {
    String ct = response.header("Content-Type");
    String media = ct == null ? "" : ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json")
        && !deviations.tolerate(
            "SM-DP+",
            "SGP.22 6.5.1",
            "response Content-Type",
            ct == null ? "(none)" : ct,
            "application/json")) {
      throw strictFailure(function, response.status(), "Content-Type " + ct + " (strict)");
    }
    String protocol = response.header("X-Admin-Protocol");
    if ((protocol == null || !ADMIN_PROTOCOL.matcher(protocol.trim()).matches())
        && !deviations.tolerate(
            "SM-DP+",
            "SGP.22 6.5.1",
            "response X-Admin-Protocol",
            protocol == null ? "(none)" : protocol,
            "gsma/rsp/v2.x.y")) {
      throw strictFailure(function, response.status(), "X-Admin-Protocol " + protocol);
    }
  }

  private static final java.util.regex.Pattern ADMIN_PROTOCOL =
      java.util.regex.Pattern.compile("gsma/rsp/v2\\.[0-9]+\\.[0-9]+");

  /**
   * SGP.22 section 6.5: the body as the strict codec reads it; where only the lenient codec reads
   * it (base64 with line breaks, members SGP.22 does not define, null members), a deviation and
   * null (the caller reads leniently), or, strict, a failure.
   */
  private <T> T readStrictly(String function, RspHttpResponse response, Class<T> type)
      throws Es9Exception {
    try {
      return RspJson.strict().read(response.body(), type);
    } catch (CodecException strictError) {
      try {
        json.read(response.body(), type);
      } catch (CodecException bothFail) {
        throw bothFail; // malformed for deployed LPAs too: not a deviation, an error
      }
      String where = strictError.location() == null ? "" : " at " + strictError.location();
      if (!deviations.tolerate(
          "SM-DP+",
          "SGP.22 6.5",
          "JSON body of " + function,
          strictError.getMessage() + where,
          "members, types and base64 as SGP.22 defines them")) {
        throw strictFailure(
            function, response.status(), strictError.getMessage() + where + " (strict)");
      }
      return null;
    }
  }

  private static Es9Exception strictFailure(String function, int status, String message) {
    return new Es9Exception(
        Es9Exception.Kind.MALFORMED_RESPONSE, function, status, null, null, message, null);
  }

  private static void checkHeader(String function, RspResponse response) throws Es9Exception {
    FunctionExecutionStatus status = response.header().functionExecutionStatus();
    if (status.status() == ExecutionStatus.FAILED || status.status() == ExecutionStatus.EXPIRED) {
      String what =
          status.statusCodeData() == null
              ? "no statusCodeData"
              : status.statusCodeData().describe()
                  + (status.statusCodeData().message() == null
                      ? ""
                      : " (" + status.statusCodeData().message() + ")");
      throw new Es9Exception(
          Es9Exception.Kind.FUNCTION_FAILED,
          function,
          200,
          status.status(),
          status.statusCodeData(),
          status.status().wire() + ": " + what,
          null);
    }
  }

  private static Es9Exception httpError(
      String function, SmdpAddress smdp, RspHttpResponse response) {
    return httpErrorAt(function, url(smdp, function).toString(), response);
  }

  private static Es9Exception httpErrorAt(String function, String url, RspHttpResponse response) {
    String contentType = response.header("Content-Type");
    boolean html = looksLikeHtml(response.body(), contentType);
    return new Es9Exception(
        Es9Exception.Kind.HTTP_STATUS,
        function,
        response.status(),
        null,
        null,
        "HTTP "
            + response.status()
            + " from "
            + url
            + (html ? " (HTML page)" : "")
            + (response.body().length == 0 ? "" : ": " + snippet(response.body())),
        null);
  }

  private static boolean looksLikeHtml(byte[] body, String contentType) {
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
      return true;
    }
    String start = new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8).strip();
    return start.startsWith("<");
  }

  /** The first 120 characters of a body, tags stripped and whitespace folded, for one line. */
  private static String snippet(byte[] body) {
    String text =
        new String(body, 0, Math.min(body.length, 2048), StandardCharsets.UTF_8)
            .replaceAll("<[^>]*>", " ")
            .replaceAll("\\s+", " ")
            .strip();
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }
}
