package org.rspharness.smdp;

import org.rspharness.smdp.cli.SmdpCommand;

/**
 * {@code smdp} as its own process over the fixture PKI (the crash campaign's child): the real
 * command line, with {@code --pki} read as {@link #PKI} whatever directory it names.
 */
public final class SmdpServeMain {

  /** A PKI without bad variants (quick to build in every restarted child), the same each time. */
  public static final org.rspharness.certs.TestPki PKI =
      org.rspharness.certs.TestPki.builder()
          .random(org.rspharness.core.random.RandomSource.seeded(20261207))
          .validFrom(java.time.Instant.parse("2026-11-01T00:00:00Z"))
          .smdpHost(SmdpFixture.HOST)
          .build();

  private SmdpServeMain() {}

  public static void main(String[] args) {
    System.exit(SmdpCommand.commandLine(dir -> PKI).execute(args));
  }
}
