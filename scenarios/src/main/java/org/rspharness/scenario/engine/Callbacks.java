package org.rspharness.scenario.engine;

import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es2.HandleDownloadProgressInfoRequest;
import org.rspharness.core.message.RspJson;

/**
 * The ES2+.HandleDownloadProgressInfo calls the operator received (SGP.22 section 5.3.5), in
 * arrival order; steps wait on it and expectations read it.
 */
final class Callbacks {

  private final List<HandleDownloadProgressInfoRequest> received = new ArrayList<>();
  private final List<String> malformed = new ArrayList<>();

  /** Records one callback body; a body the strict codec refuses is kept as a failure. */
  synchronized void receive(byte[] body) {
    try {
      received.add(RspJson.strict().read(body, HandleDownloadProgressInfoRequest.class));
    } catch (CodecException e) {
      malformed.add(e.getMessage());
    }
    notifyAll();
  }

  /** The callbacks so far. */
  synchronized List<HandleDownloadProgressInfoRequest> all() {
    return List.copyOf(received);
  }

  /** Bodies that were not valid HandleDownloadProgressInfo requests. */
  synchronized List<String> malformed() {
    return List.copyOf(malformed);
  }

  /** Waits up to {@code millis} for a change; returns at once if one is already there. */
  synchronized void awaitChange(int seen, long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (received.size() == seen) {
      long left = (end - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return;
      }
      wait(left);
    }
  }
}
