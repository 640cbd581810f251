/** How in-memory SM-DP+ state reports its changes to a per-request recorder it does not know. */
package org.rspharness.smdp.change;
