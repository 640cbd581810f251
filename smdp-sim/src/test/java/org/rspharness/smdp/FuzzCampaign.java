package org.rspharness.smdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.fuzz.CertMutations;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.transport.SmdpServer;

/**
 * The fuzz campaign through the real pipeline: an SM-DP+ on TLS ports (Netty, BoringSSL), and
 * clients sending mutated requests to every ES9+ and ES2+ function over TLS (ES2+ with a client
 * certificate), half of the ES9+ requests that carry certificates with certificate-structure
 * mutations ({@link CertMutations}). It counts answers by function and outcome; an internal-error
 * answer (1.2/4.2) or an HTTP 500 is a finding.
 *
 * <pre>
 * scripts/fuzz-campaign [PER_FUNCTION] [SEED] [THREADS] [MAX_MINUTES]
 * </pre>
 *
 * Not run in CI; {@code FuzzCampaignSliceTest} runs a bounded seeded slice of it.
 */
public final class FuzzCampaign {

  private static final ObjectMapper M = new ObjectMapper();

  /** Counts by function, then outcome ({@code Failed 8.1.3/6.1}, {@code 204}, {@code HTTP 500}). */
  public record Result(
      Map<String, Map<String, Long>> byFunction, long requests, double seconds, long transport) {

    public long count(String outcome) {
      return byFunction.values().stream().mapToLong(m -> m.getOrDefault(outcome, 0L)).sum();
    }

    /** Requests per function. */
    public Map<String, Long> perFunction() {
      Map<String, Long> out = new TreeMap<>();
      byFunction.forEach(
          (f, m) -> out.put(f, m.values().stream().mapToLong(Long::longValue).sum()));
      return out;
    }

    public void print(PrintStream out) {
      out.printf(
          "%d requests in %.0f s (%.0f/s), %d transport errors%n",
          requests, seconds, requests / Math.max(seconds, 1e-9), transport);
      byFunction.forEach(
          (f, m) -> {
            long n = m.values().stream().mapToLong(Long::longValue).sum();
            out.printf("%-24s %9d  %s%n", f, n, m);
          });
      out.printf(
          "internal-error answers (1.2/4.2): %d, HTTP 500: %d%n",
          count("Failed 1.2/4.2"), count("HTTP 500"));
    }
  }

  private FuzzCampaign() {}

  public static void main(String[] args) throws Exception {
    long perFunction = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261207L;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    double minutes = args.length > 3 ? Double.parseDouble(args[3]) : 1e6;
    Result r =
        run(perFunction, seed, threads, Duration.ofMillis((long) (minutes * 60_000)), System.out);
    r.print(System.out);
    System.exit(r.count("Failed 1.2/4.2") + r.count("HTTP 500") == 0 ? 0 : 1);
  }

  /** Runs until every function got {@code perFunction} requests or {@code budget} is spent. */
  public static Result run(
      long perFunction, long seed, int threads, Duration budget, PrintStream progress)
      throws Exception {
    SmdpFixture f = new SmdpFixture();
    f.quiet = true;
    f.start(
        SmdpFixture.released("894900000000000901", "FUZZ-1").reusable(true).build(),
        SmdpFixture.available("894900000000000902", "gold").build(),
        SmdpFixture.available("894900000000000903", "gold").state(ProfileState.ALLOCATED).build());
    f.euicc.matchingId = "FUZZ-1";
    List<EndpointFuzzTest.Seed> seeds = EndpointFuzzTest.seeds(f);
    Map<String, List<byte[]>> byFunction = new LinkedHashMap<>();
    for (EndpointFuzzTest.Seed s : seeds) {
      byFunction.computeIfAbsent(s.path(), k -> new ArrayList<>()).add(s.body());
    }
    List<String> paths = new ArrayList<>(byFunction.keySet());
    // authenticateClient ends its session when it refuses (SGP.22 3.0.1), so one seed session is
    // used up by the first mutation that gets past the transactionId; each worker has a seed of
    // its own whose session is put back before every send, so mutations reach the deeper checks
    List<SeedSession> authSeeds = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      authSeeds.add(SeedSession.open(f));
    }
    KeyPair operatorKey = operatorKey();
    X509Certificate operator = operatorCertificate(operatorKey);
    SmdpServer server =
        SmdpServer.start(
            SmdpFixture.PKI,
            SmdpServer.Config.es9Only(SmdpFixture.HOST, 0).withEs2(0, List.of(operator)),
            f.smdp.es9Endpoint(),
            f.smdp.es2Endpoint(),
            new SimpleMeterRegistry(),
            EventLog.disabled());
    int es9 = server.es9Port(Curve.NIST_P256).orElseThrow();
    int es2 = server.es2Port().orElseThrow();
    RspHttpClient es9Client = client(null, List.of());
    RspHttpClient es2Client = client(operatorKey.getPrivate(), List.of(operator));
    Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
    Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    for (String p : paths) {
      sent.put(p, new AtomicLong());
    }
    LongAdder transport = new LongAdder();
    long start = System.nanoTime();
    long deadline = start + budget.toNanos();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Random rnd = new Random(seed * 1_000_003L + t);
      SeedSession own = authSeeds.get(t);
      Thread w =
          new Thread(
              () -> {
                int k = 0;
                while (System.nanoTime() < deadline) {
                  boolean any = false;
                  for (int step = 0; step < paths.size(); step++) {
                    String path = paths.get((k + step) % paths.size());
                    if (sent.get(path).incrementAndGet() > perFunction) {
                      continue;
                    }
                    any = true;
                    List<byte[]> bodies = byFunction.get(path);
                    byte[] body = bodies.get(rnd.nextInt(bodies.size()));
                    if (path.endsWith("/authenticateClient")) {
                      body = own.rearm(f);
                    }
                    byte[] mutated = mutate(path, body, rnd);
                    boolean isEs2 = path.contains("es2plus");
                    String outcome =
                        send(
                            isEs2 ? es2Client : es9Client,
                            isEs2 ? es2 : es9,
                            path,
                            mutated,
                            transport);
                    counts
                        .computeIfAbsent(path, x -> new ConcurrentHashMap<>())
                        .computeIfAbsent(outcome, x -> new LongAdder())
                        .increment();
                    break;
                  }
                  k++;
                  if (!any) {
                    return;
                  }
                }
              },
              "fuzz-" + t);
      w.setDaemon(true);
      workers.add(w);
      w.start();
    }
    long lastReport = System.nanoTime();
    for (Thread w : workers) {
      while (w.isAlive()) {
        w.join(1000);
        if (progress != null && System.nanoTime() - lastReport > 60_000_000_000L) {
          lastReport = System.nanoTime();
          long n =
              counts.values().stream()
                  .flatMap(m -> m.values().stream())
                  .mapToLong(LongAdder::sum)
                  .sum();
          progress.printf(
              "%s: %d requests, %.0f/s%n",
              Instant.now(), n, n / ((System.nanoTime() - start) / 1e9));
          progress.flush();
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    server.close();
    es9Client.close();
    es2Client.close();
    Map<String, Map<String, Long>> out = new TreeMap<>();
    long total = 0;
    for (Map.Entry<String, Map<String, LongAdder>> e : counts.entrySet()) {
      Map<String, Long> m = new TreeMap<>();
      for (Map.Entry<String, LongAdder> o : e.getValue().entrySet()) {
        m.put(o.getKey(), o.getValue().sum());
        total += o.getValue().sum();
      }
      out.put(e.getKey().substring(e.getKey().lastIndexOf('/') + 1), m);
    }
    return new Result(out, total, seconds, transport.sum());
  }

  /**
   * An authenticateClient request signed by the eUICC for one session, and that session as the
   * SM-DP+ opened it, to put back (same transactionId and serverChallenge) before each use.
   */
  record SeedSession(byte[] body, org.rspharness.smdp.session.RspSession template) {

    static SeedSession open(SmdpFixture f) {
      org.rspharness.core.es9.InitiateAuthenticationResponse ia = f.initiate();
      byte[] asr = f.euicc.authenticateServer(ia);
      org.rspharness.smdp.session.RspSession s =
          f.smdp.sessions().find(ia.transactionId()).orElseThrow();
      return new SeedSession(
          SmdpFixture.json(
              new org.rspharness.core.es9.AuthenticateClientRequest(ia.transactionId(), asr)),
          s);
    }

    /** Puts the session back as initiateAuthentication left it; returns the request. */
    byte[] rearm(SmdpFixture f) {
      org.rspharness.smdp.session.RspSession t = template;
      f.smdp
          .sessions()
          .restore(
              new org.rspharness.smdp.session.RspSession(
                  t.transactionId(),
                  t.serverChallenge(),
                  t.euiccChallenge(),
                  t.ciPkId(),
                  t.curve(),
                  t.serverAddress(),
                  t.expiry().plus(Duration.ofDays(1))));
      return body;
    }
  }

  /** A JSON/base64/ASN.1 mutation, or for certificate-carrying requests a certificate one. */
  static byte[] mutate(String path, byte[] body, Random rnd) {
    try {
      boolean certs =
          path.endsWith("authenticateClient")
              || (path.endsWith("handleNotification") && isOtherNotification(body));
      if (certs && rnd.nextBoolean()) {
        ObjectNode o = (ObjectNode) M.readTree(body);
        String member =
            path.endsWith("authenticateClient")
                ? "authenticateServerResponse"
                : "pendingNotification";
        byte[] raw = Base64.getDecoder().decode(o.get(member).asText());
        o.put(member, Base64.getEncoder().encodeToString(CertMutations.mutate(raw, rnd)));
        return M.writeValueAsBytes(o);
      }
      return EndpointFuzzTest.mutate(body, rnd);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isOtherNotification(byte[] body) throws Exception {
    JsonNode n = M.readTree(body).get("pendingNotification");
    return n != null && Base64.getDecoder().decode(n.asText())[0] == 0x30;
  }

  private static String send(
      RspHttpClient client, int port, String path, byte[] body, LongAdder transport) {
    RspHttpResponse r;
    try {
      r =
          client.post(
              URI.create("https://" + SmdpFixture.HOST + ":" + port + path),
              Map.of("Content-Type", "application/json", "X-Admin-Protocol", "gsma/rsp/v2.2.0"),
              body,
              "fuzz");
    } catch (RspHttpException e) {
      transport.increment();
      return "transport error";
    }
    if (r.status() == 204) {
      return "204";
    }
    if (r.status() != 200) {
      return "HTTP " + r.status();
    }
    try {
      JsonNode fes = M.readTree(r.body()).path("header").path("functionExecutionStatus");
      String status = fes.path("status").asText();
      if (status.equals("Failed")) {
        JsonNode d = fes.path("statusCodeData");
        return "Failed " + d.path("subjectCode").asText() + "/" + d.path("reasonCode").asText();
      }
      return status;
    } catch (java.io.IOException e) {
      return "unparsable answer";
    }
  }

  static RspHttpClient client(java.security.PrivateKey key, List<X509Certificate> chain)
      throws Exception {
    // The fixture PKI's DPtls certificates are dated for the fixture's clock, not today: the
    // campaign tests the server, so its client does not check the server's certificate.
    io.netty.handler.ssl.SslContextBuilder b =
        io.netty.handler.ssl.SslContextBuilder.forClient()
            .sslProvider(io.netty.handler.ssl.SslProvider.JDK)
            .trustManager(io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE)
            .protocols("TLSv1.2");
    if (key != null) {
      b.keyManager(key, chain.toArray(X509Certificate[]::new));
    }
    return new RspHttpClient(
        RspHttpClient.Config.defaults(b.build(), "fuzz")
            .withResolve(Map.of(SmdpFixture.HOST, "127.0.0.1"))
            .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)),
        EventLog.disabled());
  }

  static KeyPair operatorKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
    g.initialize(new ECGenParameterSpec("secp256r1"), RandomSource.seeded(3).asSecureRandom());
    return g.generateKeyPair();
  }

  static X509Certificate operatorCertificate(KeyPair kp) throws Exception {
    X500Name name = new X500Name("CN=Fuzz Operator,O=RSP Harness");
    Instant now = Instant.now();
    return new JcaX509CertificateConverter()
        .setProvider(BouncyCastle.PROVIDER)
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    name,
                    java.math.BigInteger.valueOf(77),
                    java.util.Date.from(now.minus(Duration.ofDays(1))),
                    java.util.Date.from(now.plus(Duration.ofDays(30))),
                    name,
                    kp.getPublic())
                .build(
                    new JcaContentSignerBuilder("SHA256withECDSA")
                        .setProvider(BouncyCastle.PROVIDER)
                        .build(kp.getPrivate())));
  }
}
