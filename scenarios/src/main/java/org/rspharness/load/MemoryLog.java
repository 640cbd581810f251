package org.rspharness.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
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
 *
 * <p>The JVM may skip {@code System.gc()} while a thread is inside a JNI critical region (the
 * native crypto and BoringSSL TLS enter them all the time under load), and the heap in use is then
 * no live figure: a 1-hour soak logged "live heap" = heap in use at 2 of 61 lines. So the log
 * checks that a full collection ran (the count of the old-generation collector rose), tries again a
 * few times, and leaves the field empty when none ran rather than write a wrong number.
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
    long live =
        liveHeap(System::gc, MemoryLog::fullCollections, () -> mem.getHeapMemoryUsage().getUsed());
    out.printf(
        Locale.ROOT,
        "%.0f,%d,%.1f,%.1f,%s,%.1f,%s%n",
        (System.nanoTime() - t0) / 1e9,
        activations.getAsLong(),
        rssBytes() / 1048576.0,
        used / 1048576.0,
        live < 0 ? "" : String.format(Locale.ROOT, "%.1f", live / 1048576.0),
        cpuNanos() / 1e9,
        Instant.now());
    out.flush();
  }

  /** Attempts at a forced full collection per line before the live heap is left out. */
  static final int GC_ATTEMPTS = 5;

  /**
   * The heap in use right after a full collection that {@code gc} caused, or -1 when none of {@link
   * #GC_ATTEMPTS} requests made {@code fullCollections} rise (the JVM skipped them).
   */
  static long liveHeap(Runnable gc, LongSupplier fullCollections, LongSupplier heapUsed) {
    for (int i = 0; i < GC_ATTEMPTS; i++) {
      long before = fullCollections.getAsLong();
      gc.run();
      if (fullCollections.getAsLong() > before) {
        return heapUsed.getAsLong();
      }
    }
    return -1;
  }

  /**
   * Collections by the JVM's full (old-generation) collectors so far: G1 "G1 Old Generation",
   * Parallel "PS MarkSweep", Serial "MarkSweepCompact", ZGC/Shenandoah cycles; all collectors when
   * none has such a name (an unknown GC), which at worst counts a young collection as the full one.
   */
  static long fullCollections() {
    long full = 0;
    long all = 0;
    boolean named = false;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      long n = Math.max(0, gc.getCollectionCount());
      all += n;
      String name = gc.getName();
      if (name.contains("Old")
          || name.contains("MarkSweep")
          || name.contains("Cycles")
          || name.contains("Major")) {
        full += n;
        named = true;
      }
    }
    return named ? full : all;
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
