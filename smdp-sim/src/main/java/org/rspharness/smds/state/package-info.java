/**
 * The SM-DS's state: its event records per EID, in memory and, durably, in an embedded SQLite
 * database.
 */
package org.rspharness.smds.state;
