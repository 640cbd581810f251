package org.rspharness.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * No package cycle in the main code of any module: a package may use the packages below it, never
 * one that uses it back (issue 14). The scenarios module's test classpath holds every module's main
 * classes; test code is not checked.
 */
class PackageCycleTest {

  /** One class per module whose code source (classes directory or jar) holds that module. */
  static final List<String> MODULE_MARKERS =
      List.of(
          "org.rspharness.core.tlv.Tlv", // harness-core
          "org.rspharness.certs.TestPki", // certs
          "org.rspharness.smdp.SmdpSimulator", // smdp-sim
          "org.rspharness.euicc.Euicc", // euicc-sim
          "org.rspharness.cli.RspHarness"); // scenarios

  /**
   * Cycles tolerated while being broken, by a predicate every package of the cycle matches. Empty
   * since issue 14 broke the last ones; an entry is a debt with an issue to name, and the test
   * fails once an entry matches no cycle, so the list cannot outlive its reason.
   */
  private static final Map<String, Predicate<String>> NOT_YET_BROKEN = Map.of();

  @Test
  void mainCodeOfEveryModuleHasNoPackageCycle() throws Exception {
    PackageGraph graph = new PackageGraph("org.rspharness.");
    Set<Path> roots = new LinkedHashSet<>();
    for (String marker : MODULE_MARKERS) {
      roots.add(codeSource(marker));
    }
    assertThat(roots).as("one classes directory or jar per module").hasSize(MODULE_MARKERS.size());
    for (Path root : roots) {
      graph.addClasses(root);
    }
    assertThat(graph.packages()).as("packages read").hasSizeGreaterThan(50);

    List<String> cycles = new ArrayList<>();
    Set<String> allowancesUsed = new LinkedHashSet<>();
    for (Set<String> cycle : graph.cycles()) {
      String allowance =
          NOT_YET_BROKEN.entrySet().stream()
              .filter(e -> cycle.stream().allMatch(e.getValue()))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      if (allowance == null) {
        cycles.add(graph.describe(cycle));
      } else {
        allowancesUsed.add(allowance);
      }
    }
    assertThat(cycles).as("package cycles in main code (move the shared type down)").isEmpty();
    assertThat(allowancesUsed)
        .as("NOT_YET_BROKEN entries that no longer match a cycle: remove them")
        .containsExactlyInAnyOrderElementsOf(NOT_YET_BROKEN.keySet());
  }

  static Path codeSource(String className) throws ClassNotFoundException, URISyntaxException {
    return Path.of(
        Class.forName(className, false, PackageCycleTest.class.getClassLoader())
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toURI());
  }
}
