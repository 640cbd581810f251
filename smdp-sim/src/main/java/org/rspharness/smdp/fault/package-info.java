/**
 * Protocol faults of the SM-DP+: ES9+ answers replaced, refused or corrupted as a fault plan says.
 */
package org.rspharness.smdp.fault;
