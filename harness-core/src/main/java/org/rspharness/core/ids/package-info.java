/**
 * Validating value types for the identifiers of SGP.22: EID, ICCID, matchingId, transactionId,
 * addresses.
 */
package org.rspharness.core.ids;
