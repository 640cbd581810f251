/** The ES11 (LPA to SM-DS) function messages of the SGP.22 JSON binding (section 5.8). */
package org.rspharness.core.es11;
