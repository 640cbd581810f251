package org.rspharness.smdp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.rspharness.core.cli.Cli;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.tls.TlsOptions;
import org.rspharness.smdp.SmdpSimulator;
import org.rspharness.smdp.callback.HttpOperatorNotifier;
import org.rspharness.smdp.callback.OperatorNotifier;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;
import org.rspharness.smdp.state.JdbcStateStore;
import org.rspharness.smdp.state.StateStore;
import org.rspharness.smdp.transport.ConnectionLimits;
import org.rspharness.smdp.transport.SmdpServer;
import org.rspharness.smds.es12.Es12Client;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rsp-harness smdp}: the SM-DP+ simulator on the command line.
 *
 * <p>smdp-sim must not depend on the certs module (which reads PKI directories), so the command is
 * built with a {@link PkiLoader} by the top-level CLI, which registers it as:
 *
 * <pre>{@code
 * cli.addSubcommand("smdp", SmdpCommand.commandLine(PkiDirectory::load, services));
 * }</pre>
 *
 * where {@code services} ({@link ServicesFactory}) builds the ES9+/ES2+ handlers from the PKI and
 * the serve options: {@link #SIMULATOR} (the {@link SmdpSimulator} of this module, the default of
 * {@link #commandLine(PkiLoader)}) or anything else, e.g. a stub in tests.
 */
@Command(
    name = "smdp",
    description = "Run the simulated SM-DP+ (ES9+ and ES2+ over HTTPS).",
    mixinStandardHelpOptions = true)
public final class SmdpCommand implements Callable<Integer> {

  /** Reads a PKI directory (the certs module's {@code PkiDirectory::load}). */
  @FunctionalInterface
  public interface PkiLoader {
    CredentialSource load(Path dir) throws IOException;
  }

  /**
   * What {@code serve} was asked for, for the services.
   *
   * @param host the SM-DP+ host name (its address in activation codes and ES9+ checks)
   * @param inventory the inventory file, if given
   * @param quirks the quirk names given with --quirk
   * @param smdsResolve SM-DS host names to dial elsewhere for ES12 (--smds-resolve)
   * @param strict answer an LPA's deviations with the spec's status code (--strict)
   * @param deviationEvents where deviation events go (they are printed from there)
   */
  public record ServeSettings(
      String host,
      Optional<Path> inventory,
      List<String> quirks,
      Map<String, String> smdsResolve,
      Optional<StateStore> state,
      EventLog events,
      OperatorNotifier operator,
      Consumer<ServedRequests.Entry> requestLog,
      boolean strict,
      EventLog deviationEvents) {
    public ServeSettings {
      quirks = List.copyOf(quirks);
      smdsResolve = Map.copyOf(smdsResolve == null ? Map.of() : smdsResolve);
      deviationEvents = deviationEvents == null ? events : deviationEvents;
    }

    /** Tolerant settings, deviations going to {@code events}. */
    public ServeSettings(
        String host,
        Optional<Path> inventory,
        List<String> quirks,
        Map<String, String> smdsResolve,
        Optional<StateStore> state,
        EventLog events,
        OperatorNotifier operator,
        Consumer<ServedRequests.Entry> requestLog) {
      this(host, inventory, quirks, smdsResolve, state, events, operator, requestLog, false, null);
    }

    /** Settings without SM-DS host overrides. */
    public ServeSettings(String host, Optional<Path> inventory, List<String> quirks) {
      this(host, inventory, quirks, Map.of());
    }

    /** Settings without state, events, operator or request log. */
    public ServeSettings(
        String host,
        Optional<Path> inventory,
        List<String> quirks,
        Map<String, String> smdsResolve) {
      this(
          host,
          inventory,
          quirks,
          smdsResolve,
          Optional.empty(),
          EventLog.disabled(),
          OperatorNotifier.none(),
          null);
    }
  }

  /**
   * The handlers the ports serve: ES9+ (its brainpool port may have its own), ES2+, what reloads
   * the inventory (SIGHUP; returns a line to print) and what to close at the end.
   */
  public record Handlers(
      RspHttpHandler es9,
      RspHttpHandler es9Brainpool,
      RspHttpHandler es2,
      java.util.function.Supplier<String> reload,
      AutoCloseable resources) {
    /** One ES9+ handler for both curves, nothing to reload or close. */
    public Handlers(RspHttpHandler es9, RspHttpHandler es2) {
      this(es9, es9, es2, () -> "nothing to reload", () -> {});
    }
  }

  /** Builds the services behind the ports; its exceptions' messages reach the user. */
  @FunctionalInterface
  public interface ServicesFactory {
    Handlers create(CredentialSource pki, ServeSettings settings);
  }

  /**
   * The SM-DP+ simulator: inventory from {@code --inventory}, quirks from {@code --quirk} (names as
   * {@link Quirk#parse}; {@code http-500-html=FUNCTION} names the function that answers HTML 500).
   */
  public static final ServicesFactory SIMULATOR =
      (pki, settings) -> {
        List<X509Certificate> cis = new ArrayList<>();
        for (Curve c : pki.curves()) {
          cis.add(pki.ci(c).certificate());
        }
        // ES12 to the SM-DSs that ConfirmOrder names, with CERT.DPtls as the client certificate
        SmdpSimulator.Builder b =
            SmdpSimulator.builder(pki, settings.host())
                .purgeSessionsEvery(java.time.Duration.ofSeconds(5))
                .quirks(quirks(settings.quirks()))
                .events(settings.events())
                .strict(settings.strict())
                .deviationEvents(settings.deviationEvents())
                .operatorNotifier(settings.operator())
                .smds(
                    new Es12Client(
                        pki.dpTls(Curve.NIST_P256),
                        cis,
                        settings.smdsResolve(),
                        "smdp.es12",
                        EventLog.disabled()));
        settings.inventory().ifPresent(b::inventory);
        settings.state().ifPresent(b::state);
        SmdpSimulator smdp = b.build();
        java.util.function.Function<org.rspharness.core.ids.TransactionId, String> eidOf =
            id ->
                smdp.sessions()
                    .find(id)
                    .map(s -> s.eid() == null ? null : s.eid().value())
                    .orElse(null);
        java.util.function.BiFunction<String, RspHttpHandler, RspHttpHandler> logged =
            (iface, h) ->
                ServedRequests.wrap(
                    h, iface, "smdp", settings.events(), settings.requestLog(), eidOf);
        RspHttpHandler es9 = logged.apply("es9+", smdp.es9Endpoint());
        RspHttpHandler es9Bp =
            smdp.es9BrainpoolEndpoint() == smdp.es9Endpoint()
                ? es9
                : logged.apply("es9+", smdp.es9BrainpoolEndpoint());
        return new Handlers(
            es9,
            es9Bp,
            logged.apply("es2+", smdp.es2Endpoint()),
            () -> {
              int added = smdp.reloadInventory();
              return "inventory reloaded: "
                  + added
                  + " new profile(s), "
                  + smdp.orders().size()
                  + " in all";
            },
            smdp);
      };

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  /** The {@code smdp} command serving the {@link #SIMULATOR}. */
  public static CommandLine commandLine(PkiLoader loader) {
    return commandLine(loader, SIMULATOR);
  }

  /** Parses {@code --quirk} values: quirk names, {@code http-500-html=FUNCTION}. */
  static Quirks quirks(List<String> names) {
    return Quirks.parse(names);
  }

  /** The {@code smdp} command with its {@code serve} subcommand. */
  public static CommandLine commandLine(PkiLoader loader, ServicesFactory services) {
    CommandLine cli =
        new CommandLine(new SmdpCommand()).addSubcommand("serve", new Serve(loader, services));
    // one line naming the problem (a PKI role missing, a busy port), with its exit status
    return Cli.install(cli);
  }

  /** Without a subcommand: the help, and exit 2 (nothing was done). */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** The --quirk names for the help and completion. */
  static final class QuirkNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      List<String> names = new ArrayList<>();
      for (Quirk q : Quirk.values()) {
        String n = q.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        names.add(q == Quirk.HTTP_500_HTML ? n + "=FUNCTION" : n);
      }
      return names.iterator();
    }
  }

  /** {@code smdp serve}: serve until stopped (Ctrl-C). */
  @Command(
      name = "serve",
      description = "Serve ES9+ (and optionally ES2+) until stopped with Ctrl-C.",
      mixinStandardHelpOptions = true)
  public static final class Serve implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin ServeOptions serve;

    @Option(names = "--es9-port", required = true, paramLabel = "N", description = "ES9+ port")
    int es9Port;

    @Option(
        names = "--es9-brainpool-port",
        paramLabel = "M",
        description = "ES9+ port with the brainpoolP256r1 DPtls certificate")
    Integer es9BrainpoolPort;

    @Option(names = "--es2-port", paramLabel = "P", description = "ES2+ port (mutual TLS)")
    Integer es2Port;

    @Option(
        names = "--operator-cert",
        paramLabel = "FILE",
        description = "operator certificate (PEM or DER) trusted on ES2+; repeatable")
    List<Path> operatorCerts = new ArrayList<>();

    @Option(names = "--inventory", paramLabel = "FILE", description = "inventory YAML")
    Path inventory;

    @Option(
        names = "--metrics-port",
        paramLabel = "PORT",
        description = "serve Prometheus metrics over plain HTTP at /metrics")
    Integer metricsPort;

    @Option(
        names = "--tls-cbc",
        description =
            "also offer TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 on the NIST port (BoringSSL lacks"
                + " it, so that port then runs on Bouncy Castle JSSE, several times slower per"
                + " handshake); brainpool ports always offer it")
    boolean tlsCbc;

    @Option(
        names = "--quirk",
        paramLabel = "NAME",
        completionCandidates = QuirkNames.class,
        description =
            "behave like an SM-DP+ met in the field (repeatable; all off by default):"
                + " ${COMPLETION-CANDIDATES}")
    List<String> quirks = new ArrayList<>();

    @Option(
        names = "--state",
        paramLabel = "DIR",
        description =
            "keep orders, sessions, history and operator callbacks in DIR (embedded SQLite,"
                + " created if absent): they survive a restart, also kill -9")
    Path stateDir;

    @Option(
        names = "--state-db",
        paramLabel = "URL",
        description =
            "keep the state in this database instead (jdbc:postgresql://HOST/DB?user=U&password=P),"
                + " e.g. for several SM-DP+s behind one address")
    String stateDb;

    @Option(
        names = "--state-fsync",
        paramLabel = "WHICH",
        defaultValue = "es2",
        description =
            "which commits are flushed to the disk before the answer: es2 (ES2+ orders; ES9+"
                + " steps survive a crash of the process, a power cut may lose the last ones) or"
                + " all (default: ${DEFAULT-VALUE})")
    String stateFsync;

    @Option(
        names = "--events",
        paramLabel = "FILE",
        description =
            "write every event (requests and answers, sessions, order transitions, callbacks) to"
                + " FILE as JSON lines; rsp-harness report FILE draws them")
    Path eventsFile;

    @Option(
        names = {"-v", "--verbose"},
        description = "print one line per request: function, transactionId, EID, outcome, ms")
    boolean verbose;

    @Option(
        names = "--operator-callback",
        paramLabel = "URL",
        description =
            "operator base URL for ES2+ HandleDownloadProgressInfo (http://, or https:// trusting"
                + " the --operator-cert certificates, presenting DPtls)")
    java.net.URI operatorCallback;

    @Option(
        names = "--request-deadline",
        paramLabel = "SECONDS",
        defaultValue = "30",
        description = "time a client has to send a whole request (default: ${DEFAULT-VALUE})")
    int requestDeadline;

    @Option(
        names = "--max-connections-per-client",
        paramLabel = "N",
        defaultValue = "256",
        description = "open connections one client address may hold (default: ${DEFAULT-VALUE})")
    int maxConnectionsPerClient;

    @Option(
        names = "--idle-timeout",
        paramLabel = "SECONDS",
        defaultValue = "60",
        description = "close a connection idle this long (default: ${DEFAULT-VALUE})")
    int idleTimeout;

    @Option(
        names = "--smds-resolve",
        paramLabel = "HOST=ADDR",
        description =
            "send the SM-DS HOST a ConfirmOrder names to ADDR (host:port of its ES12 port)"
                + " instead of DNS; TLS still checks HOST")
    Map<String, String> smdsResolve = new LinkedHashMap<>();

    @Option(
        names = "--strict",
        description =
            "answer each deviation of an LPA from SGP.22 (wrong Content-Type, unknown"
                + " X-Admin-Protocol, members or base64 SGP.22 does not define) with the status code"
                + " the spec gives, instead of serving it as field SM-DP+s do; exit 1 when any was"
                + " seen. Either way each deviation is printed on stderr")
    boolean strict;

    private final java.util.concurrent.atomic.AtomicLong deviationsSeen =
        new java.util.concurrent.atomic.AtomicLong();

    private final PkiLoader loader;
    private final ServicesFactory services;

    Serve(PkiLoader loader, ServicesFactory services) {
      this.loader = Objects.requireNonNull(loader, "loader");
      this.services = Objects.requireNonNull(services, "services");
    }

    private Handlers handlers;
    private EventsJsonl.Sink eventSink;

    @Override
    public Integer call() throws Exception {
      SmdpServer server = start();
      PrintWriter out = spec.commandLine().getOut();
      // before the line that says it is up: a supervisor may send SIGHUP as soon as it reads it
      installReloadSignal(out);
      if (OutputOptions.of(spec).json()) {
        OutputOptions.jsonLines(spec)
            .progress(server.summary(), JsonLines.data("host", serve.host, "listening", true));
      } else {
        out.println(server.summary());
        out.println(org.rspharness.core.crypto.NativeEc.description());
        out.flush();
      }
      ServeOptions.untilStopped(
          "smdp",
          () -> {
            server.close();
            closeResources();
            deviationSummary();
          });
      return exitCode();
    }

    /** 1 (FAILED) when {@code --strict} refused a deviation, else 0. */
    int exitCode() {
      return strict && deviationsSeen.get() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** The deviations seen, one line on stderr when there were any. */
    private void deviationSummary() {
      long n = deviationsSeen.get();
      if (n > 0) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(
            "smdp: "
                + n
                + " deviation(s) from SGP.22 by LPAs"
                + (strict ? ", each refused (--strict): exit 1" : ", each served"));
        err.flush();
      }
    }

    /** Counts and prints each deviation event, one line on stderr. */
    private org.rspharness.core.event.EventSink deviationPrinter() {
      PrintWriter err = spec.commandLine().getErr();
      return e -> {
        if (e.payload() instanceof EventPayload.Deviation d) {
          deviationsSeen.incrementAndGet();
          synchronized (err) {
            err.println(
                "smdp: deviation: "
                    + d.who()
                    + " broke "
                    + d.clause()
                    + " ("
                    + d.rule()
                    + "): "
                    + d.observed()
                    + ", expected "
                    + d.limit()
                    + (d.tolerated() ? "; served" : "; refused (--strict)"));
            err.flush();
          }
        }
      };
    }

    /** SIGHUP reloads the inventory (new profiles added, state kept). */
    private void installReloadSignal(PrintWriter out) {
      try {
        sun.misc.Signal.handle(
            new sun.misc.Signal("HUP"),
            sig -> {
              String line;
              try {
                line = reload();
              } catch (RuntimeException e) {
                line = "inventory not reloaded: " + e.getMessage();
              }
              synchronized (out) {
                out.println(line);
                out.flush();
              }
            });
      } catch (IllegalArgumentException | UnsupportedOperationException noSignal) {
        // no SIGHUP on this platform: the inventory stays as loaded
      }
    }

    /** Reloads the inventory (what SIGHUP does); the line says what changed. */
    String reload() {
      return handlers.reload().get();
    }

    void closeResources() {
      if (handlers != null) {
        try {
          handlers.resources().close();
        } catch (Exception e) {
          spec.commandLine().getErr().println("smdp: closing: " + e.getMessage());
        }
      }
      if (eventSink != null) {
        eventSink.close();
      }
    }

    /** Loads the PKI, builds the services and starts the ports (what {@code call} runs first). */
    SmdpServer start() throws IOException {
      if (es2Port != null && operatorCerts.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--es2-port needs at least one --operator-cert FILE");
      }
      CredentialSource source = loader.load(serve.pki);
      List<X509Certificate> operators = new ArrayList<>();
      for (Path p : operatorCerts) {
        operators.add(readCertificate(p));
      }
      SmdpServer.Config config =
          new SmdpServer.Config(
              serve.host,
              serve.bind,
              es9Port,
              es9BrainpoolPort == null ? -1 : es9BrainpoolPort,
              es2Port == null ? -1 : es2Port,
              operators,
              metricsPort == null ? -1 : metricsPort,
              tlsCbc ? TlsOptions.sgp22() : TlsOptions.gcmOnly());
      if (stateDir != null && stateDb != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--state and --state-db: give one of them, not both");
      }
      EventLog events = EventLog.disabled();
      if (eventsFile != null) {
        java.io.Writer file =
            Files.newBufferedWriter(eventsFile, java.nio.charset.StandardCharsets.UTF_8);
        // a server runs until killed: each event reaches the file as it happens
        eventSink =
            EventsJsonl.writer(
                new java.io.FilterWriter(file) {
                  @Override
                  public void write(String s, int off, int len) throws IOException {
                    super.write(s, off, len);
                    flush();
                  }
                });
        events = EventLog.system().addSink(eventSink);
      }
      // deviations are printed whether or not the other events are kept
      EventLog deviationEvents =
          (events.enabled() ? events : EventLog.system()).addSink(deviationPrinter());
      PrintWriter out = spec.commandLine().getOut();
      Consumer<ServedRequests.Entry> requestLog =
          verbose
              ? e -> {
                synchronized (out) {
                  out.println(e.line());
                  out.flush();
                }
              }
              : null;
      if (OutputOptions.of(spec).json()) {
        Consumer<ServedRequests.Entry> json = RequestLog.to(OutputOptions.jsonLines(spec));
        requestLog = requestLog == null ? json : requestLog.andThen(json);
      }
      OperatorNotifier operator = operatorNotifier(source, operators, events);
      if (!stateFsync.equals("es2") && !stateFsync.equals("all")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--state-fsync " + stateFsync + ": expected es2 or all");
      }
      boolean fsyncAll = stateFsync.equals("all");
      Optional<StateStore> state =
          stateDir != null
              ? Optional.of(JdbcStateStore.embedded(stateDir).fsyncAlways(fsyncAll))
              : stateDb != null
                  ? Optional.of(JdbcStateStore.open(stateDb, null, null).fsyncAlways(fsyncAll))
                  : Optional.empty();
      try {
        handlers =
            services.create(
                source,
                new ServeSettings(
                    serve.host,
                    Optional.ofNullable(inventory),
                    quirks,
                    smdsResolve,
                    state,
                    events,
                    operator,
                    requestLog,
                    strict,
                    deviationEvents));
        ConnectionLimits limits =
            new ConnectionLimits(
                java.time.Duration.ofSeconds(requestDeadline),
                maxConnectionsPerClient,
                java.time.Duration.ofSeconds(idleTimeout));
        RspHttpHandler es9 = handlers.es9();
        RspHttpHandler es9Brainpool = handlers.es9Brainpool();
        RspHttpHandler es2 = handlers.es2();
        return SmdpServer.start(
            source, config, es9, es9Brainpool, es2, SmdpServer.newRegistry(), events, limits);
      } catch (RuntimeException e) {
        closeResources();
        state.ifPresent(StateStore::close);
        throw e;
      }
    }

    private OperatorNotifier operatorNotifier(
        CredentialSource source, List<X509Certificate> operators, EventLog events)
        throws IOException {
      if (operatorCallback == null) {
        return OperatorNotifier.none();
      }
      String scheme = String.valueOf(operatorCallback.getScheme());
      org.rspharness.core.pki.Credential dpTls = null;
      if (scheme.equals("https")) {
        if (operators.isEmpty()) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "--operator-callback https://...: needs --operator-cert FILE to trust");
        }
        dpTls = source.dpTls(org.rspharness.core.crypto.Curve.NIST_P256);
      } else if (!scheme.equals("http")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--operator-callback " + operatorCallback + ": expected an http:// or https:// URL");
      }
      org.rspharness.core.transport.http.RspHttpClient client =
          org.rspharness.smdp.transport.OperatorCallbackClient.open(dpTls, operators, events);
      return new HttpOperatorNotifier(
          client, operatorCallback, serve.host, 5, java.time.Duration.ofSeconds(1), events);
    }

    static X509Certificate readCertificate(Path file) throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--operator-cert " + file + ": no such file");
      }
      try (InputStream in = Files.newInputStream(file)) {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      } catch (CertificateException | ClassCastException e) {
        throw new IllegalArgumentException(
            "--operator-cert " + file + ": not an X.509 certificate (PEM or DER)", e);
      }
    }
  }
}
