/**
 * What a software eUICC is made of before it runs: its identity (EID, certificates and keys per
 * curve) and its configuration (capabilities, memory, RAT); every eUICC package reads them.
 */
package org.rspharness.euicc.config;
