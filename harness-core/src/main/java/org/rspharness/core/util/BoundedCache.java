package org.rspharness.core.util;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe memo of values that are expensive to compute and the same every time (parsed
 * certificates, converted keys, verified signatures). Bounded the simplest way that stays correct:
 * when {@code limit} entries are reached it empties and starts again, so a run with few distinct
 * keys always hits and one with many never grows without end.
 *
 * @param <K> the key (value semantics; {@link ByteKey} for encodings)
 * @param <V> the value (immutable: it is shared between threads)
 */
public final class BoundedCache<K, V> {

  private final int limit;
  private final Map<K, V> map = new ConcurrentHashMap<>();

  /** A cache of at most {@code limit} entries. */
  public BoundedCache(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: expected at least 1");
    }
    this.limit = limit;
  }

  /** The value of {@code key}, or null. */
  public V get(K key) {
    return map.get(key);
  }

  /** Remembers {@code value} for {@code key}. */
  public void put(K key, V value) {
    if (map.size() >= limit) {
      map.clear();
    }
    map.put(key, value);
  }

  /**
   * The value of {@code key}, computed (outside any lock, so two threads may both compute it) and
   * remembered when absent. A computation that throws remembers nothing.
   */
  public V get(K key, Function<? super K, ? extends V> compute) {
    V cached = map.get(key);
    if (cached != null) {
      return cached;
    }
    V value = compute.apply(key);
    put(key, value);
    return value;
  }

  /** Whether {@code key} is remembered. */
  public boolean contains(K key) {
    return map.containsKey(key);
  }

  /** How many entries are remembered. */
  public int size() {
    return map.size();
  }
}
