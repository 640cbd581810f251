package org.rspharness.smdp.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {

  private final ChangeFeed<List<String>> feed = new ChangeFeed<>();

  @Test
  void withoutARecorderAChangeGoesNowhere() {
    assertThat(feed.report(l -> l.add("lost"))).isFalse();
  }

  @Test
  void theRegisteringThreadsChangesReachItsRecorderUntilItStops() throws Exception {
    List<String> seen = new ArrayList<>();
    feed.record(seen);
    try {
      assertThat(feed.report(l -> l.add("here"))).isTrue();
      // another thread has no recorder of its own: its change is not this thread's
      AtomicBoolean elsewhere = new AtomicBoolean(true);
      Thread t = new Thread(() -> elsewhere.set(feed.report(l -> l.add("there"))));
      t.start();
      t.join();
      assertThat(elsewhere).isFalse();
    } finally {
      feed.stop();
    }
    assertThat(feed.report(l -> l.add("after"))).isFalse();
    assertThat(seen).containsExactly("here");
  }
}
