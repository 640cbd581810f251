/**
 * The SM-DS simulator (SGP.22 sections 3.6, 5.8, 5.9): event records per EID, registered by SM-DP+s
 * over ES12, retrieved by LPAs over ES11, as a root or an alternative SM-DS.
 */
package org.rspharness.smds;
