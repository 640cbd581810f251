/** SGP.22 section 5.7: the ES10a, ES10b and ES10c functions of the ISD-R, one class per group. */
package org.rspharness.euicc.es10;
