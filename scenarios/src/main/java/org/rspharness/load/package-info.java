/** Load generation: many virtual devices downloading profiles concurrently from an SM-DP+. */
package org.rspharness.load;
