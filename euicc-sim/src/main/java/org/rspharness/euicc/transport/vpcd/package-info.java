/**
 * A virtual smart-card reader front end: the vsmartcard {@code vpcd} socket protocol, so PC/SC LPAs
 * (through pcscd) reach a simulated {@link org.rspharness.euicc.card.Card}.
 */
package org.rspharness.euicc.transport.vpcd;
