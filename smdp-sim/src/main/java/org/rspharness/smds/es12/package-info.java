/** SGP.22 sections 5.9 and 5.10: ES12 (SM-DP+ to SM-DS) and ES15 (SM-DS to SM-DS) event records. */
package org.rspharness.smds.es12;
