package org.rspharness.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.rspharness.core.util.ExternalTools;
import org.rspharness.euicc.card.Card;
import org.rspharness.euicc.transport.pcsc.PcscCard;
import org.rspharness.euicc.transport.vpcd.VpcdClient;

/**
 * The real PC/SC stack for tests: Debian's pcscd with vsmartcard's vpcd driver, whose reader
 * {@value #READER} holds whatever card connects to vpcd's port. Started here when pcscd is not
 * running, once per test JVM and stopped when it exits (the JDK keeps its PC/SC context for the
 * JVM's life: a pcscd restarted under it answers SCARD_E_NO_SERVICE); the test is skipped without
 * the packages, and fails with {@code CI=true}.
 */
final class PcscStack {

  /** The first vpcd reader. */
  static final String READER = "Virtual PCD 00 00";

  private static final Path VPCD_DRIVER = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");
  private static final Path PCSCD_SOCKET = Path.of("/run/pcscd/pcscd.comm");
  private static final InetSocketAddress VPCD = new InetSocketAddress("127.0.0.1", 35963);

  private static Process pcscd;

  private PcscStack() {}

  /** pcscd running with vpcd (started if it was not). */
  static synchronized void start() throws IOException {
    boolean present = ExternalTools.onPath("pcscd") && Files.exists(VPCD_DRIVER);
    if (!present && ExternalTools.requiredHere()) {
      throw new AssertionError(
          "pcscd and vsmartcard-vpcd are not installed (CI=true: .ci/run installs them)");
    }
    Assumptions.assumeTrue(present, "pcscd / vsmartcard-vpcd not installed");
    if (pcscd == null && !Files.exists(PCSCD_SOCKET)) {
      Process p =
          new ProcessBuilder(ExternalTools.find("pcscd").toString(), "--foreground")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      pcscd = p;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    p.destroy();
                    try {
                      p.waitFor(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "pcscd-stop"));
      await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(PCSCD_SOCKET));
    }
  }

  /** Puts {@code card} into the vpcd reader; returns once pcscd sees it there. */
  private static final byte[] SELECT_ISD_R =
      org.rspharness.core.util.Hex.decode("00A4040010A0000005591010FFFFFFFF890000010000");

  private static boolean answers() throws javax.smartcardio.CardException {
    try (PcscCard c = PcscCard.open(READER)) {
      return c.transmit(SELECT_ISD_R).length >= 2;
    }
  }

  static VpcdClient insert(Card card) throws IOException {
    VpcdClient vpcd = VpcdClient.connect(VPCD, card);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> PcscCard.describeReaders().contains(READER + "  (card present)"));
    // the first exchange after pcscd (re)started can fail inside the PC/SC stack; the card is
    // ready once a harmless SELECT of the ISD-R on the basic channel gets a status word
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(PcscStack::answers);
    return vpcd;
  }
}
