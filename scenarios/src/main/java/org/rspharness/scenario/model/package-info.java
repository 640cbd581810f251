/** The scenario model: immutable records read from YAML scenario files or built with a Java DSL. */
package org.rspharness.scenario.model;
