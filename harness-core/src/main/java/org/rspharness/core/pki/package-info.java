/**
 * The SGP.22 PKI as the simulators see it: roles, credentials, credential sources and chain
 * validation.
 */
package org.rspharness.core.pki;
