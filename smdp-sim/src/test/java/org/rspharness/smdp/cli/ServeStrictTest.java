package org.rspharness.smdp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rspharness.certs.TestPki;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpResponse;
import picocli.CommandLine;

/**
 * {@code smdp serve} and an LPA that sends a wrong Content-Type (SGP.22 6.5.1: application/json):
 * by default the request is served as field SM-DP+s serve it, and the deviation is printed; with
 * {@code --strict} it is answered with the spec's status code 1.2.1/2.1 and serve exits 1.
 */
class ServeStrictTest {

  private static final TestPki PKI = TestPki.builder().random(RandomSource.seeded(12)).build();
  private static final Pattern PORT = Pattern.compile("ES9\\+ https://[^ ]+:(\\d+) ");

  /** What one serve run printed, answered and exited with. */
  private record Served(String answer, String err, int exit) {}

  private static Served serveOneTextPlainRequest(String... extra) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine c = SmdpCommand.commandLine(d -> PKI);
    c.setOut(new PrintWriter(out, true));
    c.setErr(new PrintWriter(err, true));
    List<String> args =
        new java.util.ArrayList<>(
            List.of("serve", "--pki", "any", "--host", PKI.smdpHost(), "--es9-port", "0"));
    args.addAll(List.of(extra));
    AtomicReference<Thread> thread = new AtomicReference<>();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> {
              thread.set(Thread.currentThread());
              return c.execute(args.toArray(String[]::new));
            });
    await().atMost(Duration.ofSeconds(30)).until(() -> PORT.matcher(out.toString()).find());
    Matcher m = PORT.matcher(out.toString());
    m.find();
    String answer;
    try (RspHttpClient client = Es9Clients.to(PKI)) {
      RspHttpResponse r =
          client.post(
              URI.create(
                  "https://"
                      + PKI.smdpHost()
                      + ":"
                      + m.group(1)
                      + "/gsma/rsp2/es9plus/getBoundProfilePackage"),
              Map.of("Content-Type", "text/plain", "X-Admin-Protocol", "gsma/rsp/v2.2.0"),
              "{\"transactionId\":\"0102030405060708\",\"prepareDownloadResponse\":\"vyE=\"}"
                  .getBytes(StandardCharsets.UTF_8),
              "getBoundProfilePackage");
      answer = new String(r.body(), StandardCharsets.UTF_8);
    } finally {
      // stopped from within the JVM, as an embedding program stops it
      thread.get().interrupt();
    }
    int code = exit.get(30, TimeUnit.SECONDS); // before reading err: the summary comes last
    return new Served(answer, err.toString(), code);
  }

  @Test
  void byDefaultTheRequestIsServedAndTheDeviationPrinted() throws Exception {
    Served s = serveOneTextPlainRequest();
    assertThat(s.answer()).doesNotContain("\"1.2.1\"").contains("8.10.1");
    assertThat(s.err())
        .contains(
            "smdp: deviation: LPA broke SGP.22 6.5.1 (request Content-Type): text/plain, expected"
                + " application/json; served")
        .contains("1 deviation(s) from SGP.22 by LPAs, each served");
    assertThat(s.exit()).isZero();
  }

  @Test
  void strictTheRequestGetsTheSpecStatusCodeAndServeExits1() throws Exception {
    Served s = serveOneTextPlainRequest("--strict");
    assertThat(s.answer())
        .containsPattern("\"subjectCode\"\\s*:\\s*\"1\\.2\\.1\"")
        .containsPattern("\"reasonCode\"\\s*:\\s*\"2\\.1\"");
    assertThat(s.err())
        .contains(
            "(request Content-Type): text/plain, expected application/json; refused (--strict)")
        .contains("each refused (--strict): exit 1");
    assertThat(s.exit()).isEqualTo(1);
  }
}
