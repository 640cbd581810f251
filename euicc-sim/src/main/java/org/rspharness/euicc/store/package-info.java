/** The eUICC's persistent state and its crash-safe JSON file. */
package org.rspharness.euicc.store;
