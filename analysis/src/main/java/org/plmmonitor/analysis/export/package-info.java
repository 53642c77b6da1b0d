/**
 * The clinician export (docs/export.md): pure writers that turn closed nights, as the daemon stored
 * them ({@link org.plmmonitor.analysis.export.ExportNight}: the night's JSON report and its place in
 * wall-clock time), into CSV, an annotation-only EDF+, one JSON file, a FHIR R4 bundle and a PDF
 * summary. No device or database I/O: the monitor selects the nights and hands them in; the writers
 * write to streams or to the files they are given.
 */
package org.plmmonitor.analysis.export;
