/**
 * The ES9+ (LPA to SM-DP+) function messages of the SGP.22 JSON binding (sections 5.6 and
 * 6.5.2.6-6.5.2.10).
 */
package org.rspharness.core.es9;
