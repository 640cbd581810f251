/** Profile Policy Rules and the Rules Authorisation Table that allows them (SGP.22 section 2.9). */
package org.rspharness.core.ppr;
