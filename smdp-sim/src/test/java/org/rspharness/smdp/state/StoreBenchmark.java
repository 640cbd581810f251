package org.rspharness.smdp.state;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Role;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.euicc.testkit.EuiccPeer;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.order.Order;

/**
 * What the state store costs the SM-DP+ per download, in CPU time (not wall clock): whole downloads
 * (initiateAuthentication, authenticateClient, getBoundProfilePackage, handleNotification) through
 * the HTTP endpoints, {@code C} at a time (each with its own eUICC), without a store and with each
 * engine on a fresh database. Prints per download: the store writer thread's CPU, the commits and
 * the commits flushed to the disk, and the process CPU. Not a test:
 *
 * <pre>java -cp ... org.rspharness.smdp.state.StoreBenchmark [DOWNLOADS (400)] [C (1)]</pre>
 */
public final class StoreBenchmark {

  private StoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int c = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Path dir = Files.createTempDirectory("store-bench");
    String pg = System.getenv("RSP_HARNESS_PG_URL");
    int[] run = {0};
    Supplier<String> sqlite = () -> "jdbc:sqlite:" + dir.resolve("s" + run[0]++ + ".db");
    for (int round = 0; round < 2; round++) {
      report(round, "none", n, c, () -> null);
      report(round, "SQLite", n, c, () -> JdbcStateStore.open(sqlite.get(), null, null));
      report(
          round,
          "SQLite fsync all",
          n,
          c,
          () -> JdbcStateStore.open(sqlite.get(), null, null).fsyncAlways(true));
      report(
          round,
          "H2",
          n,
          c,
          () -> JdbcStateStore.open("jdbc:h2:" + dir.resolve("h" + run[0]++), null, null));
      if (pg != null) {
        report(round, "PostgreSQL", n, c, () -> JdbcStateStore.open(pg, null, null));
      }
    }
  }

  private static void report(
      int round, String engine, int n, int c, Supplier<JdbcStateStore> store) {
    try {
      Result r = run(n, c, store);
      System.out.printf(
          "round %d %-17s C=%d  process %.3f ms CPU/download  store writer %.3f ms CPU/download"
              + "  commits %.2f/download (%.2f fsynced)%n",
          round, engine, c, r.processMs, r.writerMs, r.commits, r.fsyncs);
    } catch (RuntimeException | InterruptedException | AssertionError x) {
      System.out.printf("round %d %-17s failed: %s%n", round, engine, x);
    }
  }

  record Result(double processMs, double writerMs, double commits, double fsyncs) {}

  /** {@code n} downloads, {@code c} at a time, after {@code c * 10} unmeasured ones. */
  static Result run(int n, int c, Supplier<JdbcStateStore> store) throws InterruptedException {
    int warm = c * 10;
    SmdpFixture f = new SmdpFixture();
    f.quiet = true;
    f.overHttp = true;
    JdbcStateStore s = store.get();
    f.state = s;
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < n + warm; i++) {
      orders.add(SmdpFixture.released(iccid(i), "B-" + i).build());
    }
    f.start(orders.toArray(Order[]::new));
    String dpPbOid =
        CertFacts.registeredIds(SmdpFixture.PKI.credential(Role.DP_PB, f.curve).certificate())
            .get(0);
    RspHttpHandler es9 = f.smdp.es9Endpoint();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = ManagementFactory.getThreadMXBean();
    AtomicInteger next = new AtomicInteger();
    long[] at = new long[4];
    Runnable measureStart =
        () -> {
          at[0] = os.getProcessCpuTime();
          at[1] = writerCpu(threads);
          at[2] = s == null ? 0 : s.commits();
          at[3] = s == null ? 0 : s.fsyncedCommits();
        };
    downloads(f, es9, dpPbOid, c, next, warm);
    measureStart.run();
    downloads(f, es9, dpPbOid, c, next, warm + n);
    double process = (os.getProcessCpuTime() - at[0]) / 1e6 / n;
    double writer = (writerCpu(threads) - at[1]) / 1e6 / n;
    double commits = s == null ? 0 : (s.commits() - at[2]) / (double) n;
    double fsyncs = s == null ? 0 : (s.fsyncedCommits() - at[3]) / (double) n;
    f.smdp.close();
    return new Result(process, writer, commits, fsyncs);
  }

  private static String iccid(int i) {
    return String.format("89490000000006%04d", i);
  }

  /** Downloads until {@code next} reaches {@code until}, on {@code c} threads. */
  private static void downloads(
      SmdpFixture f, RspHttpHandler es9, String dpPbOid, int c, AtomicInteger next, int until)
      throws InterruptedException {
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < c; t++) {
      EuiccPeer euicc =
          SmdpFixture.peer(SmdpFixture.PKI, f.curve, 100 + t + next.get(), SmdpFixture.CARD_CLOCK);
      Thread w =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement(); i < until; i = next.getAndIncrement()) {
                  download(euicc, es9, dpPbOid, i);
                }
              });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
  }

  private static void download(EuiccPeer euicc, RspHttpHandler es9, String dpPbOid, int i) {
    euicc.matchingId = "B-" + i;
    InitiateAuthenticationResponse ia =
        call(
            es9,
            "initiateAuthentication",
            new InitiateAuthenticationRequest(
                euicc.challenge(), euicc.euiccInfo1(), SmdpAddress.of(SmdpFixture.HOST)),
            InitiateAuthenticationResponse.class);
    byte[] asr = euicc.authenticateServer(ia);
    AuthenticateClientResponseEs9 ac =
        call(
            es9,
            "authenticateClient",
            new AuthenticateClientRequest(ia.transactionId(), asr),
            AuthenticateClientResponseEs9.class);
    if (!ac.header().executed()) {
      throw new IllegalStateException("authenticateClient: " + ac.header());
    }
    byte[] pdr = euicc.prepareDownload(ac, asr, null);
    es9.handle(
        SmdpFixture.post(
            "/gsma/rsp2/es9plus/getBoundProfilePackage",
            SmdpFixture.json(new GetBoundProfilePackageRequest(ac.transactionId(), pdr))));
    byte[] pir =
        euicc.profileInstallationResult(
            ac.transactionId().bytes(),
            Iccid.withCheckDigit(iccid(i)),
            dpPbOid,
            true,
            SmdpFixture.HOST);
    es9.handle(
        SmdpFixture.post(
            "/gsma/rsp2/es9plus/handleNotification",
            SmdpFixture.json(new HandleNotification(pir))));
  }

  private static <T> T call(RspHttpHandler h, String function, Object request, Class<T> answer) {
    return RspJson.lenient()
        .read(
            h.handle(SmdpFixture.post("/gsma/rsp2/es9plus/" + function, SmdpFixture.json(request)))
                .body(),
            answer);
  }

  private static long writerCpu(java.lang.management.ThreadMXBean threads) {
    long cpu = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("smdp-state-writer") && t.isAlive()) {
        cpu += threads.getThreadCpuTime(t.getId());
      }
    }
    return cpu;
  }
}
