/** The SM-DP+ simulator's facade: the assembly of its transport-free services. */
package org.rspharness.smdp;
