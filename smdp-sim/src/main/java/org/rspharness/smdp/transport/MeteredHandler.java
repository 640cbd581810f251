package org.rspharness.smdp.transport;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.Set;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.es2.Es2PlusEndpoint;
import org.rspharness.smdp.es9.Es9PlusEndpoint;

/**
 * Wraps a handler with one Micrometer timer per function, HTTP status class and SGP.22 outcome
 * ({@code smdp.es9.requests} / {@code smdp.es2.requests}, tags {@code function}, {@code status},
 * {@code outcome} and {@code reason}). Its count is the request counter. SGP.22 6.5.1.2 (and
 * 5.3/5.6): a refused function still answers HTTP 200, with {@code functionExecutionStatus} {@code
 * Failed} and a subject/reason code; {@code outcome} is that status ({@code executed-success},
 * {@code executed-withwarning}, {@code failed}, {@code expired}; {@code none} without a header,
 * e.g. a 204) and {@code reason} its {@code subject/reason} code ({@code none} when it has none),
 * so a refusal 8.2.6/3.8 never looks like a plain success. Tags stay low-cardinality: the codes are
 * the SGP.22 catalogue's, a path that is not one of the interface's SGP.22 functions counts as
 * {@code function=other}, a handler exception as {@code status=5xx} (the server answers 500).
 */
public final class MeteredHandler implements RspHttpHandler {

  /** The ES9+ functions of SGP.22 section 5.6. */
  public static final Set<String> ES9_FUNCTIONS = Es9PlusEndpoint.FUNCTIONS;

  /** The ES2+ functions of SGP.22 section 5.3 the SM-DP+ serves. */
  public static final Set<String> ES2_FUNCTIONS = Es2PlusEndpoint.FUNCTIONS;

  private final RspHttpHandler observed;
  private final MeterRegistry registry;
  private final String meterName;
  private final Set<String> functions;

  /** Registered timers by function and status class: building one per request costs ~2 %. */
  private final java.util.concurrent.ConcurrentMap<String, Timer> timers =
      new java.util.concurrent.ConcurrentHashMap<>();

  private MeteredHandler(
      RspHttpHandler delegate, MeterRegistry registry, String meterName, Set<String> functions) {
    this.observed =
        RspHttpHandler.observed(Objects.requireNonNull(delegate, "handler"), this::served);
    this.registry = Objects.requireNonNull(registry, "registry");
    this.meterName = meterName;
    this.functions = functions;
  }

  /** Meters an ES9+ handler as {@code smdp.es9.requests}. */
  public static MeteredHandler es9(RspHttpHandler handler, MeterRegistry registry) {
    return new MeteredHandler(handler, registry, "smdp.es9.requests", ES9_FUNCTIONS);
  }

  /** Meters an ES2+ handler as {@code smdp.es2.requests}. */
  public static MeteredHandler es2(RspHttpHandler handler, MeterRegistry registry) {
    return new MeteredHandler(handler, registry, "smdp.es2.requests", ES2_FUNCTIONS);
  }

  @Override
  public RspHttpResponse handle(RspHttpRequest request) {
    return observed.handle(request);
  }

  /** Timed until the answer is complete (a durable commit included). */
  @Override
  public java.util.concurrent.CompletionStage<RspHttpResponse> handleAsync(RspHttpRequest request) {
    return observed.handleAsync(request);
  }

  private void served(
      RspHttpRequest request, RspHttpResponse response, Throwable failure, long nanos) {
    String function = function(request.path());
    if (response == null) {
      record(function, "5xx", Outcome.NONE, nanos);
    } else {
      record(function, statusClass(response.status()), Outcome.of(response.body()), nanos);
    }
  }

  /** The SGP.22 outcome of an answer: its functionExecutionStatus and subject/reason code. */
  record Outcome(String status, String reason) {
    static final Outcome NONE = new Outcome("none", "none");

    private static final java.util.regex.Pattern STATUS =
        java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"([A-Za-z-]{1,24})\"");
    private static final java.util.regex.Pattern SUBJECT =
        java.util.regex.Pattern.compile("\"subjectCode\"\\s*:\\s*\"([0-9.]{1,12})\"");
    private static final java.util.regex.Pattern REASON =
        java.util.regex.Pattern.compile("\"reasonCode\"\\s*:\\s*\"([0-9.]{1,12})\"");

    /** Reads the header at the start of a JSON answer (the SM-DP+ writes it first). */
    static Outcome of(byte[] body) {
      if (body == null || body.length == 0) {
        return NONE;
      }
      String head =
          new String(body, 0, Math.min(body.length, 512), java.nio.charset.StandardCharsets.UTF_8);
      java.util.regex.Matcher s = STATUS.matcher(head);
      if (!head.contains("functionExecutionStatus") || !s.find()) {
        return NONE;
      }
      String status = s.group(1).toLowerCase(java.util.Locale.ROOT);
      java.util.regex.Matcher subject = SUBJECT.matcher(head);
      java.util.regex.Matcher reason = REASON.matcher(head);
      String code =
          subject.find() && reason.find() ? subject.group(1) + "/" + reason.group(1) : "none";
      return new Outcome(status, code);
    }
  }

  private void record(String function, String status, Outcome outcome, long nanos) {
    timers
        .computeIfAbsent(
            function + ' ' + status + ' ' + outcome.status() + ' ' + outcome.reason(),
            k ->
                Timer.builder(meterName)
                    .description(
                        "SM-DP+ requests by function, HTTP status class and SGP.22 outcome")
                    .tag("function", function)
                    .tag("status", status)
                    .tag("outcome", outcome.status())
                    .tag("reason", outcome.reason())
                    .register(registry))
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** The function a path names, or {@code other}. */
  String function(String path) {
    if (path == null) {
      return "other";
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    return functions.contains(last) ? last : "other";
  }

  static String statusClass(int status) {
    return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
  }
}
