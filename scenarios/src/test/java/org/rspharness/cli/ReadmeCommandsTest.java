package org.rspharness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code sh} blocks run as written, by {@code scripts/check-readme} (the script a user
 * can run by hand), with the suite's classes as {@code ./rsp-harness}: a README command that fails
 * fails the build. The checker itself is tested on small markdown files, a good and a broken one.
 */
class ReadmeCommandsTest {

  /** The repository root (tests run in the module directory). */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final Path CHECKER = ROOT.resolve("scripts/check-readme");

  @TempDir Path dir;

  record Result(int exit, String output) {}

  @Test
  void everyReadmeCommandBlockRunsAsWritten() throws Exception {
    Path launcher = launcher(dir);
    String java = Path.of(System.getProperty("java.home"), "bin").toString();
    Result r =
        check(
            List.of(),
            Map.of(
                "RSP_HARNESS_LAUNCHER",
                launcher.toString(),
                // bench/run's classes: the suite's, no Maven build inside the build
                "BENCH_CLASSPATH",
                System.getProperty("java.class.path"),
                "CHECK_README_SHORT",
                "1",
                "CHECK_README_PORTS",
                freePorts(18443, 18444, 19443, 19444),
                "PATH",
                java + ":" + System.getenv("PATH")),
            30);
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("check-readme: every command ran")
        .doesNotContain("check-readme: FAILED");
  }

  @Test
  void aBrokenCommandOrAnUnexpectedExitStatusFailsTheCheckAndIsNamed() throws Exception {
    Path good = dir.resolve("good.md");
    Files.writeString(
        good,
        """
        # Tiny
        ```sh
        echo hello > f.txt
        grep -q hello f.txt
        false   # exit 1
        ./rsp-harness load --reader "Virtual PCD 00 00" --count 1
        ./rsp-harness euicc serve --state card.json --vpcd 127.0.0.1:35963
        ```
        ```
        not a command block: never run
        ```
        """);
    Result ok = check(List.of(good.toString()), Map.of("RSP_HARNESS_TIME_SCALE", "1"), 1);
    assertThat(ok.exit()).as(ok.output()).isZero();
    assertThat(ok.output())
        .contains("every command ran")
        .contains("(not run here: needs pcscd, vpcd and a card)");

    Path bad = dir.resolve("bad.md");
    Files.writeString(
        bad,
        """
        ```sh
        ls no-such-file
        true   # exit 2
        echo still-runs > after.txt
        ./rsp-harness --no-such-option
        sleep 600 &
        ```
        """);
    Result failed =
        check(
            List.of(bad.toString()),
            Map.of("RSP_HARNESS_TIME_SCALE", "1", "RSP_HARNESS_LAUNCHER", launcher(dir).toString()),
            2);
    assertThat(failed.exit()).as(failed.output()).isEqualTo(1);
    assertThat(failed.output())
        .contains("check-readme: FAILED (exit 2): ls no-such-file")
        .contains("check-readme: FAILED (exit 0, the README says 2): true")
        .contains("check-readme: FAILED (exit 2): ./rsp-harness --no-such-option")
        .contains("check-readme: FAILED: still running at the end: sleep 600")
        .contains("some commands failed");
  }

  /** Runs the checker with {@code args} and extra environment; at most {@code minutes}. */
  private Result check(List<String> args, Map<String, String> env, int minutes) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", CHECKER.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    // the suite's own RSP_HARNESS_* settings are not the README's
    pb.environment().keySet().removeIf(k -> k.startsWith("RSP_HARNESS_"));
    pb.environment().putAll(env);
    Path log = Files.createTempFile(dir, "check-readme", ".log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
      return new Result(-1, "timed out after " + minutes + " min:\n" + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /**
   * A {@code rsp-harness} that runs this suite's classes (no jar, no Maven). Each command is a new
   * JVM, as with {@code ./rsp-harness}; to keep the README's forty-odd start-ups cheap it uses the
   * C1 compiler only and the serial GC, as {@code ./rsp-harness} does for short commands (no
   * class-data-sharing archive: the JVM archives no class from a directory of classes).
   */
  static Path launcher(Path dir) throws IOException {
    Path launcher = dir.resolve("rsp-harness-launcher");
    if (!Files.exists(launcher)) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Files.writeString(
          launcher,
          "#!/bin/sh\nexec '"
              + java
              + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
              + System.getProperty("java.class.path")
              + "' "
              + RspHarness.class.getName()
              + " \"$@\"\n");
      Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return launcher;
  }

  /**
   * {@code "18443=F1 18444=F2 ..."}: each README port mapped to a port free now, below the
   * ephemeral range: the OS hands ephemeral ports to client sockets and to servers bound to port 0
   * while the README runs, so a mapped port from that range could be taken before its server binds.
   */
  private static String freePorts(int... readmePorts) throws IOException {
    int low = 20_000;
    int high = ephemeralLow() - 1;
    int span = high - low + 1;
    int start = new java.util.Random().nextInt(span);
    StringBuilder sb = new StringBuilder();
    int tried = 0;
    IOException last = null;
    for (int p : readmePorts) {
      while (true) {
        if (tried++ >= span) {
          throw new IOException(
              "no free port in " + low + "-" + high + " for the README's " + p, last);
        }
        int candidate = low + (start++ % span);
        try (ServerSocket s = new ServerSocket(candidate)) {
          sb.append(sb.length() == 0 ? "" : " ").append(p).append('=').append(candidate);
          break;
        } catch (IOException e) {
          last = e;
        }
      }
    }
    return sb.toString();
  }

  /**
   * The first port of the OS's ephemeral range (Linux: 32768 unless configured); 32768 when the
   * range cannot be read or leaves fewer than 1,000 ports above 20000.
   */
  private static int ephemeralLow() {
    try {
      int first =
          Integer.parseInt(
              Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                  .trim()
                  .split("\\s+")[0]);
      return first > 21_000 ? first : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
