package org.rspharness.smdp.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.rspharness.core.es2.HandleDownloadProgressInfoRequest;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.message.FunctionExecutionStatus;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.core.transport.http.RspHttpResponse;

class HttpOperatorNotifierTest {

  private static DownloadProgress progress() {
    return new DownloadProgress(
        null,
        Iccid.withCheckDigit("894900000000000601"),
        "gold",
        OffsetDateTime.parse("2026-06-01T12:00:00Z"),
        NotificationPoint.BPP_DOWNLOAD,
        FunctionExecutionStatus.success(),
        null);
  }

  @Test
  void retriesWithBackoffAndRecordsEachAttempt() {
    RecordingSink sink = new RecordingSink();
    EventLog log = EventLog.system().addSink(sink);
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    List<URI> urls = new CopyOnWriteArrayList<>();
    HttpOperatorNotifier.Poster flaky =
        (url, headers, body, fn) -> {
          bodies.add(body);
          urls.add(url);
          if (bodies.size() < 3) {
            throw new RspHttpException(
                RspHttpException.Kind.CONNECT_FAILED, "connection refused", null);
          }
          return new RspHttpResponse(204, Map.of(), new byte[0]);
        };
    try (HttpOperatorNotifier n =
        new HttpOperatorNotifier(
            flaky,
            URI.create("https://op.example.com:8443"),
            "smdp-1",
            5,
            Duration.ofMillis(5),
            log)) {
      n.notify(progress());
      await().atMost(Duration.ofSeconds(5)).until(() -> bodies.size() == 3);
    }
    assertThat(urls.get(0).toString())
        .isEqualTo("https://op.example.com:8443/gsma/rsp2/es2plus/handleDownloadProgressInfo");
    HandleDownloadProgressInfoRequest sent =
        RspJson.strict().read(bodies.get(2), HandleDownloadProgressInfoRequest.class);
    assertThat(sent.notificationPointId()).isEqualTo(3);
    assertThat(sent.profileType()).isEqualTo("gold");
    assertThat(sent.header().functionRequesterIdentifier()).isEqualTo("smdp-1");
    assertThat(sink.payloads(EventPayload.Note.class).map(EventPayload.Note::text))
        .containsExactly(
            "handleDownloadProgressInfo attempt 1/5: connection refused",
            "handleDownloadProgressInfo attempt 2/5: connection refused",
            "handleDownloadProgressInfo attempt 3/5: HTTP 204");
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    RecordingSink sink = new RecordingSink();
    EventLog log = EventLog.system().addSink(sink);
    HttpOperatorNotifier.Poster down =
        (url, h, body, fn) -> new RspHttpResponse(503, Map.of(), new byte[0]);
    try (HttpOperatorNotifier n =
        new HttpOperatorNotifier(
            down, URI.create("https://op.example.com"), "smdp-1", 2, Duration.ofMillis(1), log)) {
      n.notify(progress());
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> sink.payloads(EventPayload.Note.class).count() == 2);
    }
    assertThat(sink.payloads(EventPayload.Note.class).map(EventPayload.Note::text))
        .containsExactly(
            "handleDownloadProgressInfo attempt 1/2: HTTP 503",
            "handleDownloadProgressInfo attempt 2/2: HTTP 503");
  }
}
