package org.rspharness.smdp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.es2.ConfirmOrderRequest;
import org.rspharness.core.es2.ConfirmOrderResponse;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.es2.DownloadOrderResponse;
import org.rspharness.core.es2.HandleDownloadProgressInfoRequest;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Role;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.core.transport.http.RspHttpServer;
import org.rspharness.euicc.testkit.EuiccPeer;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.state.JdbcStateStore;
import org.rspharness.smdp.state.StateCodec;
import org.rspharness.smdp.state.StoreRecord;

/**
 * The crash campaign: {@code smdp serve --state DIR} as a child process under a bounded load (ES2+
 * orders, ES9+ downloads to the end, operator callbacks), killed with SIGKILL at seeded random
 * points and restarted on the same state. Checked: every order acknowledged over ES2+ is there
 * (state, matchingId, EID), every download-attempt counter lies between the attempts acknowledged
 * and those sent, every acknowledged callback point reaches the operator, and a download
 * interrupted by a kill resumes with the same transactionId or fails with the code SGP.22 gives
 * (8.10.1/3.9, after which the LPA starts a new session) and then completes.
 *
 * <pre>
 * scripts/crash-campaign [KILLS (50)] [SEED]
 * </pre>
 */
public final class CrashCampaign {

  private static final String HOST = SmdpFixture.HOST;
  private static final Pattern ES9 = Pattern.compile("ES9\\+ https://[^ ]*:(\\d+) \\(NIST");
  private static final Pattern ES2 = Pattern.compile("ES2\\+ https://[^ ]*:(\\d+)");
  private static final RequestHeader HEADER = new RequestHeader("crash-operator", "1");
  private static final Set<String> RESUME_CODES = Set.of("8.10.1/3.9");

  /** What the campaign saw and found. */
  public record Result(
      int kills,
      int downloads,
      int es2Orders,
      int interruptedSteps,
      int resumedSameSession,
      int newSessions,
      int callbacks,
      List<String> violations) {

    public String summary() {
      return String.format(
          "%d kills, %d downloads completed, %d ES2+ orders acknowledged, %d steps interrupted"
              + " (%d resumed in their session, %d restarted in a new session after 8.10.1/3.9),"
              + " %d operator callbacks; %d violation(s)%s",
          kills,
          downloads,
          es2Orders,
          interruptedSteps,
          resumedSameSession,
          newSessions,
          callbacks,
          violations.size(),
          violations.isEmpty()
              ? ""
              : ": " + violations.subList(0, Math.min(10, violations.size())));
    }
  }

  private final Path work;
  private final Random random;
  private final PrintStream log;
  private final Path stateDir;
  private final List<String> command;
  private final RspHttpClient es9Client;
  private final RspHttpClient es2Client;
  private final Map<String, Set<Integer>> callbacks = new ConcurrentHashMap<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final Eid eid = Eid.of(SmdpServeMain.PKI.eid().value());
  private final String dpPbOid =
      CertFacts.registeredIds(
              SmdpServeMain.PKI.credential(Role.DP_PB, Curve.NIST_P256).certificate())
          .get(0);

  private volatile Process child;
  private volatile int es9Port;
  private volatile int es2Port;
  private volatile long generation;

  // what the load saw acknowledged
  private final Map<String, String> es2Acked = new ConcurrentHashMap<>(); // iccid -> matchingId
  private final Map<String, Integer> attemptsAcked = new ConcurrentHashMap<>();
  private final Map<String, Integer> attemptsSent = new ConcurrentHashMap<>();
  private final Map<String, Set<Integer>> pointsAcked = new ConcurrentHashMap<>();
  private final Set<String> installed = ConcurrentHashMap.newKeySet();
  private int interrupted;
  private int resumedSame;
  private int newSessions;
  private int downloads;

  private CrashCampaign(Path work, long seed, PrintStream log, int operatorPort) throws Exception {
    this.work = work;
    this.random = new Random(seed);
    this.log = log;
    this.stateDir = work.resolve("state");
    KeyPair op = FuzzCampaign.operatorKey();
    X509Certificate opCert = FuzzCampaign.operatorCertificate(op);
    Path opFile = work.resolve("operator.der");
    Files.write(opFile, opCert.getEncoded());
    Path inventory = work.resolve("inventory.yaml");
    StringBuilder yaml = new StringBuilder("profiles:\n");
    for (int i = 0; i < 400; i++) {
      yaml.append("  - iccid: \"")
          .append(Iccid.withCheckDigit(String.format("89490000000010%04d", i)).value())
          .append("\"\n    profileType: lab\n    profilePackage: generated\n")
          .append("    state: Released\n    matchingId: CR-")
          .append(i)
          .append("\n");
    }
    yaml.append("  - pool: {prefix: \"8949000000002\", count: 400}\n")
        .append("    profileType: gold\n    profilePackage: generated\n");
    Files.writeString(inventory, yaml.toString());
    this.command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            // a short-lived child under test: C1 only and a serial GC start it faster
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            SmdpServeMain.class.getName(),
            "serve",
            "--pki",
            work.toString(),
            "--host",
            HOST,
            "--es9-port",
            "0",
            "--es2-port",
            "0",
            "--operator-cert",
            opFile.toString(),
            "--inventory",
            inventory.toString(),
            "--state",
            stateDir.toString(),
            "--operator-callback",
            "http://127.0.0.1:" + operatorPort);
    this.es9Client = FuzzCampaign.client(null, List.of());
    this.es2Client = FuzzCampaign.client(op.getPrivate(), List.of(opCert));
  }

  /** Runs {@code kills} kill-and-restart cycles under load and checks what survived. */
  public static Result run(int kills, long seed, Path work, PrintStream log) throws Exception {
    Map<String, Set<Integer>> received = new ConcurrentHashMap<>();
    RspHttpServer operator =
        RspHttpServer.start(
            RspHttpServer.Config.loopback(null, "operator"),
            request -> {
              HandleDownloadProgressInfoRequest r;
              try {
                r = RspJson.lenient().read(request.body(), HandleDownloadProgressInfoRequest.class);
              } catch (RuntimeException e) {
                System.err.println(
                    "operator: cannot read "
                        + new String(request.body(), StandardCharsets.UTF_8)
                        + ": "
                        + e);
                throw e;
              }
              received
                  .computeIfAbsent(r.iccid().value(), k -> ConcurrentHashMap.newKeySet())
                  .add(r.notificationPointId());
              return new RspHttpResponse(
                  200,
                  Map.of("Content-Type", "application/json"),
                  "{\"header\":{\"functionExecutionStatus\":{\"status\":\"Executed-Success\"}}}"
                      .getBytes(StandardCharsets.UTF_8));
            },
            EventLog.disabled());
    try {
      CrashCampaign c = new CrashCampaign(work, seed, log, operator.port());
      return c.campaign(kills, received);
    } finally {
      operator.close();
    }
  }

  private Result campaign(int kills, Map<String, Set<Integer>> received) throws Exception {
    SmdpFixture.recorded(Curve.NIST_P256); // the card's messages, before the kills start
    startChild();
    Thread load = new Thread(this::load, "crash-load");
    load.setDaemon(true);
    load.start();
    for (int k = 1; k <= kills; k++) {
      Thread.sleep(300 + random.nextInt(2700));
      child.destroyForcibly(); // SIGKILL on Linux
      child.waitFor(30, TimeUnit.SECONDS);
      startChild();
      if (log != null && (k % 10 == 0 || k == kills)) {
        log.printf("kill %d/%d: %d downloads so far%n", k, kills, downloads);
        log.flush();
      }
    }
    stopLoad = true;
    load.join(120_000);
    // every acknowledged callback point reaches the operator (the outbox redelivers)
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < until && !missingCallbacks(received).isEmpty()) {
      Thread.sleep(200);
    }
    for (String m : missingCallbacks(received)) {
      violations.add("callback never delivered: " + m);
    }
    child.destroyForcibly();
    child.waitFor(30, TimeUnit.SECONDS);
    checkStore();
    int cb = received.values().stream().mapToInt(Set::size).sum();
    es9Client.close();
    es2Client.close();
    return new Result(
        kills,
        downloads,
        es2Acked.size(),
        interrupted,
        resumedSame,
        newSessions,
        cb,
        List.copyOf(violations));
  }

  private List<String> missingCallbacks(Map<String, Set<Integer>> received) {
    List<String> missing = new ArrayList<>();
    pointsAcked.forEach(
        (iccid, points) -> {
          for (int p : points) {
            if (!received.getOrDefault(iccid, Set.of()).contains(p)) {
              missing.add(iccid + " point " + p);
            }
          }
        });
    return missing;
  }

  private void checkStore() {
    try (JdbcStateStore store = JdbcStateStore.embedded(stateDir)) {
      Map<String, byte[]> orders = store.load(StoreRecord.Kind.ORDER);
      es2Acked.forEach(
          (iccid, mid) -> {
            byte[] b = orders.get(iccid);
            if (b == null) {
              violations.add("acknowledged ES2+ order " + iccid + " lost");
              return;
            }
            Order.State s = StateCodec.order(b);
            if (s.state() == ProfileState.AVAILABLE
                || s.state() == ProfileState.ALLOCATED
                || s.state() == ProfileState.LINKED
                || s.matchingId() == null
                || !mid.equals(s.matchingId().value())
                || !eid.equals(s.eid())) {
              violations.add("acknowledged ES2+ order " + iccid + " came back as " + s);
            }
          });
      attemptsSent.forEach(
          (iccid, sent) -> {
            byte[] b = orders.get(iccid);
            if (b == null) {
              violations.add("order " + iccid + " with downloads has no stored state");
              return;
            }
            Order.State s = StateCodec.order(b);
            int used = 5 - s.downloadAttemptsLeft();
            int acked = attemptsAcked.getOrDefault(iccid, 0);
            if (used < acked || used > sent) {
              violations.add(
                  "order "
                      + iccid
                      + ": "
                      + used
                      + " attempts counted, "
                      + acked
                      + " acknowledged, "
                      + sent
                      + " sent");
            }
          });
      for (String iccid : installed) {
        Order.State s = StateCodec.order(orders.get(iccid));
        if (s.state() != ProfileState.INSTALLED) {
          violations.add("order " + iccid + " acknowledged installed, stored " + s.state());
        }
      }
    }
  }

  private void startChild() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(command);
    cmd.add("--events");
    cmd.add(work.resolve("events-" + (generation + 1) + ".jsonl").toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    List<String> seen = new ArrayList<>();
    while ((line = out.readLine()) != null) {
      Matcher m9 = ES9.matcher(line);
      Matcher m2 = ES2.matcher(line);
      if (m9.find() && m2.find()) {
        es9Port = Integer.parseInt(m9.group(1));
        es2Port = Integer.parseInt(m2.group(1));
        break;
      }
      seen.add(line);
    }
    if (line == null) {
      throw new IllegalStateException("the SM-DP+ did not start: " + seen);
    }
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // keep the pipe flowing
                }
              } catch (IOException ignored) {
                // the child died
              }
            });
    drain.setDaemon(true);
    drain.start();
    child = p;
    synchronized (this) {
      generation++;
      notifyAll();
    }
  }

  private volatile boolean stopLoad;

  // ------------------------------------------------------------------------------- the load

  private void load() {
    Random r = new Random(random.nextLong());
    int nextCr = 0;
    int nextEs2 = 0;
    while (!stopLoad) {
      try {
        String mid;
        if (r.nextBoolean()) {
          mid = es2Order(nextEs2++);
          if (mid == null) {
            continue;
          }
        } else {
          mid = "CR-" + nextCr++;
        }
        download(mid, r);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | AssertionError e) {
        // a broken load thread would otherwise just stop downloading, unexplained
        violations.add("load: " + e);
        return;
      }
    }
  }

  /** downloadOrder + confirmOrder(release): the matchingId once both are acknowledged. */
  private String es2Order(int n) throws InterruptedException {
    DownloadOrderResponse d =
        call(
            true,
            "downloadOrder",
            new DownloadOrderRequest(HEADER, eid, null, "gold"),
            DownloadOrderResponse.class,
            null);
    if (!d.header().executed()) {
      return null;
    }
    String mid = "E2-" + n;
    ConfirmOrderResponse c =
        call(
            true,
            "confirmOrder",
            new ConfirmOrderRequest(HEADER, d.iccid(), eid, MatchingId.of(mid), null, null, true),
            ConfirmOrderResponse.class,
            null);
    if (!c.header().executed()) {
      // a retried confirmOrder after a lost answer finds the order Released already
      return null;
    }
    es2Acked.put(d.iccid().value(), mid);
    return mid;
  }

  /** A download to the end; steps cut by a kill are retried as an LPA would. */
  private void download(String mid, Random r) throws InterruptedException {
    for (int session = 0; session < 4 && !stopLoad; session++) {
      EuiccPeer euicc =
          SmdpFixture.peer(
              SmdpServeMain.PKI, Curve.NIST_P256, r.nextLong(), java.time.Clock.systemUTC());
      euicc.matchingId = mid;
      euicc.reuseOtKey = true;
      InitiateAuthenticationResponse ia =
          call(
              false,
              "initiateAuthentication",
              new InitiateAuthenticationRequest(
                  euicc.challenge(), euicc.euiccInfo1(), SmdpAddress.of(HOST)),
              InitiateAuthenticationResponse.class,
              null);
      if (!ia.header().executed()) {
        violations.add("initiateAuthentication refused: " + ia.header());
        return;
      }
      byte[] asr = euicc.authenticateServer(ia);
      boolean[] cut = new boolean[1];
      AuthenticateClientResponseEs9 ac =
          call(
              false,
              "authenticateClient",
              new AuthenticateClientRequest(ia.transactionId(), asr),
              AuthenticateClientResponseEs9.class,
              cut);
      if (!ac.header().executed()) {
        if (resumable(ac.header(), cut[0])) {
          continue;
        }
        violations.add(mid + " authenticateClient: " + ac.header());
        return;
      }
      Iccid iccid = iccidOf(ac);
      ack(iccid, 1);
      byte[] pdr = euicc.prepareDownload(ac, asr, null);
      attemptsSent.merge(iccid.value(), 1, Integer::sum);
      GetBoundProfilePackageResponse bpp =
          call(
              false,
              "getBoundProfilePackage",
              new GetBoundProfilePackageRequest(ac.transactionId(), pdr),
              GetBoundProfilePackageResponse.class,
              cut);
      if (!bpp.header().executed()) {
        if (resumable(bpp.header(), cut[0])) {
          continue;
        }
        violations.add(mid + " getBoundProfilePackage: " + bpp.header());
        return;
      }
      attemptsAcked.merge(iccid.value(), 1, Integer::sum);
      ack(iccid, 3);
      byte[] pir =
          euicc.profileInstallationResult(ac.transactionId().bytes(), iccid, dpPbOid, true, HOST);
      RspHttpResponse done = raw(false, "handleNotification", new HandleNotification(pir), cut);
      if (done.status() != 204) {
        violations.add(mid + " handleNotification: HTTP " + done.status());
        return;
      }
      ack(iccid, 4);
      installed.add(iccid.value());
      synchronized (this) {
        downloads++;
      }
      return;
    }
  }

  private void ack(Iccid iccid, int point) {
    pointsAcked.computeIfAbsent(iccid.value(), k -> ConcurrentHashMap.newKeySet()).add(point);
  }

  /** A retried step's refusal SGP.22 allows after a crash: start a new session. */
  private boolean resumable(ResponseHeader h, boolean cut) {
    String code =
        h.functionExecutionStatus().statusCodeData() == null
            ? ""
            : h.functionExecutionStatus().statusCodeData().subjectCode()
                + "/"
                + h.functionExecutionStatus().statusCodeData().reasonCode();
    if (cut && RESUME_CODES.contains(code)) {
      synchronized (this) {
        newSessions++;
      }
      return true;
    }
    return false;
  }

  private static Iccid iccidOf(AuthenticateClientResponseEs9 ac) {
    org.rspharness.asn1.rsp.StoreMetadataRequest smr =
        org.rspharness.core.asn1.Asn1Codec.decode(
            ac.profileMetadata(), org.rspharness.asn1.rsp.StoreMetadataRequest::new);
    return Iccid.fromEfIccidUnchecked(smr.getIccid().value);
  }

  private <T> T call(boolean es2, String function, Object request, Class<T> type, boolean[] cut)
      throws InterruptedException {
    RspHttpResponse r = raw(es2, function, request, cut);
    return RspJson.lenient().read(r.body(), type);
  }

  /** Posts until an answer arrives, waiting for the restarted SM-DP+ after a kill. */
  private RspHttpResponse raw(boolean es2, String function, Object request, boolean[] cut)
      throws InterruptedException {
    byte[] body = RspJson.strict().write(request);
    boolean wasCut = false;
    while (true) {
      long gen = generation;
      int port = es2 ? es2Port : es9Port;
      try {
        RspHttpResponse resp =
            (es2 ? es2Client : es9Client)
                .post(
                    URI.create(
                        "https://"
                            + HOST
                            + ":"
                            + port
                            + "/gsma/rsp2/"
                            + (es2 ? "es2plus/" : "es9plus/")
                            + function),
                    Map.of(
                        "Content-Type", "application/json", "X-Admin-Protocol", "gsma/rsp/v2.2.0"),
                    body,
                    function);
        if (wasCut) {
          synchronized (this) {
            interrupted++;
            if (resp.status() == 204
                || (resp.status() == 200
                    && new String(resp.body(), StandardCharsets.UTF_8)
                        .contains("Executed-Success"))) {
              resumedSame++;
            }
          }
        }
        if (cut != null) {
          cut[0] = wasCut;
        }
        return resp;
      } catch (RspHttpException e) {
        wasCut = true;
        synchronized (this) {
          while (generation == gen) {
            wait(1000);
            if (generation == gen && child != null && child.isAlive()) {
              break; // not a kill: a transient error, retry on the same child
            }
          }
        }
      }
    }
  }

  public static void main(String[] args) throws Exception {
    int kills = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261207L;
    Path work = Files.createTempDirectory("crash-campaign");
    long start = System.nanoTime();
    Result r = run(kills, seed, work, System.out);
    System.out.println(r.summary());
    System.out.printf("%.0f s, state in %s%n", (System.nanoTime() - start) / 1e9, work);
    System.exit(r.violations().isEmpty() ? 0 : 1);
  }
}
