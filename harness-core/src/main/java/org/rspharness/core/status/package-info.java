/**
 * SGP.22 subject and reason codes (section 5.2.6 and the function tables of 5.3 and 5.6) as named
 * constants.
 */
package org.rspharness.core.status;
