package org.rspharness.certs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.testsupport.ReferenceData;
import picocli.CommandLine;

/** The certs commands run in-process, as {@code rsp-harness certs ...} runs them. */
class CertsCommandTest {

  private record Run(int exit, String out, String err) {
    List<String> lines() {
      return Arrays.asList(out.split("\n"));
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CertsCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void generateWritesTheSgp26LayoutAndShowListsEveryCertificate(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("pki");
    Run gen =
        run(
            "generate",
            "--out",
            out.toString(),
            "--curve",
            "nist",
            "--seed",
            "11",
            "--valid-from",
            "2026-11-01T00:00:00Z",
            "--smdp-host",
            "smdp.example.net",
            "--variants");
    assertThat(gen.exit()).as(gen.err()).isZero();
    assertThat(gen.out())
        .isEqualTo(
            "wrote 8 certificates and 9 bad variants for secp256r1 to "
                + out
                + " (valid from 2026-11-01T00:00:00Z, EID 89049032123451234512345678901235, SM-DP+"
                + " smdp.example.net)\n");
    for (String f :
        List.of(
            "CertificateIssuer/CERT_CI_ECDSA_NIST.der",
            "CertificateIssuer/SK_CI_ECDSA_NIST.pem",
            "CertificateIssuer/CRL_CI_ECDSA_NIST.crl",
            "EUM/CERT_EUM_ECDSA_NIST.der",
            "eUICC/CERT_EUICC_ECDSA_NIST.der",
            "eUICC/SK_EUICC_ECDSA_NIST.pem",
            "DPauth/CERT_S_SM_DPauth_ECDSA_NIST.der",
            "DPpb/CERT_S_SM_DPpb_ECDSA_NIST.der",
            "DPtls/CERT_S_SM_DP_VARO_TLS_NIST.der",
            "DPtls/SK_S_SM_DP_TLS_NIST.pem",
            "variants/revoked/CERT_S_SM_DPauth_ECDSA_NIST.der")) {
      assertThat(out.resolve(f)).as(f).isRegularFile();
    }
    assertThat(out.resolve("CertificateIssuer/CERT_CI_ECDSA_BRP.der")).doesNotExist();

    Run show = run("show", out.toString(), "--at", "2026-11-25T00:00:00Z");
    assertThat(show.exit()).as(show.err()).isZero();
    List<String> lines = show.lines();
    assertThat(lines).hasSize(1 + 8 + 9);
    assertThat(lines.get(0))
        .startsWith("ROLE")
        .contains("CURVE", "SUBJECT", "EID/HOST", "VALIDITY", "KEY", "FILE", "CHAIN");
    int curveColumn = lines.get(0).indexOf("CURVE");
    int chainColumn = lines.get(0).indexOf("CHAIN");
    for (String line : lines.subList(1, lines.size())) {
      assertThat(line.substring(curveColumn)).startsWith("NIST ");
      assertThat(line.charAt(chainColumn - 1)).isEqualTo(' ');
    }
    for (String line : lines.subList(1, 9)) {
      assertThat(line).endsWith("  ok").contains("  yes  ");
    }
    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith("DPtls ")
                    && l.contains("smdp.example.net")
                    && l.contains("2026-11-01..2027-05-20"));
    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith("eUICC ")
                    && l.contains("89049032123451234512345678901235")
                    && l.contains("..9999-12-31"));
    assertThat(lines)
        .anyMatch(l -> l.startsWith("DPauth [revoked]") && l.contains("FAIL: revoked"));
    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith("DPauth [wrong-role-policy]")
                    && l.contains("FAIL: wrong role policy"));
  }

  @Test
  void sameSeedWritesIdenticalFiles(@TempDir Path dir) throws Exception {
    for (String name : List.of("a", "b")) {
      assertThat(
              run(
                      "generate",
                      "--out",
                      dir.resolve(name).toString(),
                      "--seed",
                      "3",
                      "--valid-from",
                      "2026-01-01T00:00:00Z")
                  .exit())
          .isZero();
    }
    for (String f :
        List.of(
            "eUICC/CERT_EUICC_ECDSA_BRP.der",
            "eUICC/SK_EUICC_ECDSA_BRP.pem",
            "DPtls/CERT_S_SM_DP_VARO_TLS_NIST.der",
            "CertificateIssuer/CRL_CI_ECDSA_NIST.crl")) {
      assertThat(Files.readAllBytes(dir.resolve("a").resolve(f)))
          .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
    }
  }

  @Test
  void showListsTheSgp26FolderWithItsExpiredDpTlsCertificates() {
    Path ref = ReferenceData.require("sgp26");
    Run show = run("show", ref.toString(), "--at", "2026-11-25T00:00:00Z");
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.lines()).hasSize(1 + 19 + 1);
    assertThat(show.lines())
        .last()
        .isEqualTo("no certificate for NIST: DSauth, DStls; BRP: DSauth, DStls");
    assertThat(show.lines()).filteredOn(l -> l.endsWith("  ok")).hasSize(16);
    assertThat(show.lines())
        .filteredOn(l -> l.contains("FAIL: expired"))
        .hasSize(3)
        .allMatch(l -> l.startsWith("DPtls (alt)"));
    assertThat(show.lines())
        .anyMatch(
            l ->
                l.startsWith("DPtls ")
                    && l.contains("testsmdpplus1.example.com")
                    && l.contains("2026-07-21..2027-02-06")
                    && l.endsWith("ok"));
  }

  @Test
  void reissuesUnderTheSgp26CiSoTestEuiccsKeepTrustingTheSmdp(@TempDir Path dir) throws Exception {
    Path ref = ReferenceData.require("sgp26");
    Path out = dir.resolve("pki");
    Run gen =
        run(
            "generate",
            "--out",
            out.toString(),
            "--ci-from",
            ref.toString(),
            "--curve",
            "both",
            "--seed",
            "5",
            "--valid-from",
            "2027-02-01T00:00:00Z");
    assertThat(gen.exit()).as(gen.err()).isZero();
    assertThat(gen.out()).endsWith("; CI NIST, BRP from " + ref + "\n");
    java.time.Instant march2027 = java.time.Instant.parse("2027-03-01T00:00:00Z");
    var sgp26 = org.rspharness.certs.PkiDirectory.load(ref, march2027);
    var ours = org.rspharness.certs.PkiDirectory.load(out, march2027);
    for (var curve : org.rspharness.core.crypto.Curve.values()) {
      assertThat(ours.ci(curve).certificate()).isEqualTo(sgp26.ci(curve).certificate());
      // SGP.26's own DPtls has expired by then; the reissued one chains to the same CI.
      assertThat(
              sgp26
                  .validator()
                  .validate(sgp26.dpTls(curve), org.rspharness.core.pki.Role.DP_TLS, march2027)
                  .reason())
          .startsWith("expired:");
      assertThat(
              sgp26
                  .validator()
                  .validate(
                      ours.dpTls(curve).certificate(),
                      List.of(),
                      org.rspharness.core.pki.Role.DP_TLS,
                      march2027)
                  .ok())
          .isTrue();
    }
    Run show = run("show", out.toString(), "--at", "2027-03-01T00:00:00Z");
    assertThat(show.lines())
        .hasSize(1 + 16)
        .allMatch(l -> l.startsWith("ROLE") || l.endsWith("  ok"));
  }

  @Test
  void ciFromADirectoryWithoutCiKeyIsRefused(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src");
    assertThat(run("generate", "--out", src.toString(), "--curve", "nist", "--seed", "1").exit())
        .isZero();
    Files.delete(src.resolve("CertificateIssuer/SK_CI_ECDSA_NIST.pem"));
    Run r =
        run(
            "generate",
            "--out",
            dir.resolve("out").toString(),
            "--curve",
            "nist",
            "--ci-from",
            src.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "rsp-harness: --ci-from: the CI of curve NIST in "
                + src
                + " has no private key; put it beside the certificate as"
                + " CertificateIssuer/SK_CI_ECDSA_NIST.pem\n");
    Run brp =
        run(
            "generate",
            "--out",
            dir.resolve("out").toString(),
            "--curve",
            "brainpool",
            "--ci-from",
            src.toString());
    assertThat(brp.err())
        .startsWith(
            "rsp-harness: --ci-from: "
                + src
                + " has no CI certificate for curve BRP (expected"
                + " CertificateIssuer/CERT_CI_ECDSA_BRP.der with CertificateIssuer/SK_CI_ECDSA_BRP.pem)");
  }

  @Test
  void errorsAreOneLineNamingTheOptionAndTheFix(@TempDir Path dir) {
    Run eid = run("generate", "--out", dir.toString(), "--eid", "89049032123451234512345678901234");
    assertThat(eid.exit()).isEqualTo(2);
    assertThat(eid.err())
        .isEqualTo(
            "rsp-harness: --eid: EID: check digits of"
                + " '89049032123451234512345678901234' are wrong (ISO 7064 MOD 97-10); expected 35;"
                + " give 32 digits with valid check digits, e.g. 89049032123451234512345678901235\n");
    Run curve = run("generate", "--out", dir.toString(), "--curve", "p384");
    assertThat(curve.err())
        .isEqualTo("rsp-harness: --curve: unknown 'p384'; use nist, brainpool or both\n");
    Run host = run("generate", "--out", dir.toString(), "--smdp-host", "no spaces.example");
    assertThat(host.err())
        .isEqualTo(
            "rsp-harness: --smdp-host: not a DNS host name: 'no spaces.example'; give a host name"
                + " such as testsmdpplus1.example.com\n");
    Run at = run("show", dir.toString(), "--at", "yesterday");
    assertThat(at.err()).startsWith("rsp-harness: --at: 'yesterday' is not an ISO-8601 instant");
    Run missing = run("show", dir.resolve("none").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err())
        .startsWith("rsp-harness: PKI directory ")
        .endsWith(
            " does not exist or is not a directory; create one with: rsp-harness certs generate"
                + " --out "
                + dir.resolve("none")
                + "\n");
  }

  @Test
  void smdsHostPutsTheRootAndAlternativeSmdsHostsInDsTls(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("pki");
    Run gen =
        run(
            "generate",
            "--out",
            out.toString(),
            "--curve",
            "nist",
            "--seed",
            "12",
            "--smds-host",
            "root.ds.lab.example",
            "--smds-host",
            "alt.ds.lab.example");
    assertThat(gen.exit()).as(gen.err()).isZero();
    java.security.cert.X509Certificate dsTls = der(out.resolve("DStls/CERT_S_SM_DS_TLS_NIST.der"));
    assertThat(org.rspharness.core.pki.CertFacts.dnsNames(dsTls))
        .containsExactly("root.ds.lab.example", "alt.ds.lab.example");
    assertThat(org.rspharness.core.pki.CertFacts.role(dsTls))
        .contains(org.rspharness.core.pki.Role.DS_TLS);
    // the SM-DP+ keeps its own host; show lists the SM-DS roles as present
    assertThat(
            org.rspharness.core.pki.CertFacts.dnsNames(
                der(out.resolve("DPtls/CERT_S_SM_DP_VARO_TLS_NIST.der"))))
        .doesNotContain("root.ds.lab.example");
    Run show = run("show", out.toString());
    assertThat(show.out()).contains("DStls", "DSauth").doesNotContain("missing");

    Run bad = run("generate", "--out", dir.resolve("x").toString(), "--smds-host", "bad host");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err())
        .isEqualTo(
            "rsp-harness: --smds-host: not a DNS host name: 'bad host'; give a host name such as"
                + " testrootsmds.example.com\n");
  }

  private static java.security.cert.X509Certificate der(Path file) throws Exception {
    try (var in = Files.newInputStream(file)) {
      return (java.security.cert.X509Certificate)
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  @Test
  void certsAloneShowsUsage() {
    Run r = run();
    assertThat(r.exit()).as("nothing done: a usage error").isEqualTo(2);
    assertThat(r.out()).contains("Usage: certs", "generate", "show");
  }
}
