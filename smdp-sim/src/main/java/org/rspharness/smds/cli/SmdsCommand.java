package org.rspharness.smds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.rspharness.core.cli.Cli;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.smdp.cli.RequestLog;
import org.rspharness.smdp.cli.ServeOptions;
import org.rspharness.smdp.cli.ServedRequests;
import org.rspharness.smdp.cli.SmdpCommand.PkiLoader;
import org.rspharness.smds.SmdsSimulator;
import org.rspharness.smds.es12.Es12Client;
import org.rspharness.smds.state.SmdsStateStore;
import org.rspharness.smds.transport.SmdsServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rsp-harness smds}: the SM-DS simulator on the command line. Like {@code smdp}, it is built
 * with a {@link PkiLoader} by the top-level CLI:
 *
 * <pre>{@code
 * cli.addSubcommand("smds", SmdsCommand.commandLine(PkiDirectory::load));
 * }</pre>
 */
@Command(
    name = "smds",
    description = "Run the simulated SM-DS (ES11 for LPAs, ES12 for SM-DP+s, over HTTPS).",
    mixinStandardHelpOptions = true)
public final class SmdsCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin(name = OutputOptions.MIXIN)
  OutputOptions output;

  /** The {@code smds} command with its {@code serve} subcommand. */
  public static CommandLine commandLine(PkiLoader loader) {
    // one line naming the problem (a PKI role missing, a busy port), with its exit status
    return Cli.install(
        new CommandLine(new SmdsCommand()).addSubcommand("serve", new Serve(loader)));
  }

  /** Without a subcommand: the help, and exit 2 (nothing was done). */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** {@code smds serve}: serve until stopped (Ctrl-C). */
  @Command(
      name = "serve",
      description = "Serve ES11 and ES12 until stopped with Ctrl-C.",
      mixinStandardHelpOptions = true)
  public static final class Serve implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin ServeOptions serve;

    @Option(names = "--es11-port", required = true, paramLabel = "N", description = "ES11 port")
    int es11Port;

    @Option(
        names = "--es11-brainpool-port",
        paramLabel = "M",
        description = "ES11 port with the brainpoolP256r1 DStls certificate")
    Integer es11BrainpoolPort;

    @Option(
        names = "--es12-port",
        paramLabel = "P",
        description = "ES12 port (mutual TLS: SM-DP+ DPtls certificates of the PKI's CIs)")
    Integer es12Port;

    @Option(
        names = "--root-smds",
        paramLabel = "HOST[:PORT]",
        description =
            "run as an alternative SM-DS forwarding events (forwardingIndicator) to this root"
                + " SM-DS's ES12 port (ES15)")
    String rootSmds;

    @Option(
        names = "--resolve",
        paramLabel = "HOST=ADDR",
        description = "send HOST to ADDR instead of DNS when forwarding to the root SM-DS")
    Map<String, String> resolve = new LinkedHashMap<>();

    @Option(
        names = "--state",
        paramLabel = "DIR",
        description =
            "keep the event records in DIR (smds.db, SQLite; created if absent) so that they"
                + " survive a restart; default: memory only")
    Path stateDir;

    @Option(
        names = {"-v", "--verbose"},
        description = "print each event record change and each ES11/ES12 outcome")
    boolean verbose;

    private final PkiLoader loader;

    Serve(PkiLoader loader) {
      this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      JsonLines json = OutputOptions.of(spec).json() ? OutputOptions.jsonLines(spec) : null;
      EventLog events =
          verbose
              ? EventLog.system()
                  .addSink(
                      e -> {
                        if (e.source().startsWith(SmdsSimulator.SOURCE)) {
                          verbose(out, json, e.payload());
                        }
                      })
              : EventLog.disabled();
      Started s = start(events, json == null ? null : RequestLog.to(json));
      int held = s.smds().events().all().size();
      String summary =
          s.server().summary(s.smds())
              + (s.state() == null
                  ? ""
                  : "; state " + s.state().describe() + " with " + held + " event record(s)");
      if (json != null) {
        json.progress(
            summary, JsonLines.data("host", serve.host, "listening", true, "eventRecords", held));
      } else {
        out.println(summary);
        out.flush();
      }
      ServeOptions.untilStopped("smds", s::close);
      return ExitCodes.OK;
    }

    /** A {@code -v} line: an event record change or an ES11/ES12 outcome (with --json, JSON). */
    private static void verbose(PrintWriter out, JsonLines json, EventPayload p) {
      if (json != null && p instanceof EventPayload.StateTransition t) {
        json.progress(
            p.toString(),
            JsonLines.data(
                "eventRecord", t.id(), "from", t.from(), "to", t.to(), "cause", t.cause()));
      } else if (json != null && p instanceof EventPayload.Note n) {
        json.progress(n.text(), null);
      } else if (p instanceof EventPayload.StateTransition || p instanceof EventPayload.Note) {
        synchronized (out) {
          out.println(p);
          out.flush();
        }
      }
    }

    /** The simulator, its ports and its state store (null without --state). */
    record Started(SmdsSimulator smds, SmdsServer server, SmdsStateStore state)
        implements AutoCloseable {
      @Override
      public void close() {
        server.close();
        if (state != null) {
          state.close();
        }
      }
    }

    /** Loads the PKI, builds the SM-DS and starts its ports. */
    Started start(EventLog events) throws IOException {
      return start(events, null);
    }

    /** The same, each request served going to {@code requestLog} when it is not null. */
    Started start(EventLog events, Consumer<ServedRequests.Entry> requestLog) throws IOException {
      CredentialSource source = loader.load(serve.pki);
      SmdsStateStore state = stateDir == null ? null : SmdsStateStore.open(stateDir);
      SmdsSimulator.Builder b =
          SmdsSimulator.builder(source, serve.host).events(events).state(state);
      if (rootSmds != null) {
        List<X509Certificate> cis = new ArrayList<>();
        for (Curve c : source.curves()) {
          cis.add(source.ci(c).certificate());
        }
        b.forwardTo(
            SmdpAddress.parseLenient(rootSmds),
            new Es12Client(source.dsTls(Curve.NIST_P256), cis, resolve, "smds.es15", events));
      }
      SmdsSimulator smds = b.build();
      SmdsServer server;
      try {
        server =
            SmdsServer.start(
                source,
                new SmdsServer.Config(
                    serve.bind,
                    es11Port,
                    es11BrainpoolPort == null ? -1 : es11BrainpoolPort,
                    es12Port == null ? -1 : es12Port),
                smds,
                events,
                (iface, h) ->
                    ServedRequests.wrap(
                        h, iface, "smds", EventLog.disabled(), requestLog, id -> null));
      } catch (RuntimeException e) {
        if (state != null) {
          state.close();
        }
        throw e;
      }
      return new Started(smds, server, state);
    }
  }
}
