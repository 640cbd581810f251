package org.rspharness.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Set;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.random.RandomSource;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.EuiccConfig;
import org.rspharness.euicc.EuiccIdentity;
import org.rspharness.load.EuiccFactory;

/**
 * Heap per idle virtual eUICC, measured: issues N distinct identities from a generated PKI's EUM
 * (as {@code load} does), keeps them, then builds an {@code Euicc} on each and keeps those too; the
 * live heap after a full GC before and after each step, divided by N, is the cost of one idle
 * eUICC; times 10^6 is what a million would need. {@code bench/idle-euiccs [N]} (default 5000).
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
    TestPki pki =
        TestPki.builder()
            .random(RandomSource.seeded(2026))
            .smdpHost("testsmdpplus1.example.com")
            .curves(Set.of(Curve.NIST_P256))
            .build();
    EuiccFactory factory = new EuiccFactory(pki, Set.of(Curve.NIST_P256), 5);
    factory.identity(0); // classes loaded, caches warm
    long base = live();
    EuiccIdentity[] ids = new EuiccIdentity[n];
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ids[i] = factory.identity(i);
    }
    double issue = (System.nanoTime() - t0) / 1e9;
    long withIds = live();
    Euicc[] cards = new Euicc[n];
    for (int i = 0; i < n; i++) {
      cards[i] =
          Euicc.builder(ids[i])
              .config(EuiccConfig.defaults().withCurves(Set.of(Curve.NIST_P256)))
              .build();
    }
    long withCards = live();
    double perId = (withIds - base) / (double) n;
    double perCard = (withCards - withIds) / (double) n;
    System.out.printf(
        Locale.ROOT,
        "%d idle eUICCs (identities issued in %.1f s):%n"
            + "  identity (EID, CERT.EUICC, SK.EUICC)   %8.0f bytes each%n"
            + "  Euicc object on it (card, state)        %8.0f bytes each%n"
            + "  total                                   %8.0f bytes each -> 10^6 eUICCs: %.2f GiB"
            + " of heap%n",
        n,
        issue,
        perId,
        perCard,
        perId + perCard,
        (perId + perCard) * 1e6 / (1L << 30));
    if (cards[n - 1] == null || ids[0] == null) {
      throw new IllegalStateException("kept");
    }
  }
}
