package org.rspharness.smdp.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Option;

/**
 * What {@code smdp serve} and {@code smds serve} share: the PKI, the host name the server's TLS
 * certificate names, the address to listen on, and serving until stopped (Ctrl-C, SIGTERM, or an
 * interrupt from an embedding program or a test).
 */
public final class ServeOptions {

  @Option(
      names = "--pki",
      required = true,
      paramLabel = "DIR",
      description = "PKI directory (SGP.26 layout: certs generate, or your copy of SGP.26)")
  public Path pki;

  @Option(
      names = "--host",
      required = true,
      paramLabel = "HOST",
      description =
          "the server's host name (the SM-DP+ address of activation codes, the SM-DS address"
              + " of event records); its DPtls or DStls certificate must name it")
  public String host;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "address to listen on (default: ${DEFAULT-VALUE})")
  public String bind;

  /**
   * Blocks until the process is stopped (shutdown hook) or the thread is interrupted, then runs
   * {@code stop} once (closing the ports, printing what the server has to say at the end).
   */
  public static void untilStopped(String name, Runnable stop) {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.run();
              stopped.countDown();
            },
            name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // stopped from within the JVM (an embedding program, a test): close the ports now
      Runtime.getRuntime().removeShutdownHook(hook);
      stop.run();
      Thread.currentThread().interrupt();
    }
  }
}
