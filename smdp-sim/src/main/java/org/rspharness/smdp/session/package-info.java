/** RSP sessions (SGP.22 section 3.1.2 / 3.1.3) keyed by transactionId, with clock-driven expiry. */
package org.rspharness.smdp.session;
