package org.rspharness.core.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.EventLog;

/**
 * An answer that completes later (a durable commit) does not hold the server's event loop: with one
 * event-loop thread, other connections are served while it waits, and it is written once complete.
 */
class AsyncAnswerTest {

  @Test
  void theEventLoopServesOtherConnectionsWhileAnAnswerWaits() throws Exception {
    CompletableFuture<RspHttpResponse> slow = new CompletableFuture<>();
    AtomicInteger slowCalls = new AtomicInteger();
    RspHttpHandler handler =
        new RspHttpHandler() {
          @Override
          public RspHttpResponse handle(RspHttpRequest request) {
            return RspHttpHandler.await(handleAsync(request));
          }

          @Override
          public CompletionStage<RspHttpResponse> handleAsync(RspHttpRequest request) {
            if (request.path().equals("/slow")) {
              slowCalls.incrementAndGet();
              return slow;
            }
            return CompletableFuture.completedFuture(body(200, "fast"));
          }
        };
    RspHttpServer.Config oneLoop =
        new RspHttpServer.Config("127.0.0.1", 0, null, 64 * 1024, 60, 1, "test", null);
    HttpClient first = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpClient second = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (RspHttpServer server = RspHttpServer.start(oneLoop, handler, EventLog.disabled())) {
      CompletableFuture<HttpResponse<String>> waiting =
          first.sendAsync(post(server, "/slow"), HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(10)).until(() -> slowCalls.get() == 1);

      for (int i = 0; i < 3; i++) {
        HttpResponse<String> fast =
            second.send(post(server, "/fast"), HttpResponse.BodyHandlers.ofString());
        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(fast.body()).isEqualTo("fast");
      }
      assertThat(waiting).isNotDone();

      slow.complete(body(200, "committed"));
      HttpResponse<String> answered = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(answered.statusCode()).isEqualTo(200);
      assertThat(answered.body()).isEqualTo("committed");
    }
  }

  @Test
  void anAnswerThatFailsLaterIsABare500() throws Exception {
    CompletableFuture<RspHttpResponse> later = new CompletableFuture<>();
    RspHttpHandler handler = RspHttpHandler.async(r -> later);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (RspHttpServer server =
        RspHttpServer.start(
            RspHttpServer.Config.loopback(null, "test"), handler, EventLog.disabled())) {
      CompletableFuture<HttpResponse<String>> waiting =
          client.sendAsync(post(server, "/x"), HttpResponse.BodyHandlers.ofString());
      later.completeExceptionally(new IllegalStateException("secret detail"));
      HttpResponse<String> r = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).isEqualTo("internal error").doesNotContain("secret");
    }
  }

  private static HttpRequest post(RspHttpServer server, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build();
  }

  private static RspHttpResponse body(int status, String text) {
    return new RspHttpResponse(
        status, Map.of("Content-Type", "text/plain"), text.getBytes(StandardCharsets.UTF_8));
  }
}
