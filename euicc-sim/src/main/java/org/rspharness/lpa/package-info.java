/** The LPA model: the SGP.22 download flow, notifications and profile operations (ES10 + ES9+). */
package org.rspharness.lpa;
