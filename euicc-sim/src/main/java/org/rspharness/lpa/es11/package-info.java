/** The LPA's ES11 client: event retrieval from an SM-DS (SGP.22 section 5.8). */
package org.rspharness.lpa.es11;
