/**
 * Validating value types for the identifiers of SGP.22: EID, ICCID, matchingId, transactionId,
 * SM-DP+ address, activation code.
 */
package org.rspharness.core.ids;
