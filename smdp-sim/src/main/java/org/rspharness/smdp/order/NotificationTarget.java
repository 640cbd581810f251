package org.rspharness.smdp.order;

import java.util.EnumSet;
import java.util.Set;
import org.rspharness.core.asn1.NotificationOperation;

/**
 * SGP.22 NotificationConfigurationInformation: which profile management operations notify which
 * address.
 *
 * @param operations the operations (install, enable, disable, delete)
 * @param address the FQDN the eUICC's notification goes to
 */
public record NotificationTarget(Set<NotificationOperation> operations, String address) {

  public NotificationTarget {
    if (operations == null || operations.isEmpty()) {
      throw new IllegalArgumentException("notification target: operations must not be empty");
    }
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("notification target: address must not be empty");
    }
    operations = Set.copyOf(EnumSet.copyOf(operations));
  }
}
