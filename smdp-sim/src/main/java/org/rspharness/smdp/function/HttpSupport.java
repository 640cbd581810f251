package org.rspharness.smdp.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es9.CancelSessionResponseEs9;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;

/**
 * SGP.22 section 6.5.1 HTTP mechanics shared by the ES9+ and ES2+ endpoints: request header checks,
 * response headers, failure bodies and the quirks that act on the wire.
 */
public final class HttpSupport {

  /** The version the simulator answers in X-Admin-Protocol when the request's is unusable. */
  public static final String DEFAULT_PROTOCOL = "gsma/rsp/v2.2.0";

  private static final Pattern PROTOCOL = Pattern.compile("gsma/rsp/v2\\.[0-9]+\\.[0-9]+");
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private HttpSupport() {}

  /**
   * SGP.22 section 6.5.1: Content-Type must be {@code application/json} (parameters such as a
   * charset allowed; 1.2.1/2.1 otherwise) and X-Admin-Protocol {@code gsma/rsp/v2.x.y} (1.2.2/2.1).
   */
  public static Optional<StatusCode> checkHeaders(RspHttpRequest request) {
    return headerProblems(request).stream().findFirst();
  }

  /** Every header problem of {@link #checkHeaders}, Content-Type first. */
  public static java.util.List<StatusCode> headerProblems(RspHttpRequest request) {
    java.util.List<StatusCode> out = new java.util.ArrayList<>(2);
    String ct = request.header("content-type");
    String mediaType = ct == null ? "" : ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      out.add(StatusCodes.HEADER_CONTENT_TYPE_INVALID);
    }
    String protocol = request.header("x-admin-protocol");
    if (protocol == null || !PROTOCOL.matcher(protocol.trim()).matches()) {
      out.add(StatusCodes.HEADER_PROTOCOL_VERSION_UNSUPPORTED);
    }
    return out;
  }

  /**
   * SGP.22 section 6.5.1: a header problem field SM-DP+s serve anyway (a wrong Content-Type over a
   * JSON body, an unknown X-Admin-Protocol) is recorded as a deviation of the LPA; true when the
   * request is to be served, false when the spec's status code is to be answered (strict).
   */
  public static boolean tolerated(
      StatusCode problem, RspHttpRequest request, org.rspharness.core.event.Deviations d) {
    boolean contentType = problem.equals(StatusCodes.HEADER_CONTENT_TYPE_INVALID);
    String observed = request.header(contentType ? "content-type" : "x-admin-protocol");
    return d.tolerate(
        "LPA",
        "SGP.22 6.5.1",
        contentType ? "request Content-Type" : "request X-Admin-Protocol",
        observed == null ? "(none)" : observed,
        contentType ? "application/json" : "gsma/rsp/v2.x.y");
  }

  /** The request's protocol version if well formed, else {@link #DEFAULT_PROTOCOL}. */
  public static String protocolOf(RspHttpRequest request) {
    String protocol = request.header("x-admin-protocol");
    return protocol != null && PROTOCOL.matcher(protocol.trim()).matches()
        ? protocol.trim()
        : DEFAULT_PROTOCOL;
  }

  /** The code for a body the strict codec refused. */
  public static StatusCode codeFor(CodecException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return m.contains("missing required member")
        ? SmdpCodes.MISSING_MEMBER
        : SmdpCodes.MALFORMED_REQUEST;
  }

  /** A 200 JSON response. */
  public static RspHttpResponse json(byte[] body, String protocol) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json;charset=UTF-8");
    h.put("X-Admin-Protocol", protocol);
    return new RspHttpResponse(200, h, body);
  }

  /** A header-only {@code Failed} body (the shape of every SGP.22 response's failure). */
  public static RspHttpResponse failure(StatusCodeData data, String protocol, Quirks quirks) {
    StatusCodeData d =
        quirks.has(Quirk.NON_STANDARD_STATUS_CODES) ? quirks.nonStandardCode() : data;
    return json(
        RspJson.strict().write(new CancelSessionResponseEs9(ResponseHeader.failed(d))), protocol);
  }

  /** As {@link #failure(StatusCodeData, String, Quirks)} for a catalogue code and a message. */
  public static RspHttpResponse failure(
      StatusCode code, String message, String protocol, Quirks quirks) {
    return failure(StatusCodeData.of(code, null, message), protocol, quirks);
  }

  /** {@link Quirk#HTTP_500_HTML}: what a misconfigured web server answers. */
  public static RspHttpResponse html500() {
    return new RspHttpResponse(
        500,
        Map.of("Content-Type", "text/html;charset=UTF-8"),
        ("<html><head><title>500 Internal Server Error</title></head><body>"
                + "<h1>Internal Server Error</h1></body></html>")
            .getBytes(StandardCharsets.UTF_8));
  }

  /** A response with no body and this status. */
  public static RspHttpResponse empty(int status, String protocol) {
    return new RspHttpResponse(status, Map.of("X-Admin-Protocol", protocol), new byte[0]);
  }

  /**
   * {@link Quirk#BASE64_LINE_BREAKS}: wraps the base64 members named in {@code members} every 76
   * characters with CRLF, as MIME encoders do.
   */
  public static byte[] wrapBase64(byte[] json, Set<String> members) {
    try {
      JsonNode root = PLAIN.readTree(json);
      if (!(root instanceof ObjectNode obj)) {
        return json;
      }
      for (String m : members) {
        JsonNode v = obj.get(m);
        if (v != null && v.isTextual() && v.asText().length() > 76) {
          String t = v.asText();
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < t.length(); i += 76) {
            if (i > 0) {
              sb.append("\r\n");
            }
            sb.append(t, i, Math.min(t.length(), i + 76));
          }
          obj.put(m, sb.toString());
        }
      }
      return PLAIN.writeValueAsBytes(obj);
    } catch (IOException e) {
      return json;
    }
  }
}
