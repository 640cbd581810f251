package org.rspharness.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transport at the edge (DESIGN.md, issue 14): no main class outside a {@code ..transport..}
 * package refers to a Netty type. Read from the compiled classes of every module ({@link
 * PackageGraph}), so a Netty type reached through {@code var}, a fully qualified name or a method's
 * return type counts as much as an import.
 */
class NettyOnlyInTransportTest {

  @Test
  void noPackageOutsideATransportPackageUsesNetty() throws Exception {
    PackageGraph graph = new PackageGraph("");
    for (String marker : PackageCycleTest.MODULE_MARKERS) {
      graph.addClasses(PackageCycleTest.codeSource(marker));
    }
    List<String> netty = graph.edgesInto("io.netty.");
    // the check can fail: the transport packages themselves are found using Netty
    assertThat(netty).anyMatch(e -> e.startsWith("org.rspharness.core.transport.http -> "));
    assertThat(netty)
        .as("Netty outside *.transport packages (move the Netty part into one)")
        .allMatch(e -> isTransport(e.substring(0, e.indexOf(' '))));
  }

  /** Whether a package is, or lies inside, a package named {@code transport}. */
  private static boolean isTransport(String pkg) {
    return ("." + pkg + ".").contains(".transport.");
  }

  @Test
  void aPackageNamedTransportAnywhereInItsNameCounts() {
    assertThat(isTransport("org.rspharness.euicc.transport.pcsc")).isTrue();
    assertThat(isTransport("org.rspharness.core.transport")).isTrue();
    assertThat(isTransport("org.rspharness.lpa.es9")).isFalse();
    assertThat(isTransport("org.rspharness.transports")).isFalse();
  }
}
