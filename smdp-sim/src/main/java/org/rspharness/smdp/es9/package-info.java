/** The ES9+ functions of the SM-DP+ (SGP.22 section 5.6), typed and as an HTTP handler. */
package org.rspharness.smdp.es9;
