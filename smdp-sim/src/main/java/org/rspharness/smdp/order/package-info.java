/** SGP.22 section 3.1.1 / 5.3 download orders and the SM-DP+ profile state machine. */
package org.rspharness.smdp.order;
