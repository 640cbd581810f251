/**
 * The ES2+ (operator to SM-DP+) function messages of the SGP.22 JSON binding (sections 5.3 and
 * 6.5.2.1-6.5.2.5).
 */
package org.rspharness.core.es2;
