/**
 * Faults as data: the rules of a fault plan, where they apply, and the record of each applied one.
 */
package org.rspharness.core.fault;
