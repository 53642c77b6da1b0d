/**
 * The morning report of one night, rendered once for every place it is shown (the static file of
 * {@code plm report}, the web page and the PDF): {@link org.plmmonitor.analysis.report.html.NightView}
 * is an immutable view model built from a night's JSON report and the night's frame in wall-clock
 * time ({@link org.plmmonitor.analysis.report.html.NightViews}); {@link
 * org.plmmonitor.analysis.report.html.MorningReport} turns it into well-formed XHTML with inline SVG
 * charts. The trends of a period likewise: {@link org.plmmonitor.analysis.report.html.TrendsView}, turned once
 * into what its charts plot ({@link org.plmmonitor.analysis.report.html.TrendsChart}) and its tables' cells
 * ({@link org.plmmonitor.analysis.report.html.TrendsTables}), which the page's SVG and the export's PDF both
 * paint. No I/O happens here, nothing is fetched: the page has no script, font or image source.
 */
package org.plmmonitor.analysis.report.html;
