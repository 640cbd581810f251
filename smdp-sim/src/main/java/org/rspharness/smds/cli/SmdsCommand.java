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
import java.util.concurrent.CountDownLatch;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.pki.CredentialSource;
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
public final class SmdsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The {@code smds} command with its {@code serve} subcommand. */
  public static CommandLine commandLine(PkiLoader loader) {
    CommandLine cli = new CommandLine(new SmdsCommand()).addSubcommand("serve", new Serve(loader));
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("smds: " + ex.getMessage());
          return 2;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code smds serve}: serve until stopped (Ctrl-C). */
  @Command(
      name = "serve",
      description = "Serve ES11 and ES12 until stopped with Ctrl-C.",
      mixinStandardHelpOptions = true)
  public static final class Serve implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--pki", required = true, paramLabel = "DIR", description = "PKI directory")
    Path pki;

    @Option(
        names = "--host",
        required = true,
        paramLabel = "HOST",
        description = "SM-DS host name (the eUICC's root SM-DS address, or an alternative one)")
    String host;

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
        names = "--bind",
        paramLabel = "ADDR",
        defaultValue = "127.0.0.1",
        description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(
        names = {"-v", "--verbose"},
        description = "print each event record change and each ES11/ES12 outcome")
    boolean verbose;

    private final PkiLoader loader;
    private final CountDownLatch stopped = new CountDownLatch(1);

    Serve(PkiLoader loader) {
      this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      EventLog events =
          verbose
              ? EventLog.system()
                  .addSink(
                      e -> {
                        if (e.source().startsWith(SmdsSimulator.SOURCE)
                            && (e.payload() instanceof EventPayload.StateTransition
                                || e.payload() instanceof EventPayload.Note)) {
                          out.println(e.payload());
                          out.flush();
                        }
                      })
              : EventLog.disabled();
      Started s = start(events);
      out.println(
          s.server().summary(s.smds())
              + (s.state() == null
                  ? ""
                  : "; state "
                      + s.state().describe()
                      + " with "
                      + s.smds().events().all().size()
                      + " event record(s)"));
      out.flush();
      Thread hook =
          new Thread(
              () -> {
                s.close();
                stopped.countDown();
              },
              "smds-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stopped.await();
      } catch (InterruptedException e) {
        // stopped from within the JVM (an embedding program, a test): close the ports now
        Runtime.getRuntime().removeShutdownHook(hook);
        s.close();
        Thread.currentThread().interrupt();
      }
      return 0;
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
      CredentialSource source = loader.load(pki);
      SmdsStateStore state = stateDir == null ? null : SmdsStateStore.open(stateDir);
      SmdsSimulator.Builder b = SmdsSimulator.builder(source, host).events(events).state(state);
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
                    bind,
                    es11Port,
                    es11BrainpoolPort == null ? -1 : es11BrainpoolPort,
                    es12Port == null ? -1 : es12Port),
                smds,
                events);
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
