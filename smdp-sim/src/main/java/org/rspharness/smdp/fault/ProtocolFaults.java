package org.rspharness.smdp.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;
import org.rspharness.core.fault.FaultRule;
import org.rspharness.core.fault.Layer;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.es9.Es9PlusEndpoint;
import org.rspharness.smdp.function.HttpSupport;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;

/**
 * Issue 6: the PROTOCOL layer of a {@link FaultPlan} in front of the ES9+ JSON endpoint. Each
 * request of one of the five ES9+ functions is one exchange ({@code plan.begin(PROTOCOL,
 * function)}, target = the function name, e.g. {@code authenticateClient}); the faults at {@link
 * FaultPoint#ANSWER} are applied as follows.
 *
 * <ul>
 *   <li>{@link Fault.AnswerStatus}: the function is not run and answers a {@code Failed} header
 *       with that subject/reason code (HTTP 200, as every SGP.22 failure; also for
 *       handleNotification). The SM-DP+ is left as after a failed check: every check of {@code
 *       Es9PlusService} comes before its state changes, so a failure changes no session or order.
 *   <li>{@link Fault.HttpError}: the function is not run (the proxy in front of it broke) and the
 *       answer is that HTTP status with a text/html page.
 *   <li>{@link Fault.Corrupt}: the function runs normally (the SM-DP+'s state moves on as usual),
 *       then its successful answer is altered on the way out:
 *       <ul>
 *         <li>WRONG_SIGNATURE: the last byte of serverSignature1 (initiateAuthentication) or
 *             smdpSignature2 (authenticateClient) is flipped;
 *         <li>WRONG_TRANSACTION_ID: the transactionId member (initiateAuthentication,
 *             authenticateClient, getBoundProfilePackage) has its last byte flipped, the signed
 *             data keeps the real one;
 *         <li>EXPIRED_CERTIFICATE / WRONG_CI_CERTIFICATE: serverCertificate (CERT.DPauth, on
 *             initiateAuthentication) or smdpCertificate (CERT.DPpb, on authenticateClient) is
 *             replaced by the variant {@link CertificateVariants} made when the plan was installed
 *             (same key, so only the certificate is wrong);
 *         <li>BPP_CORRUPTED_SEGMENT / BPP_BAD_MAC (getBoundProfilePackage): segment {@code n} of
 *             the package is altered, see {@link BppCorruption}.
 *       </ul>
 *       A corruption that does not apply to the function, or an answer that is a failure, is left
 *       as it is and says so in a Note event.
 * </ul>
 *
 * <p>Faults apply to the HTTP handler only: typed calls on {@code SmdpSimulator.es9()} bypass them.
 * Base64 members are re-encoded without line breaks unless {@link Quirk#BASE64_LINE_BREAKS} is on.
 */
public final class ProtocolFaults implements RspHttpHandler {

  private static final Set<String> FUNCTIONS = org.rspharness.smdp.es9.Es9PlusEndpoint.FUNCTIONS;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RspHttpHandler delegate;
  private final FaultPlan plan;
  private final Quirks quirks;
  private final EventLog events;
  private final Map<Fault.Corrupt.Kind, CertificateVariants> variants =
      new EnumMap<>(Fault.Corrupt.Kind.class);

  /**
   * Applies the PROTOCOL rules of {@code plan} in front of {@code es9}; certificate variants are
   * made now from {@code credentials} (new CI keys drawn from {@code random}).
   */
  public ProtocolFaults(
      RspHttpHandler es9,
      FaultPlan plan,
      CredentialSource credentials,
      RandomSource random,
      Quirks quirks,
      EventLog events) {
    this.delegate = es9;
    this.plan = plan;
    this.quirks = quirks == null ? Quirks.none() : quirks;
    this.events = events == null ? EventLog.disabled() : events;
    for (FaultRule r : plan.rules()) {
      if (r.layer() == Layer.PROTOCOL
          && r.fault() instanceof Fault.Corrupt c
          && (c.kind() == Fault.Corrupt.Kind.EXPIRED_CERTIFICATE
              || c.kind() == Fault.Corrupt.Kind.WRONG_CI_CERTIFICATE)) {
        variants.computeIfAbsent(
            c.kind(), k -> new CertificateVariants(credentials, k, random.derive("fault/" + k)));
      }
    }
  }

  /** {@code es9} itself when {@code plan} is empty, else {@code es9} behind the plan's faults. */
  public static RspHttpHandler wrap(
      RspHttpHandler es9,
      FaultPlan plan,
      CredentialSource credentials,
      RandomSource random,
      Quirks quirks,
      EventLog events) {
    if (plan == null || plan.isEmpty()) {
      return es9;
    }
    return new ProtocolFaults(es9, plan, credentials, random, quirks, events);
  }

  @Override
  public RspHttpResponse handle(RspHttpRequest request) {
    String path = request.path() == null ? "" : request.path();
    if (!path.startsWith(Es9PlusEndpoint.PREFIX)) {
      return delegate.handle(request);
    }
    String function = path.substring(Es9PlusEndpoint.PREFIX.length());
    if (!FUNCTIONS.contains(function) || !"POST".equals(request.method())) {
      return delegate.handle(request);
    }
    List<Fault> faults = plan.begin(Layer.PROTOCOL, function).at(FaultPoint.ANSWER);
    if (faults.isEmpty()) {
      return delegate.handle(request);
    }
    List<Fault.Corrupt> corruptions = new ArrayList<>();
    for (Fault f : faults) {
      if (f instanceof Fault.AnswerStatus a) {
        note(function + " failed: injected " + a.describe());
        return HttpSupport.failure(
            StatusCodeData.of(a.status(), null, "injected fault"),
            HttpSupport.protocolOf(request),
            quirks);
      }
      if (f instanceof Fault.HttpError h) {
        return html(h.httpStatus());
      }
      if (f instanceof Fault.Corrupt c) {
        corruptions.add(c);
      }
    }
    RspHttpResponse response = delegate.handle(request);
    for (Fault.Corrupt c : corruptions) {
      response = corrupt(function, c, response);
    }
    return response;
  }

  private RspHttpResponse corrupt(String function, Fault.Corrupt c, RspHttpResponse response) {
    ObjectNode body = successBody(response);
    if (body == null) {
      note(function + ": " + c.describe() + " not applied, the answer is not a success");
      return response;
    }
    String member =
        switch (c.kind()) {
          case WRONG_SIGNATURE ->
              switch (function) {
                case "initiateAuthentication" -> "serverSignature1";
                case "authenticateClient" -> "smdpSignature2";
                default -> null;
              };
          case WRONG_TRANSACTION_ID -> body.has("transactionId") ? "transactionId" : null;
          case EXPIRED_CERTIFICATE, WRONG_CI_CERTIFICATE ->
              switch (function) {
                case "initiateAuthentication" -> "serverCertificate";
                case "authenticateClient" -> "smdpCertificate";
                default -> null;
              };
          case BPP_CORRUPTED_SEGMENT, BPP_BAD_MAC ->
              function.equals("getBoundProfilePackage") ? "boundProfilePackage" : null;
        };
    if (member == null || !body.hasNonNull(member)) {
      note(function + ": " + c.describe() + " does not apply to this function");
      return response;
    }
    String text = body.get(member).asText();
    String replaced;
    if (c.kind() == Fault.Corrupt.Kind.WRONG_TRANSACTION_ID) {
      byte[] tid = HexFormat.of().parseHex(text);
      tid[tid.length - 1] ^= 0x01;
      replaced = HexFormat.of().withUpperCase().formatHex(tid);
    } else {
      byte[] value = Base64.getMimeDecoder().decode(text);
      byte[] altered = alter(function, c, value);
      if (altered == null) {
        return response;
      }
      replaced = Base64.getEncoder().encodeToString(altered);
    }
    body.put(member, replaced);
    byte[] out;
    try {
      out = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (quirks.has(Quirk.BASE64_LINE_BREAKS)) {
      out = HttpSupport.wrapBase64(out, Set.of(member));
    }
    return new RspHttpResponse(response.status(), response.headers(), out);
  }

  private byte[] alter(String function, Fault.Corrupt c, byte[] value) {
    switch (c.kind()) {
      case WRONG_SIGNATURE -> {
        byte[] v = value.clone();
        v[v.length - 1] ^= 0x01;
        return v;
      }
      case EXPIRED_CERTIFICATE, WRONG_CI_CERTIFICATE -> {
        Optional<X509Certificate> v = variants.get(c.kind()).replacing(value);
        if (v.isEmpty()) {
          note(function + ": " + c.describe() + " has no variant of the certificate presented");
          return null;
        }
        try {
          return v.get().getEncoded();
        } catch (CertificateEncodingException e) {
          throw new IllegalStateException(e);
        }
      }
      case BPP_CORRUPTED_SEGMENT, BPP_BAD_MAC -> {
        try {
          return BppCorruption.apply(
              value, c.segment(), c.kind() == Fault.Corrupt.Kind.BPP_BAD_MAC);
        } catch (IllegalArgumentException e) {
          note(function + ": " + c.describe() + " not applied: " + e.getMessage());
          return null;
        }
      }
      default -> throw new IllegalStateException(c.kind().name());
    }
  }

  private static ObjectNode successBody(RspHttpResponse response) {
    if (response.status() != 200 || response.body() == null || response.body().length == 0) {
      return null;
    }
    try {
      JsonNode root = JSON.readTree(response.body());
      if (!(root instanceof ObjectNode obj)) {
        return null;
      }
      JsonNode status = root.path("header").path("functionExecutionStatus").path("status");
      String st = status.asText();
      return "Executed-Success".equals(st) || "Executed-WithWarning".equals(st) ? obj : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** What a broken proxy in front of the SM-DP+ answers. */
  private static RspHttpResponse html(int status) {
    String page =
        "<html><head><title>"
            + status
            + " Error</title></head><body><h1>"
            + status
            + " Error</h1><p>The upstream server did not answer properly.</p></body></html>";
    return new RspHttpResponse(
        status,
        Map.of("Content-Type", "text/html;charset=UTF-8"),
        page.getBytes(StandardCharsets.UTF_8));
  }

  private void note(String text) {
    events.emit("smdp", new EventPayload.Note(text));
  }
}
