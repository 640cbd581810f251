package org.rspharness.smdp.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.es2.ReleaseProfileRequest;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.order.ProfileState;

/**
 * The answer of a request that changed state completes when its commit is durable, without a thread
 * waiting for it: while a commit is held, the request's answer is pending and requests that change
 * nothing are answered at once.
 */
class DurableAnswerTest {

  @TempDir Path dir;

  /** A store whose commits complete only once {@link #release} is called. */
  static final class HeldStore implements StateStore {
    final StateStore inner;
    final CompletableFuture<Void> gate = new CompletableFuture<>();
    final AtomicInteger writes = new AtomicInteger();

    HeldStore(StateStore inner) {
      this.inner = inner;
    }

    void release() {
      gate.complete(null);
    }

    @Override
    public Map<String, byte[]> load(StoreRecord.Kind kind) {
      return inner.load(kind);
    }

    @Override
    public List<byte[]> history(String key) {
      return inner.history(key);
    }

    @Override
    public CompletableFuture<Void> write(List<StoreRecord> records, boolean fsync) {
      writes.incrementAndGet();
      return inner.write(records, fsync).thenCombine(gate, (a, b) -> null);
    }

    @Override
    public void writeLater(List<StoreRecord> records) {
      inner.writeLater(records);
    }

    @Override
    public String describe() {
      return "held " + inner.describe();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  /**
   * An ES2+ request through the durable endpoint, called on a thread of its own: the call itself
   * must return while the commit is still held. Were it to wait for the commit, the condition fails
   * and the test's {@code finally} releases the gate, so a regression cannot hang the build.
   */
  private static CompletionStage<RspHttpResponse> send(SmdpFixture f, String function, Object r) {
    CompletableFuture<CompletionStage<RspHttpResponse>> call =
        CompletableFuture.supplyAsync(
            () ->
                f.smdp
                    .es2Endpoint()
                    .handleAsync(
                        SmdpFixture.post("/gsma/rsp2/es2plus/" + function, SmdpFixture.json(r))));
    await("handleAsync returns without waiting for the held commit")
        .atMost(Duration.ofSeconds(20))
        .until(call::isDone);
    return call.join();
  }

  @Test
  void anAcknowledgementWaitsForItsCommitWithoutHoldingTheCaller() {
    HeldStore store = new HeldStore(JdbcStateStore.embedded(dir.resolve("state")));
    SmdpFixture f = new SmdpFixture();
    f.quiet = true;
    f.state = store;
    f.start(SmdpFixture.available("894900000000000701", "gold").build());
    try {
      RequestHeader h = new RequestHeader("op", "1");
      CompletionStage<RspHttpResponse> ack =
          send(
              f,
              "downloadOrder",
              new DownloadOrderRequest(h, null, Iccid.withCheckDigit("894900000000000701"), null));
      assertThat(store.writes.get()).isEqualTo(1);
      assertThat(ack.toCompletableFuture()).isNotDone();

      // a request that changes nothing is answered meanwhile
      RspHttpResponse refused =
          send(
                  f,
                  "releaseProfile",
                  new ReleaseProfileRequest(h, Iccid.withCheckDigit("894900000000000999")))
              .toCompletableFuture()
              .getNow(null);
      assertThat(refused).isNotNull();
      assertThat(new String(refused.body())).contains("Failed");
      assertThat(ack.toCompletableFuture()).isNotDone();

      store.release();
      await().atMost(Duration.ofSeconds(20)).until(() -> ack.toCompletableFuture().isDone());
      assertThat(new String(ack.toCompletableFuture().join().body())).contains("Executed-Success");
      assertThat(f.smdp.orders().all())
          .singleElement()
          .satisfies(o -> assertThat(o.state()).isEqualTo(ProfileState.ALLOCATED));
    } finally {
      store.release(); // a call stuck on the commit (a failed condition above) ends here
      f.smdp.close();
    }
  }
}
