package org.rspharness.smdp.state;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.ids.Iccid;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.order.Order;

/**
 * What the state store costs the SM-DP+ per download: process CPU time for whole downloads
 * (initiateAuthentication, authenticateClient, getBoundProfilePackage, handleNotification, through
 * the HTTP endpoints) without a store and with each engine, one download at a time (the worst case
 * for group commit: one commit per request). Not a test: {@code java ... StoreBenchmark [N]}.
 */
public final class StoreBenchmark {

  private StoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    Path dir = Files.createTempDirectory("store-bench");
    List<String[]> engines = new ArrayList<>();
    engines.add(new String[] {"none", null});
    engines.add(new String[] {"SQLite", "jdbc:sqlite:" + dir.resolve("s.db")});
    engines.add(new String[] {"H2", "jdbc:h2:" + dir.resolve("h2")});
    String pg = System.getenv("RSP_HARNESS_PG_URL");
    if (pg != null) {
      engines.add(new String[] {"PostgreSQL (client side only)", pg});
    }
    for (int round = 0; round < 2; round++) {
      for (String[] e : engines) {
        Supplier<StateStore> store =
            e[1] == null ? () -> null : () -> JdbcStateStore.open(e[1], null, null);
        try {
          double ms = run(n, store, 60);
          System.out.printf("round %d %-10s %.3f ms CPU per download%n", round, e[0], ms);
        } catch (RuntimeException | AssertionError x) {
          System.out.printf("round %d %-10s failed: %s%n", round, e[0], x);
        }
      }
    }
  }

  /** Process CPU ms per download over {@code n} downloads (after {@code warm} unmeasured ones). */
  static double run(int n, Supplier<StateStore> store, int warm) {
    SmdpFixture f = new SmdpFixture();
    f.quiet = true;
    f.overHttp = true;
    f.state = store.get();
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < n + warm; i++) {
      orders.add(SmdpFixture.released(String.format("89490000000006%04d", i), "B-" + i).build());
    }
    f.start(orders.toArray(Order[]::new));
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = 0;
    for (int i = 0; i < n + warm; i++) {
      if (i == warm) {
        cpu0 = os.getProcessCpuTime();
      }
      f.euicc.matchingId = "B-" + i;
      AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
      if (!ac.header().executed()) {
        throw new IllegalStateException("authenticateClient: " + ac.header());
      }
      f.getBpp(ac, null);
      byte[] pir =
          f.euicc.profileInstallationResult(
              ac.transactionId().bytes(),
              Iccid.withCheckDigit(String.format("89490000000006%04d", i)),
              org.rspharness.core.pki.CertFacts.registeredIds(
                      SmdpFixture.PKI
                          .credential(org.rspharness.core.pki.Role.DP_PB, f.curve)
                          .certificate())
                  .get(0),
              true,
              SmdpFixture.HOST);
      f.smdp
          .es9Endpoint()
          .handle(
              SmdpFixture.post(
                  "/gsma/rsp2/es9plus/handleNotification",
                  SmdpFixture.json(new HandleNotification(pir))));
    }
    long cpu = os.getProcessCpuTime() - cpu0;
    if (f.state != null) {
      // the store's own share: its writer thread, and encoding what each request changed
      var threads = ManagementFactory.getThreadMXBean();
      long writer = 0;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals("smdp-state-writer") && t.isAlive()) {
          writer += threads.getThreadCpuTime(t.getId());
        }
      }
      Order o = f.smdp.orders().all().iterator().next();
      long t0 = threads.getCurrentThreadCpuTime();
      int reps = 20_000;
      for (int i = 0; i < reps; i++) {
        o.locked(() -> StateCodec.order(o.snapshot()));
      }
      long orderNs = (threads.getCurrentThreadCpuTime() - t0) / reps;
      System.out.printf(
          "  writer thread %.3f ms per download (all %d), order record encode %.1f us%n",
          writer / 1e6 / (n + warm), n + warm, orderNs / 1e3);
    }
    f.smdp.close();
    return cpu / 1e6 / n;
  }
}
