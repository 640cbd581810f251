package org.rspharness.lpa;

/**
 * SGP.22 section 3.5: one pending notification the LPA tried to deliver.
 *
 * @param seqNumber its sequence number on the eUICC
 * @param operation install, enable, disable or delete
 * @param address the notificationAddress it went to
 * @param delivered whether the SM-DP+ accepted it (it was then removed with NotificationSent)
 * @param attempts how many ES9+.HandleNotification calls were made
 * @param error the last failure, null when delivered
 */
public record NotificationDelivery(
    long seqNumber,
    String operation,
    String address,
    boolean delivered,
    int attempts,
    String error) {}
