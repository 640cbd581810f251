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
import java.util.concurrent.CountDownLatch;
import org.rspharness.core.cli.Cli;
import org.rspharness.core.cli.ExitCodes;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.cli.OutputOptions;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.tls.TlsOptions;
import org.rspharness.smdp.Quirk;
import org.rspharness.smdp.Quirks;
import org.rspharness.smdp.SmdpSimulator;
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
   */
  public record ServeSettings(
      String host, Optional<Path> inventory, List<String> quirks, Map<String, String> smdsResolve) {
    public ServeSettings {
      quirks = List.copyOf(quirks);
      smdsResolve = Map.copyOf(smdsResolve == null ? Map.of() : smdsResolve);
    }

    /** Settings without SM-DS host overrides. */
    public ServeSettings(String host, Optional<Path> inventory, List<String> quirks) {
      this(host, inventory, quirks, Map.of());
    }
  }

  /** The ES9+ and ES2+ handlers the ports serve. */
  public record Handlers(RspHttpHandler es9, RspHttpHandler es2) {}

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
                .quirks(quirks(settings.quirks()))
                .smds(
                    new Es12Client(
                        pki.dpTls(Curve.NIST_P256),
                        cis,
                        settings.smdsResolve(),
                        "smdp.es12",
                        EventLog.disabled()));
        settings.inventory().ifPresent(b::inventory);
        SmdpSimulator smdp = b.build();
        return new Handlers(smdp.es9Endpoint(), smdp.es2Endpoint());
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

    @Option(names = "--pki", required = true, paramLabel = "DIR", description = "PKI directory")
    Path pki;

    @Option(
        names = "--host",
        required = true,
        paramLabel = "HOST",
        description = "SM-DP+ host name; the DPtls certificate must name it")
    String host;

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
        names = "--bind",
        paramLabel = "ADDR",
        defaultValue = "127.0.0.1",
        description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

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
        names = "--smds-resolve",
        paramLabel = "HOST=ADDR",
        description =
            "send the SM-DS HOST a ConfirmOrder names to ADDR (host:port of its ES12 port)"
                + " instead of DNS; TLS still checks HOST")
    Map<String, String> smdsResolve = new LinkedHashMap<>();

    private final PkiLoader loader;
    private final ServicesFactory services;
    private final CountDownLatch stopped = new CountDownLatch(1);

    Serve(PkiLoader loader, ServicesFactory services) {
      this.loader = Objects.requireNonNull(loader, "loader");
      this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public Integer call() throws Exception {
      SmdpServer server = start();
      if (OutputOptions.of(spec).json()) {
        OutputOptions.jsonLines(spec)
            .progress(server.summary(), JsonLines.data("host", host, "listening", true));
      } else {
        PrintWriter out = spec.commandLine().getOut();
        out.println(server.summary());
        out.flush();
      }
      Thread hook =
          new Thread(
              () -> {
                server.close();
                stopped.countDown();
              },
              "smdp-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stopped.await();
      } catch (InterruptedException e) {
        // stopped from within the JVM (an embedding program, a test): close the ports now
        Runtime.getRuntime().removeShutdownHook(hook);
        server.close();
        Thread.currentThread().interrupt();
      }
      return 0;
    }

    /** Loads the PKI, builds the services and starts the ports (what {@code call} runs first). */
    SmdpServer start() throws IOException {
      if (es2Port != null && operatorCerts.isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--es2-port needs at least one --operator-cert FILE");
      }
      CredentialSource source = loader.load(pki);
      List<X509Certificate> operators = new ArrayList<>();
      for (Path p : operatorCerts) {
        operators.add(readCertificate(p));
      }
      SmdpServer.Config config =
          new SmdpServer.Config(
              host,
              bind,
              es9Port,
              es9BrainpoolPort == null ? -1 : es9BrainpoolPort,
              es2Port == null ? -1 : es2Port,
              operators,
              metricsPort == null ? -1 : metricsPort,
              tlsCbc ? TlsOptions.sgp22() : TlsOptions.gcmOnly());
      Handlers handlers =
          services.create(
              source, new ServeSettings(host, Optional.ofNullable(inventory), quirks, smdsResolve));
      RspHttpHandler es9 = handlers.es9();
      RspHttpHandler es2 = handlers.es2();
      if (OutputOptions.of(spec).json()) {
        JsonLines lines = OutputOptions.jsonLines(spec);
        es9 = RequestLog.wrap("es9+", es9, lines);
        es2 = RequestLog.wrap("es2+", es2, lines);
      }
      return SmdpServer.start(
          source, config, es9, es2, SmdpServer.newRegistry(), EventLog.disabled());
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
