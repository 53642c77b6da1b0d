/** Reading and writing acceleration files ({@code t,x,y,z} CSV) with clear errors on bad input. */
package org.plmmonitor.analysis.io;
