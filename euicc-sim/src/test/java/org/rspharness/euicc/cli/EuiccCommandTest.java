package org.rspharness.euicc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.random.RandomSource;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.store.FileStateStore;
import picocli.CommandLine;

/** {@code euicc init} writes a card file that {@code serve} can open with nothing else. */
class EuiccCommandTest {

  private static final TestPki PKI = TestPki.builder().random(RandomSource.seeded(5)).build();

  private static Path pki(Path dir) {
    Path pki = dir.resolve("pki");
    PkiDirectory.write(PKI, pki);
    return pki;
  }

  @Test
  void initCreatesACardFileNamingItsPki(@TempDir Path dir) {
    Path pki = pki(dir);
    Path state = dir.resolve("card.json");
    CommandLine cl = EuiccCommand.commandLine(PkiDirectory::load);
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    int code =
        cl.execute(
            "init", "--pki", pki.toString(), "--curve", "brainpool", "--state", state.toString());
    assertThat(code).isZero();
    assertThat(out.toString()).contains("EID 89049032123451234512345678901235 curves BRP");
    var saved = new FileStateStore(state).load().orElseThrow();
    assertThat(saved.setup().curves()).containsExactly("BRP");
    Euicc card = EuiccCommand.open(PkiDirectory::load, state);
    assertThat(card.identity().curves()).containsExactly(Curve.BRAINPOOL_P256R1);

    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute("init", "--pki", pki.toString(), "--state", state.toString()))
        .as("bad input: the file exists")
        .isEqualTo(2);
    assertThat(err.toString()).contains("exists");
  }

  @Test
  void serveListensForVpcdAndAnswersWithTheCard(@TempDir Path dir) throws Exception {
    Path pki = pki(dir);
    Path state = dir.resolve("card.json");
    CommandLine init = EuiccCommand.commandLine(PkiDirectory::load);
    init.setOut(new PrintWriter(new StringWriter()));
    assertThat(init.execute("init", "--pki", pki.toString(), "--state", state.toString())).isZero();

    StringWriter out = new StringWriter();
    CommandLine cl = EuiccCommand.commandLine(PkiDirectory::load);
    cl.setOut(new PrintWriter(out, true));
    java.util.concurrent.atomic.AtomicInteger code =
        new java.util.concurrent.atomic.AtomicInteger(-1);
    Thread serving =
        new Thread(
            () ->
                code.set(
                    cl.execute(
                        "serve",
                        "--state",
                        state.toString(),
                        "--vpcd-listen",
                        "127.0.0.1:0",
                        "--max-seconds",
                        "3")));
    serving.start();
    java.util.regex.Pattern listening =
        java.util.regex.Pattern.compile("listening for vpcd on .*:(\\d+)");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> listening.matcher(out.toString()).find());
    java.util.regex.Matcher m = listening.matcher(out.toString());
    assertThat(m.find()).isTrue();
    int port = Integer.parseInt(m.group(1));
    byte[] atr;
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.getOutputStream().write(new byte[] {0, 1, 0x04});
      java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
      int len = in.readUnsignedShort();
      atr = new byte[len];
      in.readFully(atr);
    }
    assertThat(atr).isEqualTo(EuiccCommand.open(PkiDirectory::load, state).atr());
    serving.join(10_000);
    assertThat(code.get()).isZero();
  }

  @Test
  void serveRequiresOneVpcdMode(@TempDir Path dir) {
    CommandLine cl = EuiccCommand.commandLine(PkiDirectory::load);
    cl.setErr(new PrintWriter(new StringWriter()));
    assertThat(cl.execute("serve", "--state", dir.resolve("x.json").toString())).isEqualTo(2);
  }
}
