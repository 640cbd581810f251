/** The ES2+ functions of the SM-DP+ (SGP.22 section 5.3), typed and as an HTTP handler. */
package org.rspharness.smdp.es2;
