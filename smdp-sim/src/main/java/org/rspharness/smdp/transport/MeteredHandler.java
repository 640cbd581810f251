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
 * Wraps a handler with one Micrometer timer per function and HTTP status class ({@code
 * smdp.es9.requests} / {@code smdp.es2.requests}, tags {@code function} and {@code status}). Its
 * count is the request counter. Tags stay low-cardinality: a path that is not one of the
 * interface's SGP.22 functions counts as {@code function=other}, a handler exception as {@code
 * status=5xx} (the server answers 500 for it).
 */
public final class MeteredHandler implements RspHttpHandler {

  /** The ES9+ functions of SGP.22 section 5.6. */
  public static final Set<String> ES9_FUNCTIONS = Es9PlusEndpoint.FUNCTIONS;

  /** The ES2+ functions of SGP.22 section 5.3 the SM-DP+ serves. */
  public static final Set<String> ES2_FUNCTIONS = Es2PlusEndpoint.FUNCTIONS;

  private final RspHttpHandler delegate;
  private final MeterRegistry registry;
  private final String meterName;
  private final Set<String> functions;

  /** Registered timers by function and status class: building one per request costs ~2 %. */
  private final java.util.concurrent.ConcurrentMap<String, Timer> timers =
      new java.util.concurrent.ConcurrentHashMap<>();

  private MeteredHandler(
      RspHttpHandler delegate, MeterRegistry registry, String meterName, Set<String> functions) {
    this.delegate = Objects.requireNonNull(delegate, "handler");
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
    long start = System.nanoTime();
    String function = function(request.path());
    RspHttpResponse response;
    try {
      response = delegate.handle(request);
    } catch (RuntimeException e) {
      record(function, "5xx", start);
      throw e;
    }
    record(function, statusClass(response.status()), start);
    return response;
  }

  private void record(String function, String status, long start) {
    timers
        .computeIfAbsent(
            function + ' ' + status,
            k ->
                Timer.builder(meterName)
                    .description("SM-DP+ requests by function and HTTP status class")
                    .tag("function", function)
                    .tag("status", status)
                    .register(registry))
        .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
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
