/**
 * SGP.22 section 5.7: the ES10a, ES10b and ES10c functions of the ISD-R, one class per group
 * ({@link org.rspharness.euicc.es10.Es10a}, {@link org.rspharness.euicc.es10.Es10b}, {@link
 * org.rspharness.euicc.es10.Es10c}, one method per function), and ES10b.LoadBoundProfilePackage's
 * steps (ES8+ InitialiseSecureChannel to LoadProfileElements) in {@link
 * org.rspharness.euicc.es10.LoadBoundProfilePackage}.
 */
package org.rspharness.euicc.es10;
