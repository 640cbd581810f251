/** Typed, timestamped events: the single source of truth for assertions, reports and KPIs. */
package org.rspharness.core.event;
