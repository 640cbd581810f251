/** The SM-DP+'s durable state: orders, sessions, history and the callback outbox in a store. */
package org.rspharness.smdp.state;
