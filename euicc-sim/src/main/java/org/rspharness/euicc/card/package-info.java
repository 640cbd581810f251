/**
 * The eUICC as a card: ISO 7816-4 APDUs, logical channels and the ISD-R STORE DATA front end that
 * carries SGP.22 ES10 commands, behind one transport-neutral {@link
 * org.rspharness.euicc.card.Card#transmit(byte[])}.
 */
package org.rspharness.euicc.card;
