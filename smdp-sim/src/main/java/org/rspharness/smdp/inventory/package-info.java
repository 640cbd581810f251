/** The profiles an SM-DP+ starts from (a YAML file), their packages and their personalisation. */
package org.rspharness.smdp.inventory;
