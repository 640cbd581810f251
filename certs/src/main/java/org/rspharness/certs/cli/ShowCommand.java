package org.rspharness.certs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rspharness.certs.LoadedPki;
import org.rspharness.certs.PkiDirectory;
import org.rspharness.certs.PkiEntry;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.ChainResult;
import org.rspharness.core.pki.ChainValidator;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.Role;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rsp-harness certs show}: one line per certificate of a PKI directory. */
@Command(
    name = "show",
    description =
        "List every certificate of a PKI directory (SGP.26 layout): role, curve,"
            + " subject, EID or host, validity, key, and whether its chain validates.",
    mixinStandardHelpOptions = true)
public final class ShowCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The PKI directory.")
  Path dir;

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description = "Check validity at this time instead of now, e.g. 2026-11-25T00:00:00Z.")
  String at;

  @Override
  public Integer call() {
    Instant when;
    try {
      when = at == null ? Instant.now() : Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--at: '" + at + "' is not an ISO-8601 instant; write e.g. 2026-11-25T00:00:00Z", e);
    }
    LoadedPki pki = PkiDirectory.load(dir, when);
    ChainValidator validator = pki.validator();
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {"ROLE", "CURVE", "SUBJECT", "EID/HOST", "VALIDITY", "KEY", "FILE", "CHAIN"});
    List<PkiEntry> main = new ArrayList<>(pki.entries());
    main.sort(
        Comparator.comparing((PkiEntry e) -> e.role().map(Enum::ordinal).orElse(99))
            .thenComparing(PkiEntry::curve)
            .thenComparing(e -> e.file().toString()));
    for (PkiEntry e : main) {
      String role = e.role().map(Role::label).orElse("(none)");
      if (e.role().isPresent() && !isChosen(pki, e)) {
        role += " (alt)";
      }
      rows.add(row(pki, validator, e, role, e.role().orElse(null), when));
    }
    List<PkiEntry> bad = new ArrayList<>(pki.variantEntries());
    bad.sort(
        Comparator.comparing((PkiEntry e) -> e.variant().map(Enum::ordinal).orElse(99))
            .thenComparing(PkiEntry::curve));
    for (PkiEntry e : bad) {
      String variant = e.variant().map(v -> v.directoryName()).orElse("?");
      Role role = e.variant().map(v -> v.role()).orElse(null);
      rows.add(
          row(
              pki,
              validator,
              e,
              (role == null ? "?" : role.label()) + " [" + variant + "]",
              role,
              when));
    }
    List<String> missing = new ArrayList<>();
    if (pki.curves().isEmpty() && pki.entries().isEmpty() && pki.variantEntries().isEmpty()) {
      throw new IllegalArgumentException(
          dir
              + " holds no certificate: give a PKI directory in the SGP.26 layout (e.g. one"
              + " written by: rsp-harness certs generate --out "
              + dir
              + ")");
    }
    if (pki.curves().isEmpty()) {
      missing.add("any curve: no CI certificate (policy " + Role.CI.policyOid() + ") found");
    }
    for (Curve c : pki.curves()) {
      List<String> roles = new ArrayList<>();
      for (Role r : Role.values()) {
        if (pki.find(r, c).isEmpty()) {
          roles.add(r.label());
        }
      }
      if (!roles.isEmpty()) {
        missing.add(c.fileTag() + ": " + String.join(", ", roles));
      }
    }
    String tail = missing.isEmpty() ? null : "no certificate for " + String.join("; ", missing);
    if (OutputOptions.of(spec).json()) {
      JsonLines lines = OutputOptions.jsonLines(spec);
      String[] head = rows.get(0);
      for (String[] r : rows.subList(1, rows.size())) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < head.length; i++) {
          data.put(JSON_KEYS[i], r[i]);
        }
        data.put("chainOk", "ok".equals(r[head.length - 1]));
        lines.item(String.join("  ", r), data);
      }
      lines.ok(
          (rows.size() - 1) + " certificate(s)" + (tail == null ? "" : "; " + tail),
          JsonLines.data("count", rows.size() - 1, "missing", missing));
      return 0;
    }
    PrintWriter w = spec.commandLine().getOut();
    print(w, rows);
    if (tail != null) {
      w.println(tail);
    }
    w.flush();
    return 0;
  }

  /** JSON names of the table's columns. */
  private static final String[] JSON_KEYS = {
    "role", "curve", "subject", "eidOrHost", "validity", "key", "file", "chain"
  };

  private static boolean isChosen(LoadedPki pki, PkiEntry e) {
    Optional<Credential> c = pki.find(e.role().get(), e.curve());
    return c.isPresent() && c.get().certificate().equals(e.certificate());
  }

  private static String[] row(
      LoadedPki pki, ChainValidator validator, PkiEntry e, String role, Role as, Instant when) {
    X509Certificate c = e.certificate();
    List<X509Certificate> eums =
        pki.entries().stream()
            .filter(x -> x.role().equals(Optional.of(Role.EUM)) && x.curve() == e.curve())
            .map(PkiEntry::certificate)
            .toList();
    ChainResult r = as == null && e.role().isEmpty() ? null : validator.validate(c, eums, as, when);
    String id;
    if (as == Role.EUICC || CertFacts.role(c).equals(Optional.of(Role.EUICC))) {
      id = CertFacts.eid(c).orElse("-");
    } else if (!CertFacts.dnsNames(c).isEmpty()) {
      id = String.join(",", CertFacts.dnsNames(c));
    } else if (!CertFacts.registeredIds(c).isEmpty()) {
      id = "rid " + String.join(",", CertFacts.registeredIds(c));
    } else {
      id = "-";
    }
    String validity =
        c.getNotBefore().toInstant().toString().substring(0, 10)
            + ".."
            + c.getNotAfter().toInstant().toString().substring(0, 10);
    String file = pki.directory().relativize(e.file()).toString();
    return new String[] {
      role,
      e.curve().fileTag(),
      CertFacts.subject(c),
      id,
      validity,
      e.hasPrivateKey() ? "yes" : "no",
      file,
      r == null ? "FAIL: no id-rspRole certificate policy" : r.ok() ? "ok" : "FAIL: " + r.reason()
    };
  }

  private static void print(PrintWriter w, List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        sb.append(i == cols - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
      }
      w.println(sb.toString().stripTrailing());
    }
    w.flush();
  }
}
