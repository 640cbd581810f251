package org.rspharness.smdp.callback;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rspharness.core.es2.HandleDownloadProgressInfoRequest;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.core.transport.http.RspHttpResponse;

/**
 * SGP.22 section 5.3.5: POSTs HandleDownloadProgressInfo to the operator at {@code
 * <base>/gsma/rsp2/es2plus/handleDownloadProgressInfo}, off the caller's thread, retrying on
 * transport errors and non-2xx answers with exponential backoff. Every attempt is an event (the
 * client's HttpExchange plus a Note with the attempt number).
 */
public final class HttpOperatorNotifier implements OperatorNotifier, AutoCloseable {

  /** One POST; {@link RspHttpClient#post} in production. */
  @FunctionalInterface
  public interface Poster {
    RspHttpResponse post(URI url, Map<String, String> headers, byte[] body, String function)
        throws RspHttpException;
  }

  private final Poster client;
  private final URI url;
  private final String requesterId;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final EventLog events;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong callIds = new AtomicLong();

  /**
   * @param client the HTTPS client (mutual TLS configured by the caller)
   * @param operatorBase e.g. {@code https://operator.example.com:8443}
   * @param requesterId functionRequesterIdentifier, the SM-DP+'s identity towards the operator
   * @param maxAttempts attempts per notification (at least 1)
   * @param firstBackoff delay before the second attempt; doubled after each further failure
   */
  public HttpOperatorNotifier(
      RspHttpClient client,
      URI operatorBase,
      String requesterId,
      int maxAttempts,
      Duration firstBackoff,
      EventLog events) {
    this(client::post, operatorBase, requesterId, maxAttempts, firstBackoff, events);
  }

  /** As above with any {@link Poster} (tests, other clients). */
  public HttpOperatorNotifier(
      Poster client,
      URI operatorBase,
      String requesterId,
      int maxAttempts,
      Duration firstBackoff,
      EventLog events) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts: at least 1");
    }
    this.client = client;
    this.url = operatorBase.resolve("/gsma/rsp2/es2plus/handleDownloadProgressInfo");
    this.requesterId = requesterId;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.events = events;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "smdp-operator-notifier");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void notify(DownloadProgress p) {
    byte[] body = body(p);
    scheduler.execute(() -> attempt(body, 1, firstBackoff));
  }

  /**
   * One POST of {@code p} on the caller's thread: true when the operator answered 2xx (the durable
   * outbox retries itself, and deletes the callback only then).
   */
  public boolean deliverOnce(DownloadProgress p) {
    return post(body(p), 1, 1);
  }

  private byte[] body(DownloadProgress p) {
    HandleDownloadProgressInfoRequest req =
        new HandleDownloadProgressInfoRequest(
            new RequestHeader(requesterId, "smdp-" + callIds.incrementAndGet()),
            p.eid(),
            p.iccid(),
            p.profileType(),
            p.timestamp(),
            p.point().id(),
            p.status(),
            p.resultData());
    return RspJson.strict().write(req);
  }

  private void attempt(byte[] body, int n, Duration backoff) {
    boolean ok = post(body, n, maxAttempts);
    if (!ok && n < maxAttempts && !scheduler.isShutdown()) {
      scheduler.schedule(
          () -> attempt(body, n + 1, backoff.multipliedBy(2)),
          backoff.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private boolean post(byte[] body, int n, int of) {
    String outcome;
    boolean ok;
    try {
      RspHttpResponse r =
          client.post(
              url,
              Map.of(
                  "Content-Type", "application/json",
                  "X-Admin-Protocol", "gsma/rsp/v2.2.0"),
              body,
              "handleDownloadProgressInfo");
      ok = r.status() >= 200 && r.status() < 300;
      outcome = "HTTP " + r.status();
    } catch (RspHttpException | RuntimeException e) {
      ok = false;
      outcome = e.getMessage();
    }
    events.emit(
        "smdp",
        new EventPayload.Note(
            "handleDownloadProgressInfo attempt " + n + "/" + of + ": " + outcome));
    return ok;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
