/**
 * Reports of a scored night: the {@code plm analyze}/{@code plm score} JSON (docs/contracts.md), a
 * movement CSV, and the provenance every report carries. A tiny hand-written JSON writer keeps the
 * command's start-up fast (no JSON library on the class path).
 */
package org.plmmonitor.analysis.report;
