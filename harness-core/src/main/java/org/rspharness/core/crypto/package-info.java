/**
 * The RSP crypto of SGP.22 on Bouncy Castle and the JDK: curves, plain (TR-03111) ECDSA, ECKA, the
 * X9.63 KDF for session keys, the BSP (SCP03t) segment protection and the confirmation-code hash.
 */
package org.rspharness.core.crypto;
