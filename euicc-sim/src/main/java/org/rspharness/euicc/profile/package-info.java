/** SGP.22 section 2.4 and 5.7.15: installed profiles as the ISD-R lists and manages them. */
package org.rspharness.euicc.profile;
