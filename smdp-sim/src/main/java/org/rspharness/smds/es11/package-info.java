/** SGP.22 section 5.8: ES11 (LPA to SM-DS) event retrieval with mutual authentication. */
package org.rspharness.smds.es11;
