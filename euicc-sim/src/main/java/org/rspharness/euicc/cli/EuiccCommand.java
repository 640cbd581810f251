package org.rspharness.euicc.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.rspharness.core.cli.Cli;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.euicc.Euicc;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.euicc.store.EuiccState;
import org.rspharness.euicc.store.FileStateStore;
import org.rspharness.euicc.transport.vpcd.VpcdAddress;
import org.rspharness.euicc.transport.vpcd.VpcdClient;
import org.rspharness.euicc.transport.vpcd.VpcdServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code euicc init --pki DIR [--curve nist|brainpool] --state FILE} creates a card file (the
 * persistent state, naming the PKI directory it takes its identity from); {@code euicc serve
 * --state FILE (--vpcd HOST:PORT | --vpcd-listen ADDR:PORT[,ADDR:PORT...])} puts that card in a
 * virtual PC/SC reader.
 *
 * <p>euicc-sim does not depend on the certs module, so the PKI directory loader is injected: the
 * top-level CLI passes {@code PkiDirectory::load} ({@code new EuiccCommand(PkiDirectory::load)}).
 */
@Command(
    name = "euicc",
    mixinStandardHelpOptions = true,
    description = "Software eUICC: create a card file, serve it to PC/SC through vpcd.")
public final class EuiccCommand implements Callable<Integer> {

  private final Function<Path, CredentialSource> pkiLoader;

  @Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  /** A command loading PKI directories with {@code pkiLoader} (e.g. PkiDirectory::load). */
  public EuiccCommand(Function<Path, CredentialSource> pkiLoader) {
    if (pkiLoader == null) {
      throw new IllegalArgumentException("pkiLoader must not be null");
    }
    this.pkiLoader = pkiLoader;
  }

  /** The picocli command line with its subcommands wired to {@code pkiLoader}. */
  public static CommandLine commandLine(Function<Path, CredentialSource> pkiLoader) {
    EuiccCommand root = new EuiccCommand(pkiLoader);
    CommandLine cl = new CommandLine(root);
    cl.addSubcommand("init", new Init(root));
    cl.addSubcommand("serve", new Serve(root));
    return Cli.install(cl);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  /** Opens the card of a state file. */
  public static Euicc open(Function<Path, CredentialSource> loader, Path stateFile) {
    return open(loader, stateFile, EventLog.disabled());
  }

  /** Opens the card of a state file, its APDUs and ES10 commands logged to {@code events}. */
  static Euicc open(Function<Path, CredentialSource> loader, Path stateFile, EventLog events) {
    FileStateStore store = new FileStateStore(stateFile);
    EuiccState state =
        store
            .load()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no card state at "
                            + stateFile
                            + " (create one with: rsp-harness euicc init --pki DIR --state "
                            + stateFile
                            + ")"));
    if (state.setup() == null) {
      throw new IllegalArgumentException(
          "state "
              + stateFile
              + " names no PKI directory; recreate it with euicc init --pki DIR --force");
    }
    Set<Curve> curves = EnumSet.noneOf(Curve.class);
    for (String c : state.setup().curves()) {
      curves.add(Curve.parse(c));
    }
    Path pki = Path.of(state.setup().pkiDirectory());
    EuiccConfig config =
        EuiccConfig.defaults().withCurves(curves).withDefaultSmdpAddress(state.defaultDpAddress());
    // Start-up: with the EID recorded, the PKI is read only when a command needs a key or a
    // certificate (a profile listing does not).
    EuiccIdentity identity =
        state.setup().eid() == null
            ? EuiccIdentity.from(loader.apply(pki), curves)
            : EuiccIdentity.lazy(
                Eid.of(state.setup().eid()), () -> EuiccIdentity.from(loader.apply(pki), curves));
    return Euicc.builder(identity).config(config).store(store).events(events).build();
  }

  /** {@code euicc init}. */
  @Command(name = "init", description = "Create a card state file from a PKI directory.")
  static final class Init implements Callable<Integer> {
    private final EuiccCommand root;

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--pki",
        required = true,
        paramLabel = "DIR",
        description = "PKI directory (SGP.26 layout) giving the eUICC its certificate and keys")
    Path pki;

    @Option(
        names = "--curve",
        paramLabel = "nist|brainpool",
        description = "nist or brainpool (default: every curve the PKI has an eUICC for)")
    String curve;

    @Option(
        names = "--state",
        required = true,
        paramLabel = "FILE",
        description = "card state file to create")
    Path state;

    @Option(
        names = "--default-smdp",
        paramLabel = "ADDRESS",
        description =
            "the card's default SM-DP+ address (host[:port]), for lpa download --default-smdp")
    String defaultSmdp;

    @Option(names = "--force", description = "overwrite an existing state file")
    boolean force;

    Init(EuiccCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      if (Files.exists(state) && !force) {
        throw new IllegalArgumentException(state + " exists (use --force to replace it)");
      }
      Set<Curve> curves = curve == null ? Set.of() : Set.of(Curve.parse(curve));
      CredentialSource source = root.pkiLoader.apply(pki);
      EuiccIdentity identity = EuiccIdentity.from(source, curves);
      EuiccConfig config = EuiccConfig.defaults().withDefaultSmdpAddress(defaultSmdp);
      List<String> tags = new ArrayList<>();
      for (Curve c : identity.curves()) {
        tags.add(c.fileTag());
      }
      EuiccState initial =
          EuiccState.initial(config.defaultSmdpAddress(), config.rootSmdsAddress())
              .withSetup(
                  new EuiccState.Setup(
                      pki.toAbsolutePath().toString(), tags, identity.eid().value()));
      new FileStateStore(state).save(initial);
      String line =
          "EID "
              + identity.eid().value()
              + " curves "
              + String.join(",", tags)
              + "\nstate "
              + state.toAbsolutePath();
      if (OutputOptions.of(spec).json()) {
        OutputOptions.jsonLines(spec)
            .ok(
                line.replace('\n', ' '),
                JsonLines.data(
                    "eid",
                    identity.eid().value(),
                    "curves",
                    tags,
                    "state",
                    state.toAbsolutePath().toString()));
      } else {
        spec.commandLine().getOut().println(line);
      }
      return 0;
    }
  }

  /** {@code euicc serve}. */
  @Command(name = "serve", description = "Serve a card to PC/SC through vsmartcard vpcd.")
  static final class Serve implements Callable<Integer> {
    private final EuiccCommand root;

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--state",
        required = true,
        paramLabel = "FILE",
        description = "card state file (made by euicc init)")
    Path state;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(
        names = "--events",
        paramLabel = "FILE",
        description =
            "write the card's events (each APDU, and each ES10 command it ran) to FILE as"
                + " events.jsonl, for rsp-harness report")
    Path events;

    @Option(
        names = "--max-seconds",
        hidden = true,
        description = "stop after this many seconds (tests); 0 runs until interrupted")
    long maxSeconds;

    static final class Mode {
      @Option(
          names = "--vpcd",
          paramLabel = "HOST:PORT",
          description = "connect to vpcd at HOST:PORT (its stock setup)")
      String vpcd;

      @Option(
          names = "--vpcd-listen",
          split = ",",
          paramLabel = "ADDR:PORT",
          description = "listen for vpcd (reversed mode) on ADDR:PORT[,ADDR:PORT...]; same card")
      List<String> listen;

      @Option(
          names = "--stdio",
          description =
              "speak lpac's stdio APDU driver protocol (ndJSON) on standard input and output:"
                  + " LPAC_APDU=stdio lpac ... with its stdin/stdout connected to these")
      boolean stdio;
    }

    Serve(EuiccCommand root) {
      this.root = root;
    }

    /** A reader slot is served: a human line, or a progress line with --json. */
    private void serving(PrintWriter out, String line, InetSocketAddress address) {
      if (OutputOptions.of(spec).json()) {
        OutputOptions.jsonLines(spec).progress(line, JsonLines.data("address", address.toString()));
      } else {
        out.println(line);
        out.flush();
      }
    }

    @Override
    public Integer call() throws Exception {
      if (events == null) {
        return serve(open(root.pkiLoader, state));
      }
      EventsJsonl.Sink sink =
          EventsJsonl.writer(Files.newBufferedWriter(events, StandardCharsets.UTF_8));
      // a server stopped by a signal still leaves a complete file
      Thread closer = new Thread(sink::close, "events-file");
      Runtime.getRuntime().addShutdownHook(closer);
      try {
        return serve(open(root.pkiLoader, state, EventLog.system().addSink(sink)));
      } finally {
        Runtime.getRuntime().removeShutdownHook(closer);
        sink.close();
      }
    }

    private int serve(Euicc euicc) throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Duration limit = maxSeconds > 0 ? Duration.ofSeconds(maxSeconds) : Duration.ofDays(3650);
      if (mode.stdio) {
        // standard output is the protocol: the start-up line goes to standard error
        spec.commandLine()
            .getErr()
            .println("EID " + euicc.eid().value() + " serving lpac's stdio APDU protocol");
        spec.commandLine().getErr().flush();
        new org.rspharness.euicc.transport.stdio.StdioApduDriver(euicc)
            .serve(System.in, System.out);
        return 0;
      }
      if (mode.vpcd != null) {
        InetSocketAddress address = VpcdAddress.parse(mode.vpcd);
        try (VpcdClient client = VpcdClient.connect(address, euicc)) {
          serving(out, "EID " + euicc.eid().value() + " connected to vpcd " + address, address);
          client.awaitDisconnect(limit);
        }
        return 0;
      }
      List<InetSocketAddress> addresses = new ArrayList<>();
      for (String a : mode.listen) {
        addresses.add(VpcdAddress.parse(a));
      }
      List<VpcdServer> servers = VpcdServer.listenAll(addresses, slot -> euicc);
      try {
        for (VpcdServer s : servers) {
          serving(
              out,
              "EID " + euicc.eid().value() + " listening for vpcd on " + s.localAddress(),
              s.localAddress());
        }
        Thread.sleep(limit.toMillis());
      } finally {
        servers.forEach(VpcdServer::close);
      }
      return 0;
    }
  }
}
