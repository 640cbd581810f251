/** The software eUICC: identity, configuration, persistent state and the ISD-R it answers with. */
package org.rspharness.euicc;
