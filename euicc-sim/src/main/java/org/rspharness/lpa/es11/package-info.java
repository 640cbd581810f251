/** The LPA's ES11 client: event retrieval from an SM-DS (SGP.22 section 5.9). */
package org.rspharness.lpa.es11;
