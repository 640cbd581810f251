package org.rspharness.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.net.ClientTransport;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.NettyClientTransport;
import org.rspharness.core.transport.tls.TlsOptions;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.euicc.testkit.LightEuicc;
import org.rspharness.lpa.ConsentHook;
import org.rspharness.lpa.DownloadOutcome;
import org.rspharness.lpa.DownloadResult;
import org.rspharness.lpa.Lpa;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es9.Es9Plus;
import org.rspharness.lpa.es9.Es9PlusClient;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.transport.SmdpServer;

/**
 * Issue 6 load benchmark: full downloads per second and CPU per download (initiateAuthentication,
 * authenticateClient, getBoundProfilePackage, handleNotification), NIST P-256, in three set-ups.
 *
 * <ul>
 *   <li>{@code smdp}: the SM-DP+ server behind loopback TLS (BoringSSL, as {@code smdp serve}),
 *       driven by {@link LightEuicc} clients (euicc-sim's test kit: the real eUICC's messages of
 *       one download, re-signed per download by one of many eUICCs), so the SM-DP+'s CPU is what is
 *       measured. SM-DP+ CPU = process CPU minus the CPU of the client threads (bench-lpa-*,
 *       bench-client-io-*): GC and JIT of the whole process are charged to the SM-DP+
 *       (pessimistic). The clients sign as {@code --euiccs} distinct eUICCs (default 5000, more
 *       than the SM-DP+'s caches hold).
 *   <li>{@code tls}: SM-DP+ server + real LPA + real eUICC (APDU level) in one process over
 *       loopback TLS; every download a fresh eUICC (same identity) on an LPA that keeps its
 *       connection.
 *   <li>{@code memory}: the same without sockets and TLS: the LPA's JSON goes into the SM-DP+'s
 *       HTTP handler.
 * </ul>
 *
 * <p>Not a test: run it with {@code bench/run} (see that script). Options: {@code --mode
 * smdp|tls|memory|all}, {@code --seconds N} measured, {@code --warmup N}, {@code --clients N}
 * concurrent downloads, {@code --fresh-connections} (a new TLS connection per download), {@code
 * --euiccs N} (smdp mode).
 */
public final class DownloadBench {

  private static final String HOST = "testsmdpplus1.example.com";

  record Result(
      String mode,
      int clients,
      long downloads,
      double seconds,
      double processCpuMs,
      double clientCpuMs,
      Map<String, Double> cpuByThreadGroup,
      Map<String, Long> allocatedByThreadGroup,
      double gcPauseMs) {
    double rate() {
      return downloads / seconds;
    }

    double cpuPerDownload() {
      return processCpuMs / downloads;
    }

    double serverCpuPerDownload() {
      return (processCpuMs - clientCpuMs) / downloads;
    }

    /** The result between two snapshots; client CPU = the bench-* thread groups. */
    static Result between(
        String mode, int clients, long downloads, Snapshot before, Snapshot after) {
      Map<String, Double> groups = after.minus(before);
      double clientCpu =
          groups.entrySet().stream()
              .filter(e -> e.getKey().startsWith("bench-"))
              .mapToDouble(Map.Entry::getValue)
              .sum();
      return new Result(
          mode,
          clients,
          downloads,
          (after.wallNanos - before.wallNanos) / 1e9,
          (after.processCpuNanos - before.processCpuNanos) / 1e6,
          clientCpu,
          groups,
          after.allocatedMinus(before),
          (after.gcMillis - before.gcMillis));
    }

    /** Heap bytes allocated per download by the bench-* threads (the device side). */
    double clientBytesPerDownload() {
      return allocatedByThreadGroup.entrySet().stream()
              .filter(e -> e.getKey().startsWith("bench-"))
              .mapToLong(Map.Entry::getValue)
              .sum()
          / (double) downloads;
    }

    /** Heap bytes allocated per download by all other threads (the SM-DP+). */
    double serverBytesPerDownload() {
      return allocatedByThreadGroup.entrySet().stream()
              .filter(e -> !e.getKey().startsWith("bench-"))
              .mapToLong(Map.Entry::getValue)
              .sum()
          / (double) downloads;
    }

    /** CPU ms per download of each thread group, then what no thread accounts for. */
    void printGroups() {
      double threadSum = 0;
      for (Map.Entry<String, Double> e : new TreeMap<>(cpuByThreadGroup).entrySet()) {
        threadSum += e.getValue();
        if (e.getValue() / downloads >= 0.001) {
          System.out.printf(
              Locale.ROOT, "    %-40s %8.3f ms/dl%n", e.getKey(), e.getValue() / downloads);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "    %-40s %8.3f ms/dl%n",
          "(GC, JIT, other VM threads)",
          (processCpuMs - threadSum) / downloads);
      System.out.printf(
          Locale.ROOT,
          "    heap allocated per download: SM-DP+ %.1f KB, device side %.1f KB;"
              + " GC pauses %.3f ms/dl (wall)%n",
          serverBytesPerDownload() / 1024,
          clientBytesPerDownload() / 1024,
          gcPauseMs / downloads);
    }
  }

  private final int seconds;
  private final int warmup;
  private final int clients;
  private final boolean freshConnections;
  private int euiccCount = 5000;
  private final TestPki pki;
  private final EuiccIdentity identity;

  private DownloadBench(int seconds, int warmup, int clients, boolean fresh) {
    this.seconds = seconds;
    this.warmup = warmup;
    this.clients = clients;
    this.freshConnections = fresh;
    this.pki =
        TestPki.builder()
            .random(RandomSource.seeded(2026))
            .smdpHost(HOST)
            .curves(Set.of(Curve.NIST_P256))
            .build();
    this.identity = EuiccIdentity.from(pki, Set.of(Curve.NIST_P256));
  }

  public static void main(String[] args) throws Exception {
    String mode = "all";
    int seconds = 20;
    int warmup = 15;
    int clients = 0;
    boolean fresh = false;
    int euiccs = 5000;
    int devices = 400;
    String profile = null;
    Curve curve = Curve.NIST_P256;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mode" -> mode = args[++i];
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--fresh-connections" -> fresh = true;
        case "--euiccs" -> euiccs = Integer.parseInt(args[++i]);
        case "--devices" -> devices = Integer.parseInt(args[++i]);
        case "--profile" -> profile = args[++i];
        case "--curve" ->
            curve =
                switch (args[++i]) {
                  case "nist" -> Curve.NIST_P256;
                  case "brainpool" -> Curve.BRAINPOOL_P256R1;
                  default ->
                      throw new IllegalArgumentException(
                          "--curve " + args[i] + ": expected nist or brainpool");
                };
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    DownloadBench bench = new DownloadBench(seconds, warmup, clients, fresh);
    bench.euiccCount = euiccs;
    List<Result> results = new ArrayList<>();
    for (String m : mode.equals("all") ? List.of("smdp", "tls", "memory") : List.of(mode)) {
      results.add(
          m.equals("realistic")
              ? RealisticBench.run(seconds, warmup, clients, devices, profile, curve)
              : bench.run(m));
    }
    System.out.printf(
        Locale.ROOT,
        "%nJava %s, %d CPUs, heap max %d MB%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(
        Locale.ROOT,
        "load average now: %s (other processes on the machine skew dl/s; cpu ms/dl less so)%n",
        loadAverage());
    System.out.printf(
        Locale.ROOT,
        "%-7s %7s %9s %12s %14s %14s %16s%n",
        "mode",
        "clients",
        "dl/s",
        "cpu ms/dl",
        "smdp ms/dl",
        "client ms/dl",
        "cpu-bound dl/s");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "%-7s %7d %9.1f %12.3f %14s %14.3f%n",
          r.mode(),
          r.clients(),
          r.rate(),
          r.cpuPerDownload(),
          r.mode().equals("smdp") || r.mode().equals("realistic")
              ? String.format(Locale.ROOT, "%.3f", r.serverCpuPerDownload())
              : "-",
          r.clientCpuMs() / r.downloads());
    }
    System.exit(0);
  }

  private Result run(String mode) throws Exception {
    int n = clients > 0 ? clients : mode.equals("memory") ? 2 : mode.equals("smdp") ? 16 : 8;
    // Enough Released profiles for the whole run at up to 2500 downloads/s.
    int profiles = (seconds + warmup) * (mode.equals("smdp") ? 2500 : 1200) + 1000;
    Path dir = Files.createTempDirectory("rsp-bench");
    List<Iccid> iccids = new ArrayList<>(profiles);
    SmdpSimulator.Builder builder = SmdpSimulator.builder(pki, HOST);
    // The YAML reader refuses documents above 3 M characters: several inventory files.
    for (int from = 0; from < profiles; from += 10_000) {
      StringBuilder yaml = new StringBuilder(10_000 * 160).append("profiles:\n");
      for (int i = from; i < Math.min(profiles, from + 10_000); i++) {
        Iccid iccid = Iccid.withCheckDigit(String.format(Locale.ROOT, "894900%012d", i));
        iccids.add(iccid);
        yaml.append("  - iccid: \"")
            .append(iccid.value())
            .append("\"\n    profileType: bench\n    state: Released\n    matchingId: ")
            .append(matchingId(i))
            .append("\n    metadata: {serviceProviderName: RSP Harness, profileName: bench}\n");
      }
      Path inventory = Files.writeString(dir.resolve("inventory.yaml"), yaml);
      builder.inventory(inventory);
      Files.delete(inventory);
    }
    Files.delete(dir);
    SmdpSimulator smdp = builder.build();
    SmdpServer server =
        mode.equals("memory")
            ? null
            : SmdpServer.start(
                pki,
                SmdpServer.Config.es9Only(HOST, 0),
                smdp.es9Endpoint(),
                smdp.es2Endpoint(),
                new SimpleMeterRegistry(),
                EventLog.disabled());
    int port = server == null ? 443 : server.es9Port(Curve.NIST_P256).orElseThrow();
    SmdpAddress address = SmdpAddress.of(HOST + ":" + port);
    ClientTransport clientIo = NettyClientTransport.create(1, "bench-client-io");

    // The light eUICC's templates: one real download in memory.
    LightEuicc light = null;
    if (mode.equals("smdp")) {
      RecordingEs9 recorder = new RecordingEs9(new InMemoryEs9(smdp.es9Endpoint()));
      DownloadResult r = realDownload(recorder, address, matchingId(profiles - 1));
      if (r.outcome() != DownloadOutcome.INSTALLED) {
        throw new IllegalStateException("template download failed: " + r.describe());
      }
      long t0 = System.nanoTime();
      List<LightEuicc.Identity> many =
          ManyEuiccs.issue(
              pki.credential(Role.EUICC, Curve.NIST_P256).certificate(),
              pki.credential(Role.EUM, Curve.NIST_P256).requirePrivateKey(),
              euiccCount,
              RandomSource.seeded(6));
      System.out.printf(
          Locale.ROOT,
          "[smdp] %d eUICC certificates issued in %.1f s%n",
          many.size(),
          (System.nanoTime() - t0) / 1e9);
      light =
          new LightEuicc(
              recorder.initiate.euiccInfo1(),
              recorder.authenticate.authenticateServerResponse(),
              recorder.bpp.prepareDownloadResponse(),
              recorder.notification.pendingNotification(),
              many,
              RandomSource.secure());
    }

    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long limit = profiles - 1;
    stopping = false;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      final LightEuicc lightEuicc = light;
      Thread th =
          new Thread(
              () -> {
                Es9Plus es9 = null;
                try {
                  while (!stopping && failure.get() == null) {
                    long i = next.getAndIncrement();
                    if (i >= limit) {
                      throw new IllegalStateException("out of profiles: raise the estimate");
                    }
                    if (es9 == null) {
                      es9 =
                          mode.equals("memory")
                              ? new InMemoryEs9(smdp.es9Endpoint())
                              : newClient(clientIo);
                    }
                    if (lightEuicc != null) {
                      lightEuicc.download(es9, address, matchingId(i), iccids.get((int) i), i);
                    } else {
                      DownloadResult r = realDownload(es9, address, matchingId(i));
                      if (r.outcome() != DownloadOutcome.INSTALLED) {
                        throw new IllegalStateException("download " + i + ": " + r.describe());
                      }
                    }
                    done.incrementAndGet();
                    if (freshConnections && es9 instanceof Es9PlusClient c) {
                      c.close();
                      es9 = null;
                    }
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                } finally {
                  if (es9 instanceof Es9PlusClient c) {
                    c.close();
                  }
                }
              },
              "bench-lpa-" + t);
      th.setDaemon(true);
      threads.add(th);
    }
    System.out.printf(
        Locale.ROOT, "[%s] %d clients, %d s warm-up, %d s measured...%n", mode, n, warmup, seconds);
    threads.forEach(Thread::start);
    waitFor(warmup, failure);
    Snapshot before = Snapshot.take();
    long startCount = done.get();
    waitFor(seconds, failure);
    Snapshot after = Snapshot.take();
    long endCount = done.get();
    stopping = true;
    for (Thread th : threads) {
      th.join(30_000);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("benchmark failed", failure.get());
    }
    clientIo.close();
    if (server != null) {
      server.close();
    }
    Result r = Result.between(mode, n, endCount - startCount, before, after);
    System.out.printf(
        Locale.ROOT,
        "[%s] %.1f downloads/s, %.3f ms CPU/download (process), CPU ms by thread group:%n",
        mode,
        r.rate(),
        r.cpuPerDownload());
    r.printGroups();
    return r;
  }

  private static volatile boolean stopping;

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private Es9PlusClient newClient(ClientTransport io) {
    return new Es9PlusClient(
        Es9PlusClient.Config.defaults(List.of(pki.ci(Curve.NIST_P256).certificate()))
            .withResolve(Map.of(HOST, "127.0.0.1"))
            .withTls(TlsOptions.gcmOnly()),
        EventLog.disabled(),
        io);
  }

  private DownloadResult realDownload(Es9Plus es9, SmdpAddress address, String matchingId) {
    Euicc euicc =
        Euicc.builder(identity)
            .config(EuiccConfig.defaults().withCurves(Set.of(Curve.NIST_P256)))
            .build();
    EventLog events = EventLog.disabled();
    Lpa lpa = new Lpa(new Es10Client(euicc, events), es9, events, Lpa.Config.defaults());
    ActivationCode ac = ActivationCode.parse("LPA:1$" + address.value() + "$" + matchingId);
    return lpa.download(ac, null, ConsentHook.ACCEPT_ALL);
  }

  private static String matchingId(long i) {
    return String.format(Locale.ROOT, "BENCH-%08d", i);
  }

  static void waitFor(int secs, AtomicReference<Throwable> failure) throws InterruptedException {
    long end = System.nanoTime() + secs * 1_000_000_000L;
    while (System.nanoTime() < end && failure.get() == null) {
      Thread.sleep(100);
    }
  }

  /** Process and per-thread CPU at one instant. */
  static final class Snapshot {
    final long wallNanos;
    final long processCpuNanos;
    long gcMillis;
    final Map<Long, String> names = new HashMap<>();
    final Map<Long, Long> cpu = new HashMap<>();
    final Map<Long, Long> allocated = new HashMap<>();

    private Snapshot(long wall, long process) {
      this.wallNanos = wall;
      this.processCpuNanos = process;
    }

    static Snapshot take() {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      Snapshot s = new Snapshot(System.nanoTime(), os.getProcessCpuTime());
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        s.gcMillis += Math.max(0, gc.getCollectionTime());
      }
      for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
        if (info != null) {
          long c = mx.getThreadCpuTime(info.getThreadId());
          if (c >= 0) {
            s.names.put(info.getThreadId(), info.getThreadName());
            s.cpu.put(info.getThreadId(), c);
            if (mx instanceof com.sun.management.ThreadMXBean hot) {
              long a = hot.getThreadAllocatedBytes(info.getThreadId());
              if (a >= 0) {
                s.allocated.put(info.getThreadId(), a);
              }
            }
          }
        }
      }
      return s;
    }

    /** CPU ms per thread group (name without its trailing numbers) between two snapshots. */
    Map<String, Double> minus(Snapshot before) {
      Map<String, Double> out = new HashMap<>();
      for (Map.Entry<Long, Long> e : cpu.entrySet()) {
        long start = before.cpu.getOrDefault(e.getKey(), 0L);
        out.merge(group(names.get(e.getKey())), (e.getValue() - start) / 1e6, Double::sum);
      }
      return out;
    }

    /** Heap bytes allocated per thread group between two snapshots. */
    Map<String, Long> allocatedMinus(Snapshot before) {
      Map<String, Long> out = new HashMap<>();
      for (Map.Entry<Long, Long> e : allocated.entrySet()) {
        long start = before.allocated.getOrDefault(e.getKey(), 0L);
        out.merge(group(names.get(e.getKey())), e.getValue() - start, Long::sum);
      }
      return out;
    }

    private static String group(String threadName) {
      return threadName.replaceAll("[-_ ]?\\d+(-\\d+)*$", "");
    }
  }
}
