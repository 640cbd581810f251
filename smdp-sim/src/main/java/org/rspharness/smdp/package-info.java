/** The SM-DP+ simulator: its facade, its quirks and the assembly of its transport-free services. */
package org.rspharness.smdp;
