package org.rspharness.lpa.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rspharness.asn1.rsp.EUICCInfo1;
import org.rspharness.asn1.rsp.EUICCInfo2;
import org.rspharness.asn1.rsp.NotificationMetadata;
import org.rspharness.asn1.rsp.ProfileInfo;
import org.rspharness.core.cli.Cli;
import org.rspharness.core.cli.CliException;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.es11.AuthenticateClientResponseEs11;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.CancelSessionResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.Deviations;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.euicc.card.Card;
import org.rspharness.euicc.transport.pcsc.PcscCard;
import org.rspharness.lpa.CiTrust;
import org.rspharness.lpa.ConsentHook;
import org.rspharness.lpa.DiscoveryResult;
import org.rspharness.lpa.DownloadResult;
import org.rspharness.lpa.Lpa;
import org.rspharness.lpa.LpaBehaviour;
import org.rspharness.lpa.NotificationDelivery;
import org.rspharness.lpa.ProfileOperationResult;
import org.rspharness.lpa.es10.DeviceInfo;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es10.Es10Exception;
import org.rspharness.lpa.es11.Es11;
import org.rspharness.lpa.es11.Es11Client;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9Plus;
import org.rspharness.lpa.es9.Es9PlusClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code rsp-harness lpa --euicc FILE <command>}: the LPA on a software eUICC. {@code download
 * --activation-code AC [--confirmation-code CC]}, {@code profiles}, {@code enable|disable|delete
 * ICCID}, {@code nickname ICCID NAME}, {@code notifications [--process]}, {@code info}.
 *
 * <p>TLS to SM-DP+s trusts the CI certificates given with {@code --ci-cert} and those the card's
 * setup offers ({@link EuiccAccess#ciCertificates}), keeping the ones whose key identifier the
 * eUICC lists for verification. Lab host names are sent to other addresses with {@code --resolve
 * HOST=ADDR}. Failures print one line with the SGP.22 status code and its meaning; {@code -v}
 * prints every APDU and HTTP exchange.
 *
 * <p>The card is reached through an injected {@link EuiccAccess}: the top-level CLI wires the eUICC
 * module's state-file loader (and the PKI directory's CI certificates) into it.
 */
@Command(
    name = "lpa",
    mixinStandardHelpOptions = true,
    description = "LPA on a software eUICC: download profiles, manage them, send notifications.")
public final class LpaCommand implements Callable<Integer> {

  private final EuiccAccess access;

  @Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  @Option(
      names = "--euicc",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "the eUICC's state file (made by: rsp-harness euicc init); or --reader")
  Path euicc;

  @Option(
      names = "--reader",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description =
          "the card in this PC/SC reader (exact name, or a unique prefix of a reader with a card;"
              + " see 'lpa readers'); trust its CIs with --ci-cert")
  String reader;

  @Option(
      names = "--lpa",
      scope = ScopeType.INHERIT,
      paramLabel = "PRESET",
      description = "LPA behaviour preset: spec (default), lpac, chromeos-hermes, ...")
  String lpaPreset = "spec";

  @Option(
      names = "--strict",
      scope = ScopeType.INHERIT,
      description = "fail on SM-DP+ deviations from SGP.22 instead of recording them")
  boolean strict;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "print every APDU and HTTP exchange")
  boolean verbose;

  @Option(
      names = "--resolve",
      scope = ScopeType.INHERIT,
      paramLabel = "HOST=ADDRESS",
      description =
          "send HOST to ADDR instead of DNS (TLS still checks HOST), e.g. "
              + "testsmdpplus1.example.com=127.0.0.1")
  Map<String, String> resolve = new LinkedHashMap<>();

  @Option(
      names = "--ci-cert",
      arity = "1..*",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "CI certificate file(s), PEM or DER, trusted for TLS to SM-DP+s")
  List<Path> ciCerts = new ArrayList<>();

  @Option(
      names = "--admin-protocol",
      scope = ScopeType.INHERIT,
      paramLabel = "VALUE",
      description = "X-Admin-Protocol header (default ${DEFAULT-VALUE})")
  String adminProtocol = Es9PlusClient.DEFAULT_ADMIN_PROTOCOL;

  @Option(
      names = "--timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "SECONDS",
      description = "seconds to wait for an SM-DP+ response (default ${DEFAULT-VALUE})")
  int timeoutSeconds = 30;

  @Option(
      names = "--tac",
      scope = ScopeType.INHERIT,
      paramLabel = "TAC",
      description = "device TAC, 8 digits (default ${DEFAULT-VALUE})")
  String tac = "35290611";

  @Option(
      names = "--imei",
      scope = ScopeType.INHERIT,
      paramLabel = "IMEI",
      description = "device IMEI, 15 or 16 digits (default ${DEFAULT-VALUE})")
  String imei = "352906110000000";

  @Option(
      names = "--block-size",
      scope = ScopeType.INHERIT,
      paramLabel = "BYTES",
      description = "STORE DATA block size, 6..255 (default: the --lpa preset's, 120 for spec)")
  Integer blockSize;

  @Option(
      names = "--binding",
      scope = ScopeType.INHERIT,
      paramLabel = "json|asn1",
      description =
          "ES9+ binding: json (/gsma/rsp2/es9plus/...) or asn1 (SGP.22 v3, /gsma/rsp2/asn1);"
              + " default ${DEFAULT-VALUE}")
  String binding = "json";

  @Option(
      names = "--es11-path",
      scope = ScopeType.INHERIT,
      paramLabel = "es9plus|es11",
      description =
          "where ES11 calls go: es9plus (/gsma/rsp2/es9plus/..., as field LPAs send them) or es11"
              + " (/gsma/rsp2/es11/...); default: as the --lpa preset says (es9plus)")
  String es11Path;

  @Option(
      names = "--no-refresh",
      scope = ScopeType.INHERIT,
      description = "enable/disable with refreshFlag false")
  boolean noRefresh;

  /** A command reaching cards through {@code access}. */
  public LpaCommand(EuiccAccess access) {
    if (access == null) {
      throw new IllegalArgumentException("access must not be null");
    }
    this.access = access;
  }

  /** The picocli command line with its subcommands. */
  public static CommandLine commandLine(EuiccAccess access) {
    LpaCommand root = new LpaCommand(access);
    CommandLine cl = new CommandLine(root);
    cl.addSubcommand("download", new Download());
    cl.addSubcommand("discover", new Discover());
    cl.addSubcommand("profiles", new Profiles());
    cl.addSubcommand("enable", new Enable());
    cl.addSubcommand("disable", new Disable());
    cl.addSubcommand("delete", new Delete());
    cl.addSubcommand("nickname", new Nickname());
    cl.addSubcommand("notifications", new Notifications());
    cl.addSubcommand("info", new Info());
    cl.addSubcommand("readers", new Readers());
    cl.addSubcommand("shell", new Shell());
    return Cli.install(cl);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  /** One run: the card, the ES10 client, a lazily built ES9+ client, the LPA. */
  private final class Session implements AutoCloseable {
    final PrintWriter out;
    final PrintWriter err;
    final EventLog events;
    final Card card;
    final Es10Client es10;
    final Lazy es9;
    final Lpa lpa;

    Session(CommandLine.Model.CommandSpec sub) {
      this.out = sub.commandLine().getOut();
      this.err = sub.commandLine().getErr();
      this.events = verbose ? EventLog.system().addSink(this::print) : EventLog.disabled();
      if ((euicc == null) == (reader == null)) {
        throw new IllegalArgumentException(
            "give exactly one of --euicc FILE (a software eUICC) and --reader NAME (a PC/SC card)");
      }
      this.card = reader != null ? openReader(reader) : access.open(euicc);
      LpaBehaviour behaviour = LpaBehaviour.preset(lpaPreset);
      this.es10 =
          new Es10Client(
              card,
              events,
              blockSize == null
                  ? behaviour.es10Options("lpa")
                  : behaviour.es10Options("lpa").withBlockSize(blockSize));
      this.es9 = new Lazy();
      this.lpa =
          new Lpa(
              es10,
              es9,
              es9.es11(),
              events,
              Lpa.Config.defaults()
                  .withDeviceInfo(DeviceInfo.of(tac, imei))
                  .withRefreshFlag(!noRefresh));
      this.lpa.behaviour(LpaBehaviour.preset(lpaPreset)).strict(strict);
    }

    private void print(Event e) {
      if (e.payload() instanceof EventPayload.ApduExchange a) {
        out.println("> " + hex(a.command()));
        out.println("< " + hex(a.response()));
      } else if (e.payload() instanceof EventPayload.HttpExchange h) {
        out.println(
            "POST "
                + h.url()
                + " -> "
                + (h.status() == 0 ? h.error() : String.valueOf(h.status()))
                + " ("
                + h.nanos() / 1_000_000
                + " ms)");
        out.println("  request:  " + text(h.requestBody()));
        if (h.responseBody() != null && h.responseBody().length > 0) {
          out.println("  response: " + text(h.responseBody()));
        }
      }
      out.flush();
    }

    /** Builds the ES9+ client on first use, trusting the CIs the eUICC lists. */
    final class Lazy implements Es9Plus {
      private Es9PlusClient client;
      private Es9Plus bound;

      /**
       * The ES11 client over the same HTTPS client: with --binding asn1 the ASN.1 binding, else
       * JSON on the --es11-path variant.
       */
      Es11 es11() {
        Es11Client.PathVariant variant =
            es11Path != null
                ? Es11Client.PathVariant.parse(es11Path)
                : LpaBehaviour.preset(lpaPreset).es11Path();
        boolean asn1 = binding.equalsIgnoreCase("asn1");
        return new Es11() {
          @Override
          public InitiateAuthenticationResponse initiateAuthentication(
              SmdpAddress smds, InitiateAuthenticationRequest request) throws Es9Exception {
            return of(http("initiateAuthentication")).initiateAuthentication(smds, request);
          }

          @Override
          public AuthenticateClientResponseEs11 authenticateClient(
              SmdpAddress smds, AuthenticateClientRequest request) throws Es9Exception {
            return of(http("authenticateClient")).authenticateClient(smds, request);
          }

          private Es11 of(Es9PlusClient c) {
            return asn1
                ? new org.rspharness.lpa.es11.Es11Asn1Client(c)
                : new Es11Client(c, variant);
          }
        };
      }

      private Es9Plus client(String function) throws Es9Exception {
        if (bound == null) {
          Es9PlusClient c = http(function);
          bound =
              switch (binding.toLowerCase(java.util.Locale.ROOT)) {
                case "json" -> c;
                case "asn1" -> c.asn1();
                default ->
                    throw new IllegalArgumentException(
                        "--binding: unknown '" + binding + "'; expected json or asn1");
              };
        }
        return bound;
      }

      private Es9PlusClient http(String function) throws Es9Exception {
        if (client == null) {
          List<X509Certificate> candidates =
              new ArrayList<>(euicc == null ? List.of() : access.ciCertificates(euicc));
          for (Path p : ciCerts) {
            candidates.addAll(CiTrust.read(p));
          }
          EUICCInfo1 info1 = es10.getEuiccInfo1().value();
          List<X509Certificate> trust;
          try {
            trust = CiTrust.select(candidates, info1);
          } catch (IllegalArgumentException e) {
            throw Es9Exception.transport(
                function, RspHttpException.Kind.TLS_FAILED, e.getMessage(), e);
          }
          LpaBehaviour behaviour = LpaBehaviour.preset(lpaPreset);
          client =
              new Es9PlusClient(
                      behaviour
                          .es9Config(Es9PlusClient.Config.defaults(trust))
                          .withResolve(resolve)
                          .withAdminProtocol(
                              adminProtocol.equals(Es9PlusClient.DEFAULT_ADMIN_PROTOCOL)
                                  ? behaviour.adminProtocol()
                                  : adminProtocol)
                          .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(timeoutSeconds)),
                      events,
                      null,
                      new Deviations(events, "lpa", strict))
                  .connectionPerCall(behaviour.connectionPerCall());
        }
        return client;
      }

      @Override
      public InitiateAuthenticationResponse initiateAuthentication(
          SmdpAddress smdp, InitiateAuthenticationRequest request) throws Es9Exception {
        return client("initiateAuthentication").initiateAuthentication(smdp, request);
      }

      @Override
      public AuthenticateClientResponseEs9 authenticateClient(
          SmdpAddress smdp, AuthenticateClientRequest request) throws Es9Exception {
        return client("authenticateClient").authenticateClient(smdp, request);
      }

      @Override
      public GetBoundProfilePackageResponse getBoundProfilePackage(
          SmdpAddress smdp, GetBoundProfilePackageRequest request) throws Es9Exception {
        return client("getBoundProfilePackage").getBoundProfilePackage(smdp, request);
      }

      @Override
      public CancelSessionResponseEs9 cancelSession(
          SmdpAddress smdp, CancelSessionRequestEs9 request) throws Es9Exception {
        return client("cancelSession").cancelSession(smdp, request);
      }

      @Override
      public void handleNotification(SmdpAddress address, HandleNotification request)
          throws Es9Exception {
        client("handleNotification").handleNotification(address, request);
      }

      void close() {
        if (client != null) {
          client.close();
        }
      }
    }

    @Override
    public void close() {
      try {
        es10.close();
      } catch (Es10Exception e) {
        // the card may already be gone; nothing to undo
      }
      es9.close();
      if (card instanceof PcscCard p) {
        p.close();
      }
    }
  }

  private static Card openReader(String name) {
    try {
      return PcscCard.open(name);
    } catch (javax.smartcardio.CardException e) {
      throw new IllegalStateException("PC/SC: " + e.getMessage() + " (is pcscd running?)", e);
    }
  }

  /**
   * Runs {@code body} with a session. Failures it throws (the card, the network, bad input) reach
   * the shared handler, which prints them in the one error style with their exit status.
   */
  private int run(CommandLine.Model.CommandSpec sub, SessionBody body) {
    try (Session s = new Session(sub)) {
      Out out = new Out(sub, s.out);
      int rc = body.run(s, out);
      s.out.flush();
      return rc;
    }
  }

  @FunctionalInterface
  private interface SessionBody {
    int run(Session s, Out out);
  }

  /** Human lines on stdout, or with --json one JSON object per line. */
  static final class Out {
    final boolean json;
    final boolean quiet;
    final JsonLines lines;
    final PrintWriter text;
    final PrintWriter err;

    Out(CommandLine.Model.CommandSpec spec, PrintWriter stdout) {
      OutputOptions o = OutputOptions.of(spec);
      this.json = o.json();
      this.quiet = o.quiet();
      this.lines = OutputOptions.jsonLines(spec);
      this.text = stdout;
      this.err = spec.commandLine().getErr();
    }

    /** A listed thing: a human line, or an item line. */
    void item(String line, Map<String, ?> data) {
      if (json) {
        lines.item(line, data);
      } else if (!quiet) {
        text.println(line);
      }
    }

    /** Success: the human line (even with --quiet), or the result line. */
    int ok(String line, Map<String, ?> data) {
      if (json) {
        lines.ok(line, data);
      } else {
        text.println(line);
      }
      return ExitCodes.OK;
    }

    /** The peer refused: {@code error: line} on stderr, or a result line with the code. */
    int refused(Object code, String codeName, String line, Map<String, ?> data) {
      if (json) {
        lines.result(ExitCodes.PEER, code, codeName, line, data);
      }
      Cli.printError(err, line);
      return ExitCodes.PEER;
    }
  }

  private static List<Map<String, Object>> deliveries(Out out, List<NotificationDelivery> list) {
    List<Map<String, Object>> data = new ArrayList<>();
    for (NotificationDelivery d : list) {
      if (!out.json && !out.quiet) {
        out.text.println(
            "notification "
                + d.seqNumber()
                + " "
                + d.operation()
                + " -> "
                + d.address()
                + ": "
                + (d.delivered()
                    ? "delivered"
                    : "NOT delivered after " + d.attempts() + " attempt(s): " + d.error()));
      }
      data.add(
          JsonLines.data(
              "seqNumber",
              d.seqNumber(),
              "operation",
              d.operation(),
              "address",
              d.address(),
              "delivered",
              d.delivered(),
              "attempts",
              d.attempts(),
              "error",
              d.error()));
    }
    return data;
  }

  private static int operationResult(Out out, ProfileOperationResult r, Iccid iccid) {
    String line = r.operation() + " " + r.resultName() + "(" + r.resultCode() + ")";
    Map<String, Object> data = JsonLines.data("iccid", iccid.value(), "operation", r.operation());
    if (r.ok()) {
      // the result comes first for people; the deliveries follow it
      if (!out.json) {
        out.text.println(line);
      }
      data.put("notifications", deliveries(out, r.notifications()));
      if (out.json) {
        out.lines.ok(line, data);
      }
      return ExitCodes.OK;
    }
    data.put("notifications", deliveries(out, r.notifications()));
    return out.refused(r.resultCode(), r.resultName(), line, data);
  }

  static String hex(byte[] b) {
    return b == null ? "" : HexFormat.of().withUpperCase().formatHex(b);
  }

  private static String text(byte[] body) {
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ subcommands

  /** {@code lpa download}. */
  @Command(name = "download", description = "Download and install a profile (SGP.22 3.1.3).")
  static final class Download implements Callable<Integer> {
    @ParentCommand LpaCommand root;
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"--activation-code", "-a"},
        paramLabel = "AC",
        description = "activation code, e.g. LPA:1$smdp.example.com$MATCHING-ID")
    String activationCode;

    @Option(
        names = "--default-smdp",
        description = "use the eUICC's default SM-DP+ address and no matchingId")
    boolean defaultSmdp;

    @Option(
        names = {"--confirmation-code", "-c"},
        paramLabel = "CODE",
        description = "the confirmation code the operator gave, when the order needs one")
    String confirmationCode;

    @Override
    public Integer call() {
      if ((activationCode == null) == !defaultSmdp) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "give either --activation-code AC or --default-smdp");
      }
      return root.run(
          spec,
          (s, out) -> {
            DownloadResult r =
                defaultSmdp
                    ? s.lpa.downloadFromDefaultSmdp(confirmationCode, ConsentHook.ACCEPT_ALL)
                    : s.lpa.download(
                        ActivationCode.parseLenient(activationCode),
                        confirmationCode,
                        ConsentHook.ACCEPT_ALL);
            return downloadResult(out, r);
          });
    }
  }

  /** {@code lpa discover}. */
  @Command(
      name = "discover",
      description =
          "Retrieve this eUICC's events at an SM-DS (ES11) and download each (SGP.22 3.6.2).")
  static final class Discover implements Callable<Integer> {
    @ParentCommand LpaCommand root;
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--smds",
        paramLabel = "HOST[:PORT]",
        description = "the SM-DS to ask (default: the eUICC's root SM-DS address, ES10a)")
    String smds;

    @Option(names = "--no-download", description = "only list the events")
    boolean noDownload;

    @Override
    public Integer call() {
      return root.run(
          spec,
          (s, out) -> {
            SmdpAddress where = smds == null ? null : SmdpAddress.parseLenient(smds);
            DiscoveryResult r =
                noDownload
                    ? s.lpa.retrieveEvents(where == null ? s.lpa.rootSmds() : where)
                    : s.lpa.discover(where, ConsentHook.ACCEPT_ALL);
            if (!r.ok()) {
              StatusCodeData c = r.statusCode();
              return out.refused(
                  c == null ? "failed" : c.subjectCode() + "/" + c.reasonCode(),
                  c == null ? "" : c.statusCode().map(StatusCode::meaning).orElse(""),
                  r.message(),
                  JsonLines.data("smds", r.smds()));
            }
            int rc = ExitCodes.OK;
            StatusCodeData refusal = null;
            for (int i = 0; i < r.events().size(); i++) {
              var e = r.events().get(i);
              String line = "event " + e.eventId() + " at " + e.rspServerAddress();
              if (i < r.downloads().size()) {
                DownloadResult d = r.downloads().get(i);
                line += ": " + d.describe();
                if (!d.installed()) {
                  rc = ExitCodes.PEER;
                  refusal = refusal == null ? d.statusCode() : refusal;
                }
              }
              out.item(
                  line,
                  JsonLines.data("eventId", e.eventId(), "rspServerAddress", e.rspServerAddress()));
            }
            if (rc != ExitCodes.OK) {
              // the first refused download's SGP.22 code, as lpa download reports it
              return out.refused(
                  refusal == null ? "failed" : refusal.subjectCode() + "/" + refusal.reasonCode(),
                  refusal == null ? "" : refusal.statusCode().map(StatusCode::meaning).orElse(""),
                  r.message(),
                  JsonLines.data("smds", r.smds()));
            }
            return out.ok(
                r.message(), JsonLines.data("smds", r.smds(), "events", r.events().size()));
          });
    }
  }

  /** How a download ended: code 0, the SM-DP+'s subject/reason, or the eUICC's result. */
  static int downloadResult(Out out, DownloadResult r) {
    Map<String, Object> data =
        JsonLines.data(
            "outcome",
            r.outcome().name(),
            "iccid",
            r.iccid() == null ? null : r.iccid().value(),
            "transactionId",
            r.transactionId() == null ? null : r.transactionId().hex(),
            "failedStep",
            r.failedStep() == null ? null : r.failedStep().name(),
            "euiccError",
            r.euiccError(),
            "cancelReason",
            r.cancelReason() == null ? null : Lpa.cancelReasonName(r.cancelReason()),
            "notificationDelivered",
            r.notificationDelivered());
    if (r.installed()) {
      return out.ok(r.describe(), data);
    }
    if (r.statusCode() != null) {
      StatusCodeData c = r.statusCode();
      return out.refused(
          c.subjectCode() + "/" + c.reasonCode(),
          c.statusCode().map(StatusCode::meaning).orElse(""),
          r.describe(),
          data);
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("=([A-Za-z0-9]+)\\((\\d+)\\)")
            .matcher(r.euiccError() == null ? "" : r.euiccError());
    if (m.find()) {
      return out.refused(Integer.parseInt(m.group(2)), m.group(1), r.describe(), data);
    }
    if (r.euiccError() != null && r.euiccError().startsWith("SW ")) {
      return out.refused(r.euiccError().substring(3), "", r.describe(), data);
    }
    return out.refused(networkCode(r.message()), "", r.describe(), data);
  }

  /** The network failure a download message names (the ES9+ client's kinds), else failed. */
  private static String networkCode(String message) {
    String m = message == null ? "" : message;
    if (m.contains("DNS:")) {
      return "dns";
    }
    if (m.contains("TLS_FAILED") || m.contains("TLS:")) {
      return "tls";
    }
    if (m.contains("TIMEOUT")) {
      return "timeout";
    }
    if (m.contains("CONNECT_FAILED")) {
      return "connect";
    }
    if (m.contains("CONNECTION_") || m.contains("TRUNCATED_RESPONSE")) {
      return "network";
    }
    return "failed";
  }

  /** {@code lpa profiles}. */
  @Command(name = "profiles", description = "List the profiles (ES10c.GetProfilesInfo).")
  static final class Profiles implements Callable<Integer> {
    @ParentCommand LpaCommand root;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return root.run(
          spec,
          (s, out) -> {
            List<ProfileInfo> list = s.es10.getProfilesInfo();
            for (ProfileInfo p : list) {
              String iccid =
                  p.getIccid() == null
                      ? "-"
                      : Iccid.fromEfIccidUnchecked(p.getIccid().value).value();
              String state =
                  p.getProfileState() == null
                      ? "?"
                      : p.getProfileState().value.intValue() == 1 ? "enabled" : "disabled";
              String cls =
                  p.getProfileClass() == null
                      ? "operational"
                      : switch (p.getProfileClass().value.intValue()) {
                        case 0 -> "test";
                        case 1 -> "provisioning";
                        default -> "operational";
                      };
              out.item(
                  iccid
                      + "  "
                      + String.format("%-8s", state)
                      + "  class="
                      + cls
                      + "  nickname="
                      + quoted(p.getProfileNickname())
                      + "  provider="
                      + quoted(p.getServiceProviderName())
                      + "  name="
                      + quoted(p.getProfileName()),
                  JsonLines.data(
                      "iccid",
                      iccid,
                      "state",
                      state,
                      "class",
                      cls,
                      "nickname",
                      utf8(p.getProfileNickname()),
                      "serviceProviderName",
                      utf8(p.getServiceProviderName()),
                      "profileName",
                      utf8(p.getProfileName())));
            }
            if (out.json) {
              out.lines.ok(list.size() + " profile(s)", JsonLines.data("count", list.size()));
            } else if (list.isEmpty()) {
              out.text.println("no profile");
            }
            return ExitCodes.OK;
          });
    }
  }

  private static String utf8(com.beanit.asn1bean.ber.types.string.BerUTF8String s) {
    return s == null ? null : new String(s.value, StandardCharsets.UTF_8);
  }

  private static String quoted(com.beanit.asn1bean.ber.types.string.BerUTF8String s) {
    return s == null ? "" : "'" + utf8(s) + "'";
  }

  /** The ICCID argument of enable, disable, delete and nickname. */
  static final class IccidArg {
    @Parameters(
        index = "0",
        paramLabel = "ICCID",
        description = "the profile's ICCID, 19 or 20 digits as `lpa profiles` lists it")
    String iccid;

    Iccid value() {
      return Iccid.ofUnchecked(iccid);
    }
  }

  /** {@code lpa enable ICCID}. */
  @Command(name = "enable", description = "Enable a profile, then send its notification.")
  static final class Enable implements Callable<Integer> {
    @ParentCommand LpaCommand root;
    @Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin IccidArg iccid;

    @Override
    public Integer call() {
      return root.run(
          spec, (s, out) -> operationResult(out, s.lpa.enable(iccid.value()), iccid.value()));
    }
  }

  /** {@code lpa disable ICCID}. */
  @Command(name = "disable", description = "Disable a profile, then send its notification.")
  static final class Disable implements Callable<Integer> {
    @ParentCommand LpaCommand root;
    @Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin IccidArg iccid;

    @Override
    public Integer call() {
      return root.run(
          spec, (s, out) -> operationResult(out, s.lpa.disable(iccid.value()), iccid.value()));
    }
  }

  /** {@code lpa delete ICCID}. */
  @Command(name = "delete", description = "Delete a profile, then send its notification.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand LpaCommand root;
    @Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin IccidArg iccid;

    @Override
    public Integer call() {
      return root.run(
          spec, (s, out) -> operationResult(out, s.lpa.delete(iccid.value()), iccid.value()));
    }
  }

  /** {@code lpa nickname ICCID NAME}. */
  @Command(name = "nickname", description = "Set a profile's nickname (ES10c.SetNickname).")
  static final class Nickname implements Callable<Integer> {
    @ParentCommand LpaCommand root;
    @Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin IccidArg iccid;

    @Parameters(
        index = "1",
        paramLabel = "NAME",
        description = "the new nickname, up to 64 bytes of UTF-8 (\"\" clears it)")
    String name;

    @Override
    public Integer call() {
      return root.run(
          spec,
          (s, out) -> {
            // no notification of its own: nothing is sent (Lpa.setNickname would flush pending
            // ones)
            int r = s.es10.setNickname(iccid.value(), name);
            String what = r == 0 ? "ok" : r == 1 ? "iccidNotFound" : "undefinedError";
            return operationResult(
                out, new ProfileOperationResult("SetNickname", r, what, List.of()), iccid.value());
          });
    }
  }

  /** {@code lpa notifications [--process]}. */
  @Command(
      name = "notifications",
      description =
          "List pending notifications; --process delivers them and removes the sent ones.")
  static final class Notifications implements Callable<Integer> {
    @ParentCommand LpaCommand root;
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--process", description = "deliver them (ES9+.HandleNotification)")
    boolean process;

    @Override
    public Integer call() {
      return root.run(
          spec,
          (s, out) -> {
            if (process) {
              List<NotificationDelivery> list = s.lpa.processNotifications();
              if (list.isEmpty() && !out.json) {
                out.text.println("no pending notification");
              }
              List<Map<String, Object>> data = deliveries(out, list);
              long failed = list.stream().filter(d -> !d.delivered()).count();
              Map<String, Object> result = JsonLines.data("notifications", data);
              if (failed == 0) {
                return out.json ? out.ok(list.size() + " delivered", result) : ExitCodes.OK;
              }
              return out.refused(
                  "network", "", failed + " of " + list.size() + " not delivered", result);
            }
            List<NotificationMetadata> list = s.es10.listNotification();
            for (NotificationMetadata m : list) {
              String op = operation(m.getProfileManagementOperation().value);
              String address = new String(m.getNotificationAddress().value, StandardCharsets.UTF_8);
              String iccid =
                  m.getIccid() == null
                      ? null
                      : Iccid.fromEfIccidUnchecked(m.getIccid().value).value();
              out.item(
                  m.getSeqNumber().value
                      + "  "
                      + op
                      + "  "
                      + address
                      + (iccid == null ? "" : "  " + iccid),
                  JsonLines.data(
                      "seqNumber",
                      m.getSeqNumber().value.longValue(),
                      "operation",
                      op,
                      "address",
                      address,
                      "iccid",
                      iccid));
            }
            if (out.json) {
              out.lines.ok(list.size() + " pending", JsonLines.data("count", list.size()));
            } else if (list.isEmpty()) {
              out.text.println("no pending notification");
            }
            return ExitCodes.OK;
          });
    }

    private static String operation(byte[] bits) {
      int b = bits.length == 0 ? 0 : bits[0] & 0xFF;
      return (b & 0x80) != 0
          ? "install"
          : (b & 0x40) != 0 ? "enable" : (b & 0x20) != 0 ? "disable" : "delete";
    }
  }

  /**
   * {@code lpa shell}: one JVM for many commands, for people exploring a card by hand; each line is
   * an {@code lpa} subcommand run with the options {@code lpa} was started with.
   */
  @Command(
      name = "shell",
      description = {
        "Interactive: read lpa commands (profiles, enable ICCID, download -a AC, ...) one per line"
            + " and run them in this JVM with the options given to lpa.",
        "Built-ins: history (numbered), !N or !! (run again), help, exit."
      })
  static final class Shell implements Callable<Integer> {
    @ParentCommand LpaCommand root;
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--script",
        paramLabel = "FILE",
        description = "read the commands from FILE instead of the terminal")
    Path script;

    @Option(
        names = "--history",
        paramLabel = "FILE",
        description =
            "where the command history is kept across sessions (default: ~/.rsp-harness-history)")
    Path historyFile;

    @Override
    public Integer call() throws java.io.IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      boolean prompt = script == null && System.console() != null;
      Path file =
          historyFile != null
              ? historyFile
              : Path.of(System.getProperty("user.home", "."), ".rsp-harness-history");
      List<String> history = new ArrayList<>();
      if (java.nio.file.Files.isReadable(file)) {
        history.addAll(java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8));
      }
      List<String> parentArgs = parentArgs();
      int last = ExitCodes.OK;
      try (java.io.BufferedReader in =
          script != null
              ? java.nio.file.Files.newBufferedReader(script, StandardCharsets.UTF_8)
              : new java.io.BufferedReader(
                  new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        while (true) {
          if (prompt) {
            out.print("lpa> ");
            out.flush();
          }
          String line = in.readLine();
          if (line == null) {
            break;
          }
          line = line.strip();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          if (line.equals("exit") || line.equals("quit")) {
            break;
          }
          if (line.equals("help")) {
            line = "--help";
          }
          if (line.equals("history")) {
            for (int i = 0; i < history.size(); i++) {
              out.printf("%4d  %s%n", i + 1, history.get(i));
            }
            out.flush();
            continue;
          }
          if (line.startsWith("!")) {
            String again = recall(history, line);
            if (again == null) {
              Cli.printError(err, line + ": no such command in the history (see: history)");
              continue;
            }
            line = again;
            out.println(line);
          }
          history.add(line);
          appendHistory(file, line);
          List<String> args = new ArrayList<>(parentArgs);
          args.addAll(words(line));
          CommandLine cl = commandLine(root.access);
          cl.setOut(out);
          cl.setErr(err);
          last = cl.execute(args.toArray(String[]::new));
          out.flush();
        }
      }
      return last;
    }

    /** The options lpa was started with (everything between lpa and shell). */
    private List<String> parentArgs() {
      List<String> all = spec.root().commandLine().getParseResult().originalArgs();
      int lpa = all.indexOf(root.spec.name());
      int shell = all.lastIndexOf(spec.name());
      return new ArrayList<>(all.subList(lpa < 0 || lpa >= shell ? 0 : lpa + 1, shell));
    }

    private static String recall(List<String> history, String bang) {
      if (history.isEmpty()) {
        return null;
      }
      if (bang.equals("!!")) {
        return history.get(history.size() - 1);
      }
      try {
        int n = Integer.parseInt(bang.substring(1));
        return n >= 1 && n <= history.size() ? history.get(n - 1) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private static void appendHistory(Path file, String line) {
      try {
        java.nio.file.Files.writeString(
            file,
            line + "\n",
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      } catch (java.io.IOException e) {
        // a read-only home keeps the history of this session only
      }
    }

    /** Splits a line into words; '...' and "..." keep spaces (activation codes carry '$'). */
    static List<String> words(String line) {
      List<String> words = new ArrayList<>();
      StringBuilder w = new StringBuilder();
      char quote = 0;
      boolean inWord = false;
      for (char c : line.toCharArray()) {
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          } else {
            w.append(c);
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
          inWord = true;
        } else if (Character.isWhitespace(c)) {
          if (inWord) {
            words.add(w.toString());
            w.setLength(0);
            inWord = false;
          }
        } else {
          w.append(c);
          inWord = true;
        }
      }
      if (inWord) {
        words.add(w.toString());
      }
      return words;
    }
  }

  /** {@code lpa info}. */
  @Command(name = "info", description = "EID, EUICCInfo2 and configured addresses.")
  static final class Info implements Callable<Integer> {
    @ParentCommand LpaCommand root;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return root.run(
          spec,
          (s, out) -> {
            EUICCInfo2 info2 = s.es10.getEuiccInfo2().value();
            EUICCInfo1 info1 = s.es10.getEuiccInfo1().value();
            var addresses = s.es10.getConfiguredAddresses();
            Map<String, Object> data =
                JsonLines.data(
                    "eid",
                    s.es10.getEid().value(),
                    "svn",
                    version(info2.getSvn().value),
                    "profileVersion",
                    version(info2.getProfileVersion().value),
                    "firmware",
                    version(info2.getEuiccFirmwareVer().value),
                    "ciPkIdsForVerification",
                    CiTrust.verificationSkis(info1),
                    "defaultSmdpAddress",
                    addresses.getDefaultDpAddress() == null
                        ? null
                        : new String(addresses.getDefaultDpAddress().value, StandardCharsets.UTF_8),
                    "rootSmdsAddress",
                    new String(addresses.getRootDsAddress().value, StandardCharsets.UTF_8));
            if (out.json) {
              return out.ok("EID " + data.get("eid"), data);
            }
            out.text.println("EID: " + data.get("eid"));
            out.text.println("SVN: " + data.get("svn"));
            out.text.println("profile version: " + data.get("profileVersion"));
            out.text.println("firmware: " + data.get("firmware"));
            out.text.println("CI PKIds for verification: " + data.get("ciPkIdsForVerification"));
            Object dp = data.get("defaultSmdpAddress");
            out.text.println("default SM-DP+: " + (dp == null ? "-" : dp));
            out.text.println("root SM-DS: " + data.get("rootSmdsAddress"));
            return ExitCodes.OK;
          });
    }

    private static String version(byte[] v) {
      return v.length == 3 ? (v[0] & 0xFF) + "." + (v[1] & 0xFF) + "." + (v[2] & 0xFF) : hex(v);
    }
  }

  @Command(name = "readers", description = "List the PC/SC readers and whether a card is in each.")
  static final class Readers implements Callable<Integer> {
    private static final String PRESENT = "  (card present)";

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<String> lines;
      try {
        lines = PcscCard.describeReaders();
      } catch (javax.smartcardio.CardException | RuntimeException e) {
        throw CliException.peer(
            "card", "PC/SC", "PC/SC: " + e.getMessage() + "; fix: start pcscd (is it running?)");
      }
      if (lines.isEmpty()) {
        throw CliException.peer(
            "card",
            "no reader",
            "no PC/SC reader; fix: start pcscd with a reader driver (e.g. libccid, or"
                + " vsmartcard-vpcd for the software eUICC)");
      }
      OutputOptions o = OutputOptions.of(spec);
      PrintWriter out = o.human(spec.commandLine());
      JsonLines json = o.json() ? OutputOptions.jsonLines(spec) : null;
      for (String line : lines) {
        out.println(line);
        if (json != null) {
          boolean present = line.endsWith(PRESENT);
          String name = line.substring(0, line.lastIndexOf("  ("));
          json.item(line, JsonLines.data("reader", name, "cardPresent", present));
        }
      }
      out.flush();
      if (json != null) {
        json.ok(lines.size() + " reader(s)", JsonLines.data("count", lines.size()));
      }
      return ExitCodes.OK;
    }
  }
}
