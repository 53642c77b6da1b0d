package org.plmmonitor.analysis.export;

import org.apache.pdfbox.pdmodel.font.PDType1Font;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.plmmonitor.analysis.export.PdfCanvas.BOLD;
import static org.plmmonitor.analysis.export.PdfCanvas.MARGIN;
import static org.plmmonitor.analysis.export.PdfCanvas.REGULAR;

/**
 * A table at the cursor: a bold header row, then one row per entry; a cell too wide for its column wraps onto
 * more lines (nothing is cut off, so the PDF holds every word the page's table holds). A row whose cells are
 * fewer than the columns lets its last cell span the rest (the page's {@code colspan}).
 */
final class PdfTable {
    private static final float SIZE = 8.5f;
    private static final float LINE_H = 10.5f;

    private PdfTable() {
    }

    /**
     * @param c      the canvas; the cursor ends under the table
     * @param head   the column titles
     * @param widths the columns' widths, points, one per title
     * @param rows   the rows' cells, at most one per column
     */
    static void draw(PdfCanvas c, List<String> head, float[] widths, List<List<String>> rows) throws IOException {
        c.need(LINE_H * 3);
        row(c, BOLD, head, widths);
        for (List<String> r : rows) {
            row(c, REGULAR, r, widths);
        }
        c.down(6);
    }

    private static void row(PdfCanvas c, PDType1Font font, List<String> cells, float[] widths) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        float[] w = new float[cells.size()];
        int lineCount = 1;
        for (int i = 0; i < cells.size(); i++) {
            w[i] = 0;
            for (int k = i; k < (i == cells.size() - 1 ? widths.length : i + 1); k++) {
                w[i] += widths[k];
            }
            List<String> l = cells.get(i).isEmpty() ? List.of("") : PdfCanvas.wrap(font, SIZE, cells.get(i), w[i] - 4);
            lines.add(l);
            lineCount = Math.max(lineCount, l.size());
        }
        float h = lineCount * LINE_H + 2;
        c.need(h);
        float x = MARGIN;
        for (int i = 0; i < cells.size(); i++) {
            for (int k = 0; k < lines.get(i).size(); k++) {
                c.text(font, SIZE, x, c.y() - 8.5f - k * LINE_H, lines.get(i).get(k));
            }
            x += w[i];
        }
        float total = 0;
        for (float f : widths) {
            total += f;
        }
        c.line(Color.LIGHT_GRAY, 0.3f, MARGIN, c.y() - h, MARGIN + total, c.y() - h);
        c.down(h);
    }
}
