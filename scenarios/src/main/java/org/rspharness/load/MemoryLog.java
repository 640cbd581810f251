package org.rspharness.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Records the process's memory over a long run, one CSV line per interval: elapsed seconds,
 * activations finished, resident set size (from /proc/self/status, -1 elsewhere), heap in use, and
 * the live heap after a forced full collection (so a leak shows as a rising line, garbage does
 * not), plus the process CPU seconds. For soak runs; the forced collection costs a few ms per line.
 */
public final class MemoryLog implements AutoCloseable {

  /** The CSV header. */
  public static final String HEADER =
      "elapsed_s,activations,rss_mb,heap_used_mb,live_heap_mb,cpu_s,wall_time";

  private final PrintWriter out;
  private final ScheduledExecutorService timer;
  private final LongSupplier activations;
  private final long t0 = System.nanoTime();

  private MemoryLog(Path file, Duration every, LongSupplier activations) throws IOException {
    this.out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    this.activations = activations;
    out.println(HEADER);
    line();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "memory-log");
              t.setDaemon(true);
              return t;
            });
    long ms = Math.max(100, every.toMillis());
    timer.scheduleAtFixedRate(this::line, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Starts writing {@code file} every {@code every}; {@code activations} counts finished ones. */
  public static MemoryLog start(Path file, Duration every, LongSupplier activations)
      throws IOException {
    return new MemoryLog(file, every, activations);
  }

  private synchronized void line() {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long used = mem.getHeapMemoryUsage().getUsed();
    System.gc();
    long live = mem.getHeapMemoryUsage().getUsed();
    out.printf(
        Locale.ROOT,
        "%.0f,%d,%.1f,%.1f,%.1f,%.1f,%s%n",
        (System.nanoTime() - t0) / 1e9,
        activations.getAsLong(),
        rssBytes() / 1048576.0,
        used / 1048576.0,
        live / 1048576.0,
        cpuNanos() / 1e9,
        Instant.now());
    out.flush();
  }

  /** Resident set size of this process in bytes (VmRSS), or -1 where /proc is missing. */
  public static long rssBytes() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
      for (String l : lines) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  /** CPU time of this process (all threads), ns, or -1 when the JVM does not say. */
  public static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    line();
    out.close();
    if (out.checkError()) {
      throw new UncheckedIOException(new IOException("memory log could not be written"));
    }
  }
}
