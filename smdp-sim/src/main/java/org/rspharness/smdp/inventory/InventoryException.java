package org.rspharness.smdp.inventory;

/**
 * An inventory file that cannot be used: one line naming {@code file:line:column}, the field and
 * what was expected.
 */
public final class InventoryException extends RuntimeException
    implements org.rspharness.core.cli.Classified.BadInput {

  private static final long serialVersionUID = 1L;

  public InventoryException(String message, Throwable cause) {
    super(message, cause);
  }

  public InventoryException(String message) {
    super(message);
  }
}
