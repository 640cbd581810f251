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

  @Test
  void initCreatesACardFileNamingItsPki(@TempDir Path dir) {
    Path pki = dir.resolve("pki");
    PkiDirectory.write(TestPki.builder().random(RandomSource.seeded(5)).build(), pki);
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
        .isEqualTo(1);
    assertThat(err.toString()).contains("exists");
  }

  @Test
  void serveRequiresOneVpcdMode(@TempDir Path dir) {
    CommandLine cl = EuiccCommand.commandLine(PkiDirectory::load);
    cl.setErr(new PrintWriter(new StringWriter()));
    assertThat(cl.execute("serve", "--state", dir.resolve("x.json").toString())).isEqualTo(2);
  }
}
