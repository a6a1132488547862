/** File writes the stores share: whole files written to a temporary sibling and renamed into place. */
package org.robustgrid.harness.files;
