/** Field behaviours of real SM-DP+s the simulator can imitate, all off by default. */
package org.rspharness.smdp.quirk;
