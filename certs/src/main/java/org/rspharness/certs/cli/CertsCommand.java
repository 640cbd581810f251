package org.rspharness.certs.cli;

import picocli.CommandLine.Command;

/** {@code rsp-harness certs}: generate and inspect test PKIs. */
@Command(
    name = "certs",
    description = "Generate and inspect SGP.22 test PKIs in the SGP.26 directory layout.",
    mixinStandardHelpOptions = true)
public final class CertsCommand {}
