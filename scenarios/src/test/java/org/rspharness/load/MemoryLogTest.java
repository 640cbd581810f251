package org.rspharness.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryLogTest {

  @Test
  void aSkippedCollectionIsRetriedAndThenLeftOutRatherThanReportedAsLive() {
    AtomicInteger requests = new AtomicInteger();
    AtomicLong collections = new AtomicLong();
    // the JVM ignores the first two requests (a JNI critical region), honours the third
    Runnable gc =
        () -> {
          if (requests.incrementAndGet() >= 3) {
            collections.incrementAndGet();
          }
        };
    assertThat(MemoryLog.liveHeap(gc, collections::get, () -> 42L)).isEqualTo(42L);
    assertThat(requests).hasValue(3);

    requests.set(0);
    assertThat(MemoryLog.liveHeap(requests::incrementAndGet, () -> 7L, () -> 42L)).isEqualTo(-1);
    assertThat(requests).hasValue(MemoryLog.GC_ATTEMPTS);
  }

  @Test
  void systemGcIsSeenAsAFullCollectionOnThisJvm() {
    long before = MemoryLog.fullCollections();
    System.gc();
    assertThat(MemoryLog.fullCollections()).isGreaterThan(before);
  }

  @Test
  void eachLineHasEveryFieldAndALiveHeapNoLargerThanTheHeapInUse(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("memory.csv");
    AtomicLong done = new AtomicLong(5);
    try (MemoryLog log = MemoryLog.start(file, Duration.ofHours(1), done::get)) {
      done.set(9);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo(MemoryLog.HEADER);
    assertThat(lines).hasSize(3);
    String[] last = lines.get(2).split(",", -1);
    assertThat(last).hasSize(7);
    assertThat(last[1]).isEqualTo("9");
    assertThat(Double.parseDouble(last[4]))
        .isPositive()
        .isLessThanOrEqualTo(Double.parseDouble(last[3]) + 1);
  }
}
