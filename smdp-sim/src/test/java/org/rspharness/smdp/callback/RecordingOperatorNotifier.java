package org.rspharness.smdp.callback;

import java.util.ArrayList;
import java.util.List;

/** Test code: keeps every notification in memory, in order. */
public final class RecordingOperatorNotifier implements OperatorNotifier {

  private final List<DownloadProgress> received = new ArrayList<>();

  @Override
  public synchronized void notify(DownloadProgress progress) {
    received.add(progress);
  }

  /** A snapshot, in order. */
  public synchronized List<DownloadProgress> received() {
    return List.copyOf(received);
  }

  /** The points reported so far, in order. */
  public synchronized List<NotificationPoint> points() {
    return received.stream().map(DownloadProgress::point).toList();
  }
}
