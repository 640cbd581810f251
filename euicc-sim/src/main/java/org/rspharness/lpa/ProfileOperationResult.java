package org.rspharness.lpa;

import java.util.List;

/**
 * An ES10c profile operation and the notifications processed after it.
 *
 * @param operation e.g. {@code EnableProfile}
 * @param resultCode the eUICC's result (0 ok)
 * @param resultName the result's SGP.22 name, e.g. {@code profileNotInDisabledState}
 * @param notifications the notifications delivered afterwards
 */
public record ProfileOperationResult(
    String operation, int resultCode, String resultName, List<NotificationDelivery> notifications) {

  public ProfileOperationResult {
    notifications = List.copyOf(notifications);
  }

  public boolean ok() {
    return resultCode == 0;
  }
}
