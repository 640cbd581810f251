package org.rspharness.certs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rspharness.certs.LoadedPki;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.certs.TestPki;
import org.rspharness.certs.TestPkiBuilder;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rsp-harness certs generate}: writes a fresh SGP.26-shaped PKI directory. */
@Command(
    name = "generate",
    description =
        "Write a fresh test PKI (CI, EUM, eUICC, DPauth, DPpb, DPtls, DSauth, DStls)"
            + " in the SGP.26 directory layout.",
    mixinStandardHelpOptions = true)
public final class GenerateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory to write (created if missing; existing files are replaced).")
  Path out;

  @Option(
      names = "--curve",
      defaultValue = "both",
      paramLabel = "nist|brainpool|both",
      description = "Curve(s) to generate (default: ${DEFAULT-VALUE}).")
  String curve;

  @Option(
      names = "--smdp-host",
      defaultValue = TestPkiBuilder.SGP26_SMDP_HOST,
      paramLabel = "HOST",
      description = "SM-DP+ host name in DPtls (default: ${DEFAULT-VALUE}).")
  String smdpHost;

  @Option(
      names = "--smds-host",
      paramLabel = "HOST",
      description =
          "SM-DS host name(s) in DStls, repeatable: the first is the root SM-DS, the others"
              + " alternative ones (default: "
              + TestPkiBuilder.SMDS_ROOT_HOST
              + " and "
              + TestPkiBuilder.SMDS_ALTERNATIVE_HOST
              + ").")
  List<String> smdsHosts = new ArrayList<>();

  @Option(
      names = "--eid",
      defaultValue = TestPkiBuilder.SGP26_EID,
      paramLabel = "EID",
      description =
          "EID of the eUICC certificate; the EUM may sign its first 8 digits"
              + " (default: ${DEFAULT-VALUE}).")
  String eid;

  @Option(names = "--variants", description = "Also write the bad variants under variants/.")
  boolean variants;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Seed for keys and serial numbers: the same seed and --valid-from give"
              + " byte-identical files. Default: secure randomness.")
  Long seed;

  @Option(
      names = "--valid-from",
      paramLabel = "INSTANT",
      description = "Validity start, e.g. 2026-01-01T00:00:00Z (default: one hour ago).")
  String validFrom;

  @Option(
      names = "--ci-from",
      paramLabel = "DIR",
      description =
          "Issue under the CI (certificate and private key) of this PKI directory,"
              + " e.g. the SGP.26 folder, instead of a fresh CI.")
  Path ciFrom;

  @Override
  public Integer call() {
    TestPkiBuilder b =
        TestPki.builder()
            .curves(curves(curve))
            .variants(variants)
            .random(seed == null ? RandomSource.secure() : RandomSource.seeded(seed));
    try {
      b.smdpHost(smdpHost);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          e.getMessage().replaceFirst("^smdpHost:", "--smdp-host:")
              + "; give a host name such as "
              + TestPkiBuilder.SGP26_SMDP_HOST,
          e);
    }
    if (!smdsHosts.isEmpty()) {
      try {
        b.smdsHost(smdsHosts.get(0)).smdsAlternativeHosts(smdsHosts.subList(1, smdsHosts.size()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--smds-host: "
                + e.getMessage().replaceFirst("^smds[A-Za-z]*: ", "")
                + "; give a host name such as "
                + TestPkiBuilder.SMDS_ROOT_HOST,
            e);
      }
    }
    try {
      b.eid(Eid.of(eid));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--eid: "
              + e.getMessage()
              + "; give 32 digits with valid check digits, e.g. "
              + TestPkiBuilder.SGP26_EID,
          e);
    }
    if (validFrom != null) {
      try {
        b.validFrom(Instant.parse(validFrom));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--valid-from: '"
                + validFrom
                + "' is not an ISO-8601 instant; write e.g. 2026-01-01T00:00:00Z",
            e);
      }
    }
    String ciNote = "";
    if (ciFrom != null) {
      ciNote = useCi(b, curves(curve));
    }
    TestPki pki = b.build();
    PkiDirectory.write(pki, out);
    int certs = pki.certificates().size();
    int bad = pki.curves().stream().mapToInt(c -> pki.variants(c).size()).sum();
    List<String> curveNames = pki.curves().stream().map(Curve::curveName).toList();
    String line =
        String.format(
            "wrote %d certificates%s for %s to %s (valid from %s, EID %s, SM-DP+ %s)%s",
            certs,
            bad > 0 ? " and " + bad + " bad variants" : "",
            String.join(" + ", curveNames),
            out,
            pki.validFrom(),
            pki.eid(),
            pki.smdpHost(),
            ciNote);
    if (OutputOptions.of(spec).json()) {
      OutputOptions.jsonLines(spec)
          .ok(
              line,
              JsonLines.data(
                  "directory",
                  out.toString(),
                  "certificates",
                  certs,
                  "variants",
                  bad,
                  "curves",
                  curveNames,
                  "validFrom",
                  pki.validFrom().toString(),
                  "eid",
                  pki.eid().toString(),
                  "smdpHost",
                  pki.smdpHost()));
    } else {
      PrintWriter w = spec.commandLine().getOut();
      w.println(line);
      w.flush();
    }
    return 0;
  }

  private String useCi(TestPkiBuilder b, Set<Curve> wanted) {
    LoadedPki source = PkiDirectory.load(ciFrom);
    List<String> used = new ArrayList<>();
    for (Curve c : wanted) {
      Credential ci =
          source
              .find(Role.CI, c)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--ci-from: "
                              + ciFrom
                              + " has no CI certificate for curve "
                              + c
                              + " (expected "
                              + String.join(" with ", Role.CI.expectedFiles(c))
                              + "); or choose --curve "
                              + (c == Curve.NIST_P256 ? "brainpool" : "nist")));
      if (!ci.hasPrivateKey()) {
        throw new IllegalArgumentException(
            "--ci-from: the CI of curve "
                + c
                + " in "
                + ciFrom
                + " has no private key; put it beside the certificate as "
                + Role.CI.directory()
                + "/"
                + Role.CI.privateKeyFile(c));
      }
      b.ci(ci);
      used.add(c.fileTag());
    }
    return "; CI " + String.join(", ", used) + " from " + ciFrom;
  }

  static Set<Curve> curves(String value) {
    if ("both".equals(value.toLowerCase(Locale.ROOT))) {
      return EnumSet.allOf(Curve.class);
    }
    try {
      return EnumSet.of(Curve.parse(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--curve: unknown '" + value + "'; use nist, brainpool or both", e);
    }
  }
}
