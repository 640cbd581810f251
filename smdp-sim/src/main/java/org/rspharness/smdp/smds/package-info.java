/** The SM-DP+'s side of the SM-DS: event registration at ConfirmOrder and deletion afterwards. */
package org.rspharness.smdp.smds;
