package org.rspharness.smdp.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * SGP.22 NotificationConfigurationInformation: which profile management operations notify which
 * address.
 *
 * @param operations the operations (install, enable, disable, delete)
 * @param address the FQDN the eUICC's notification goes to
 */
public record NotificationTarget(Set<Operation> operations, String address) {

  /** NotificationEvent bits (SGP.22 ASN.1: install(0), enable(1), disable(2), delete(3)). */
  public enum Operation {
    INSTALL,
    ENABLE,
    DISABLE,
    DELETE;

    /** The bit position in NotificationEvent. */
    public int bit() {
      return ordinal();
    }
  }

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
