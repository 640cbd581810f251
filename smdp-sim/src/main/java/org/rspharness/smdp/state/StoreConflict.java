package org.rspharness.smdp.state;

import java.util.List;

/**
 * A write refused because another SM-DP+ instance sharing the store changed the record since this
 * one read it: nothing of that request was committed.
 */
public final class StoreConflict extends RuntimeException {

  private final List<StoreRecord> records;

  StoreConflict(List<StoreRecord> records) {
    super("changed meanwhile by another SM-DP+ instance: " + describe(records));
    this.records = List.copyOf(records);
  }

  /** The records whose stored version was newer than the one written from. */
  public List<StoreRecord> records() {
    return records;
  }

  private static String describe(List<StoreRecord> records) {
    StringBuilder sb = new StringBuilder();
    for (StoreRecord r : records) {
      sb.append(sb.length() == 0 ? "" : ", ").append(r.kind()).append(' ').append(r.key());
    }
    return sb.toString();
  }
}
