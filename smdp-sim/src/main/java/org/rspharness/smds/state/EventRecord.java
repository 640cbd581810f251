package org.rspharness.smds.state;

import org.rspharness.core.ids.Eid;

/**
 * SGP.22 section 3.6.1: an event record the SM-DS holds until the SM-DP+ deletes it.
 *
 * @param eid the eUICC it is for
 * @param eventId the id the LPA sends as matchingId
 * @param rspServerAddress the SM-DP+ (or alternative SM-DS) that has the event
 * @param forwarded whether this (alternative) SM-DS registered it at the root SM-DS too
 */
public record EventRecord(Eid eid, String eventId, String rspServerAddress, boolean forwarded) {}
