package org.rspharness.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

  @Test
  void computesOncePerKeyByContentAndStartsAgainWhenFull() {
    BoundedCache<ByteKey, String> cache = new BoundedCache<>(2);
    AtomicInteger computed = new AtomicInteger();
    assertThat(cache.get(ByteKey.of(new byte[] {1}), k -> "a" + computed.incrementAndGet()))
        .isEqualTo("a1");
    // equal bytes in another array: the same key
    assertThat(cache.get(ByteKey.of(new byte[] {1}), k -> "a" + computed.incrementAndGet()))
        .isEqualTo("a1");
    cache.get(ByteKey.of(new byte[] {2}), k -> "b");
    assertThat(cache.size()).isEqualTo(2);
    cache.put(ByteKey.of(new byte[] {3}), "c");
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.contains(ByteKey.of(new byte[] {1}))).isFalse();
    assertThat(cache.get(ByteKey.of(new byte[] {3}))).isEqualTo("c");
  }

  @Test
  void aFailedComputationRemembersNothing() {
    BoundedCache<String, String> cache = new BoundedCache<>(4);
    assertThatThrownBy(
            () ->
                cache.get(
                    "k",
                    k -> {
                      throw new IllegalStateException("no");
                    }))
        .hasMessage("no");
    assertThat(cache.contains("k")).isFalse();
    assertThatThrownBy(() -> new BoundedCache<>(0)).hasMessageContaining("limit");
  }
}
