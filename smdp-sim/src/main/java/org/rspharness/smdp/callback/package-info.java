/**
 * The SM-DP+ as client of the operator's ES2+.HandleDownloadProgressInfo (SGP.22 section 5.3.5).
 */
package org.rspharness.smdp.callback;
