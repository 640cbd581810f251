package org.rspharness.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.NativeEc;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.net.ClientTransport;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.transport.NettyClientTransport;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.load.EuiccFactory;
import org.rspharness.load.LoadKpis;
import org.rspharness.lpa.ConsentHook;
import org.rspharness.lpa.DownloadResult;
import org.rspharness.lpa.Lpa;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es9.Es9PlusClient;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.bpp.PackageTemplate;
import org.rspharness.smdp.bpp.ProfilePackages;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderMetadata;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.transport.SmdpServer;

/**
 * The realistic set-up of issue 11, in one process: the SM-DP+ server over loopback TLS (as {@code
 * smdp serve}) with orders of the 12 KB TS.48 v2 profile ({@code
 * ../shared/reference/profiles/TS48v2_SAIP2.1_BERTLV.der}, or {@code --profile FILE}; without it a
 * generated package of the same size and shape), and a fleet of distinct eUICCs issued from the
 * PKI's EUM, each download on its own TLS connection with a factory-fresh eUICC of its device, the
 * real LPA (APDU level, events to a KPI sink as {@code load} has them) and the install
 * notification. CPU is read per thread (ThreadMXBean): device side = the LPA threads (bench-lpa-*)
 * and the client I/O threads (bench-client-io-*); SM-DP+ = the rest of the process (server I/O and
 * workers, GC and JIT: pessimistic for the SM-DP+), so another program on the machine skews these
 * figures far less than downloads per second.
 */
final class RealisticBench {

  static final String HOST = "testsmdpplus1.example.com";
  static final String TS48 = "TS48v2_SAIP2.1_BERTLV.der";

  private RealisticBench() {}

  /** The package: the given or reference TS.48 file, else a generated one of the same size. */
  static byte[] profile(String given, StringBuilder said) throws Exception {
    Path file =
        given != null ? Path.of(given) : Path.of("..", "shared", "reference", "profiles", TS48);
    if (Files.isRegularFile(file)) {
      byte[] upp = ProfilePackages.read(file);
      said.append(file.getFileName()).append(" (").append(upp.length).append(" bytes)");
      return upp;
    }
    if (given != null) {
      throw new IllegalArgumentException("--profile " + given + ": no such file");
    }
    byte[] upp = generated(12_257);
    said.append("generated, ")
        .append(upp.length)
        .append(" bytes (")
        .append(TS48)
        .append(" absent)");
    return upp;
  }

  /**
   * A package of {@code size} bytes shaped like TS.48: ProfileHeader, PE-MF, a PE
   * genericFileManagement holding file contents (fillFileContent blocks of 1000 bytes), PE-End.
   */
  static byte[] generated(int size) {
    byte[] minimal = ProfilePackages.minimal(Iccid.withCheckDigit("890000000000000000"), "bench");
    int end = lastTlvStart(minimal);
    int fill = size - minimal.length;
    byte[] pe = genericFileManagement(Math.max(0, fill));
    // adjust for the length fields' own size
    for (int i = 0; i < 8 && minimal.length + pe.length != size; i++) {
      fill += size - (minimal.length + pe.length);
      pe = genericFileManagement(Math.max(0, fill));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(minimal, 0, end);
    out.writeBytes(pe);
    out.write(minimal, end, minimal.length - end);
    byte[] upp = out.toByteArray();
    ProfilePackages.decode(upp); // it must decode
    return upp;
  }

  private static byte[] genericFileManagement(int target) {
    // content: SEQUENCE { filePath '3F00' ; fillFileContent blocks }
    ByteArrayOutputStream files = new ByteArrayOutputStream();
    files.writeBytes(tlv(0x80, new byte[0]));
    RandomSource r = RandomSource.seeded(48);
    int left = Math.max(0, target - 40);
    while (left > 0) {
      int n = Math.min(1000, Math.max(1, left - 4));
      files.writeBytes(tlv(0x81, r.bytes(n)));
      left -= n + 4;
    }
    byte[] header = tlv(0xA0, tlv(0x81, new byte[] {2}));
    return tlv(0xA1, concat(header, tlv(0x30, files.toByteArray())));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n & 0xFF);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  /** Offset of the last top-level TLV (single-byte tags, as the PEs here have). */
  private static int lastTlvStart(byte[] b) {
    int at = 0;
    int last = 0;
    while (at < b.length) {
      last = at;
      int len = b[at + 1] & 0xFF;
      int head = 2;
      if (len > 0x80) {
        int k = len & 0x7F;
        len = 0;
        for (int i = 0; i < k; i++) {
          len = (len << 8) | (b[at + 2 + i] & 0xFF);
        }
        head += k;
      }
      at += head + len;
    }
    return last;
  }

  static DownloadBench.Result run(
      int seconds, int warmup, int clients, int devices, String profileFile, Curve curve)
      throws Exception {
    // brainpool: the eUICCs offer only the brainpool CI, the SM-DP+ serves it on its brainpool
    // port (Bouncy Castle JSSE on both sides: BoringSSL has no brainpool); the server still needs
    // its NIST credentials for the NIST port
    boolean nist = curve == Curve.NIST_P256;
    int n = clients > 0 ? clients : 8;
    StringBuilder said = new StringBuilder();
    byte[] upp = profile(profileFile, said);
    PackageTemplate template = PackageTemplate.of(upp);
    TestPki pki =
        TestPki.builder()
            .random(RandomSource.seeded(2026))
            .smdpHost(HOST)
            .curves(nist ? Set.of(Curve.NIST_P256) : Set.of(Curve.NIST_P256, curve))
            .build();
    int profiles = (seconds + warmup) * 1500 + 2000;
    List<Order> orders = new ArrayList<>(profiles);
    for (int i = 0; i < profiles; i++) {
      Iccid iccid = Iccid.withCheckDigit(String.format(Locale.ROOT, "894900%012d", i));
      orders.add(
          Order.builder(iccid, "TS.48")
              .state(ProfileState.RELEASED)
              .matchingId(MatchingId.of(matchingId(i)))
              .metadata(OrderMetadata.of("RSP Harness", "bench"))
              .profilePackage(() -> template.withIccid(iccid))
              .build());
    }
    SmdpSimulator smdp = SmdpSimulator.builder(pki, HOST).orders(orders).build();
    SmdpServer server =
        SmdpServer.start(
            pki,
            nist
                ? SmdpServer.Config.es9Only(HOST, 0)
                : SmdpServer.Config.es9Only(HOST, 0).withBrainpoolPort(0),
            smdp.es9Endpoint(),
            smdp.es2Endpoint(),
            new SimpleMeterRegistry(),
            EventLog.disabled());
    int port = server.es9Port(curve).orElseThrow();
    long t0 = System.nanoTime();
    EuiccFactory factory = new EuiccFactory(pki, Set.of(curve), 11);
    List<EuiccIdentity> fleet = new ArrayList<>(devices);
    for (int i = 0; i < devices; i++) {
      fleet.add(factory.identity(i));
    }
    System.out.printf(
        Locale.ROOT,
        "[realistic] %s; profile %s; template patches the ICCID: %s%n[realistic] %d distinct"
            + " eUICCs issued from the EUM in %.1f s%n[realistic] %s%n",
        curve,
        said,
        template.patches(),
        devices,
        (System.nanoTime() - t0) / 1e9,
        NativeEc.description());
    ClientTransport clientIo = NettyClientTransport.create(1, "bench-client-io");
    // the device side's events as `load` has them: every event to a KPI accumulator
    EventLog events = EventLog.system();
    LoadKpis kpis = LoadKpis.attach(events, false);
    Es9PlusClient.Config es9Config =
        Es9PlusClient.Config.defaults(List.of(pki.ci(curve).certificate()))
            .withResolve(Map.of(HOST, "127.0.0.1"))
            .withTls(
                org.rspharness.core.transport.tls.TlsOptions.sgp22()
                    .withEngine(
                        !nist
                                || System.getProperty("bench.client.tls", "boringssl")
                                    .equals("bcjsse")
                            ? org.rspharness.core.transport.tls.TlsEngine.BCJSSE
                            : org.rspharness.core.transport.tls.TlsEngine.BORINGSSL));
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int thread = t;
      Thread th =
          new Thread(
              () -> {
                try {
                  for (long k = 0; !stopping && failure.get() == null; k++) {
                    long i = next.getAndIncrement();
                    if (i >= profiles) {
                      throw new IllegalStateException("out of profiles: raise the estimate");
                    }
                    // thread t owns devices t, t + n, ...: one download at a time per device
                    int device = (int) ((thread + k * n) % devices);
                    String name = "dev" + device;
                    Euicc euicc =
                        Euicc.builder(fleet.get(device))
                            .config(EuiccConfig.defaults().withCurves(Set.of(curve)))
                            .build();
                    Es10Client es10 =
                        new Es10Client(
                            euicc,
                            events,
                            new Es10Client.Options(
                                Es10Client.Options.defaults().blockSize(), "lpa/" + name));
                    try (Es9PlusClient es9 = new Es9PlusClient(es9Config, events, clientIo)) {
                      Lpa lpa = new Lpa(es10, es9, events, Lpa.Config.defaults());
                      DownloadResult r =
                          lpa.download(
                              ActivationCode.parse(
                                  "LPA:1$" + HOST + ":" + port + "$" + matchingId(i)),
                              null,
                              ConsentHook.ACCEPT_ALL);
                      if (!r.installed()) {
                        throw new IllegalStateException("download " + i + ": " + r.describe());
                      }
                    }
                    done.incrementAndGet();
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              "bench-lpa-" + t);
      th.setDaemon(true);
      threads.add(th);
    }
    stopping = false;
    System.out.printf(
        Locale.ROOT,
        "[realistic] %d clients, %d s warm-up, %d s measured...%n",
        n,
        warmup,
        seconds);
    threads.forEach(Thread::start);
    DownloadBench.waitFor(warmup, failure);
    DownloadBench.Snapshot before = DownloadBench.Snapshot.take();
    long startCount = done.get();
    DownloadBench.waitFor(seconds, failure);
    DownloadBench.Snapshot after = DownloadBench.Snapshot.take();
    long endCount = done.get();
    stopping = true;
    for (Thread th : threads) {
      th.join(30_000);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("benchmark failed", failure.get());
    }
    clientIo.close();
    server.close();
    kpis.finish();
    DownloadBench.Result r =
        DownloadBench.Result.between("realistic", n, endCount - startCount, before, after);
    System.out.printf(
        Locale.ROOT,
        "[realistic] %.1f downloads/s; CPU per download: SM-DP+ %.3f ms, device side %.3f ms"
            + " (process %.3f ms); by thread group:%n",
        r.rate(),
        r.serverCpuPerDownload(),
        r.clientCpuMs() / r.downloads(),
        r.cpuPerDownload());
    r.printGroups();
    return r;
  }

  private static volatile boolean stopping;

  private static String matchingId(long i) {
    return String.format(Locale.ROOT, "REAL-%08d", i);
  }
}
