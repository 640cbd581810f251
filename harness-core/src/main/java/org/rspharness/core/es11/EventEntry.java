package org.rspharness.core.es11;

import org.rspharness.core.message.MissingMemberException;

/**
 * SGP.22 section 5.8.2 EventEntries: one event an SM-DS holds for an EID.
 *
 * @param eventId the event's id; the LPA sends it as matchingId to the named server
 * @param rspServerAddress the SM-DP+ (or alternative SM-DS) to contact for it
 */
public record EventEntry(String eventId, String rspServerAddress) {

  public EventEntry {
    MissingMemberException.require(eventId, "eventId");
    MissingMemberException.require(rspServerAddress, "rspServerAddress");
  }
}
