/** The {@code euicc} command line: create a card state from a PKI and serve it over vpcd. */
package org.rspharness.euicc.cli;
