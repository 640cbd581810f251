/**
 * SGP.22 section 3.5 and 5.7.9-5.7.11: signed notifications kept until the LPA reports them sent.
 */
package org.rspharness.euicc.notification;
