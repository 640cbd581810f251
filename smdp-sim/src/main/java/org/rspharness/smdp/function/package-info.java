/**
 * What every SM-DP+ function shares: its failure as an SGP.22 status code, the simulator's own
 * codes, and the SGP.22 6.5.1 HTTP mechanics of the ES9+ and ES2+ endpoints.
 */
package org.rspharness.smdp.function;
