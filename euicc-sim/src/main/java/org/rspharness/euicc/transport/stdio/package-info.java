/**
 * The card behind lpac's stdio APDU driver: newline-delimited JSON on standard input and output.
 */
package org.rspharness.euicc.transport.stdio;
