/** Cards in PC/SC readers (a test eUICC in a USB reader, or vpcd) through javax.smartcardio. */
package org.rspharness.euicc.transport.pcsc;
