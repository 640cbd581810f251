package org.rspharness.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.random.RandomSource;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.load.EuiccFactory;

/**
 * Heap per idle virtual eUICC, measured: N distinct devices under a generated PKI's EUM (as {@code
 * load} makes them), each an {@code Euicc} on its identity, all kept; the live heap after a full GC
 * before and after, divided by N. Two ways to hold the identity: {@code issued} (certificates
 * issued and parsed up front) and {@code lazy} (the EID only; the same certificates issued when a
 * command first needs them, as {@code load} does). A sample of the lazy cards is then woken (their
 * credentials issued) to show they are whole devices.
 *
 * <p>{@code BENCH_MAIN=org.rspharness.bench.IdleEuiccs bench/run [N] [issued|lazy]}: run it with
 * the heap the target names ({@code BENCH_JAVA_OPTS=-Xmx2g}) and N = 1000000 to measure a million
 * rather than extrapolate.
 */
public final class IdleEuiccs {

  private IdleEuiccs() {}

  private static long live() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    boolean lazy = args.length > 1 && args[1].equals("lazy");
    TestPki pki =
        TestPki.builder()
            .random(RandomSource.seeded(2026))
            .smdpHost("testsmdpplus1.example.com")
            .curves(Set.of(Curve.NIST_P256))
            .build();
    EuiccFactory factory = new EuiccFactory(pki, Set.of(Curve.NIST_P256), 5);
    IntFunction<EuiccIdentity> identity = lazy ? factory::lazyIdentity : factory::identity;
    EuiccConfig config = EuiccConfig.defaults().withCurves(Set.of(Curve.NIST_P256));
    factory.identity(0); // classes loaded, caches warm
    long base = live();
    long t0 = System.nanoTime();
    Euicc[] cards = new Euicc[n];
    for (int i = 0; i < n; i++) {
      cards[i] = Euicc.builder(identity.apply(i)).config(config).build();
    }
    double made = (System.nanoTime() - t0) / 1e9;
    long withCards = live();
    double perCard = (withCards - base) / (double) n;
    System.out.printf(
        Locale.ROOT,
        "%d idle eUICCs, identities %s, made in %.1f s; heap max %d MiB%n"
            + "  live heap %.1f MiB -> %.1f MiB: %.0f bytes per idle eUICC -> 10^6 eUICCs: %.2f GiB%n",
        n,
        lazy ? "lazy (EID only, certificates issued on first use)" : "issued up front",
        made,
        Runtime.getRuntime().maxMemory() >> 20,
        base / 1048576.0,
        withCards / 1048576.0,
        perCard,
        perCard * 1e6 / (1L << 30));
    // wake a sample: each must issue its own certificate naming its own EID
    int step = Math.max(1, n / 5);
    for (int i = 0; i < n; i += step) {
      Euicc c = cards[i];
      String certEid =
          org.rspharness.core.pki.CertFacts.eid(
                  c.identity().credentials(Curve.NIST_P256).orElseThrow().euiccCertificate())
              .orElseThrow();
      if (!certEid.equals(c.eid().value()) || !certEid.equals(factory.eid(i).value())) {
        throw new IllegalStateException("device " + i + ": certificate names " + certEid);
      }
    }
    System.out.printf(
        Locale.ROOT, "  woken %d of them: each issued its own CERT.EUICC%n", (n + step - 1) / step);
  }
}
