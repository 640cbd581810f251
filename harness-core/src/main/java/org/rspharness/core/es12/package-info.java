/** The ES12 (SM-DP+ to SM-DS) function messages of the SGP.22 JSON binding (section 5.9). */
package org.rspharness.core.es12;
