/** The LPA's ES9+ client: the five SGP.22 JSON functions over HTTPS to an SM-DP+. */
package org.rspharness.lpa.es9;
