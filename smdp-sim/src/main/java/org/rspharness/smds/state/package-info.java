/** The SM-DS's durable state: its event records in an embedded SQLite database. */
package org.rspharness.smds.state;
