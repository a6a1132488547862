package org.robustgrid.harness.report;

/** One section of the report page: an {@code <section>} element with its heading, charts and notes. */
interface Section {

    /** Appends the section's HTML. */
    void render(StringBuilder h);
}
