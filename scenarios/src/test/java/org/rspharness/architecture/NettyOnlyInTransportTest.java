package org.rspharness.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Transport at the edge (DESIGN.md): no main class outside a {@code ..transport..} package refers
 * to a Netty type. Read from the compiled classes of every module with the JDK's jdeps, so a type
 * reached through {@code var} or a fully qualified name counts as much as an import.
 */
class NettyOnlyInTransportTest {

  /** One class of each module: its code source is the module's compiled main classes. */
  private static final List<Class<?>> MODULES =
      List.of(
          org.rspharness.core.tlv.Tlv.class,
          org.rspharness.certs.TestPkiBuilder.class,
          org.rspharness.smdp.SmdpSimulator.class,
          org.rspharness.euicc.Euicc.class,
          org.rspharness.scenario.engine.ScenarioEngine.class);

  private static final Pattern DEPENDENCY =
      Pattern.compile("^\\s+(org\\.rspharness\\.\\S+)\\s+->\\s+(io\\.netty\\.\\S+)");

  @Test
  void noClassOutsideATransportPackageUsesNetty() throws Exception {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    Set<String> offenders = new TreeSet<>();
    int classesWithNetty = 0;
    for (Class<?> module : MODULES) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int rc =
          jdeps.run(
              new PrintWriter(out),
              new PrintWriter(err),
              "-verbose:class",
              "-e",
              "io\\.netty\\..*",
              classesOf(module).toString());
      assertThat(rc).as("jdeps on %s: %s", classesOf(module), err).isZero();
      for (String line : out.toString().split("\\R")) {
        Matcher m = DEPENDENCY.matcher(line);
        if (m.find()) {
          String user = m.group(1);
          classesWithNetty++;
          if (!("." + packageOf(user) + ".").contains(".transport.")) {
            offenders.add(user + " -> " + m.group(2));
          }
        }
      }
    }
    // the check can fail: the transport packages themselves are found using Netty
    assertThat(classesWithNetty).isPositive();
    assertThat(offenders).as("Netty types outside *.transport packages").isEmpty();
  }

  private static Path classesOf(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String packageOf(String className) {
    List<String> parts = new ArrayList<>(List.of(className.split("\\.")));
    parts.remove(parts.size() - 1);
    return String.join(".", parts);
  }
}
