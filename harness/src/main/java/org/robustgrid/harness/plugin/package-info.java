/** Plugin specs and discovery: parsing {@code id(key=value,...)}, finding providers, creating plugins. */
package org.robustgrid.harness.plugin;
