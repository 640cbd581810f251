package org.rspharness.lpa;

import java.util.List;
import org.rspharness.core.es11.EventEntry;
import org.rspharness.core.message.StatusCodeData;

/**
 * What an SM-DS discovery (SGP.22 section 3.6.2) found, and what each event's download gave.
 *
 * @param smds the SM-DS asked
 * @param ok whether the event retrieval itself succeeded (no events is a success)
 * @param events the event entries the SM-DS answered
 * @param downloads one download per event, in order (empty when only retrieving)
 * @param statusCode the SM-DS's code when retrieval failed, or null
 * @param message one line saying what happened
 */
public record DiscoveryResult(
    String smds,
    boolean ok,
    List<EventEntry> events,
    List<DownloadResult> downloads,
    StatusCodeData statusCode,
    String message) {

  public DiscoveryResult {
    events = List.copyOf(events);
    downloads = List.copyOf(downloads);
  }

  /** Whether retrieval worked, at least one event was found and every event's profile installed. */
  public boolean installedAll() {
    return ok
        && !downloads.isEmpty()
        && downloads.size() == events.size()
        && downloads.stream().allMatch(DownloadResult::installed);
  }
}
