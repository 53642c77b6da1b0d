/**
 * Reading and writing acceleration files ({@code t,x,y,z} CSV) with clear errors on bad input, and the
 * two helpers every input message uses: {@link org.plmmonitor.analysis.io.InputText} (a short, escaped
 * excerpt of the input) and {@link org.plmmonitor.analysis.io.IoErrors} (an I/O failure in words).
 */
package org.plmmonitor.analysis.io;
