package org.plmmonitor.analysis.export;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;

import java.awt.Color;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A4 pages written top to bottom: a cursor {@code y}, wrapped text in the standard Helvetica fonts (no
 * font file to ship or fetch), filled rectangles and lines, and a new page when the next block does not
 * fit. Coordinates are PDF points from the page's bottom left.
 */
final class PdfCanvas implements Closeable {
    static final float MARGIN = 42;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private final PDDocument doc;
    private final String footer;
    private PDPageContentStream cs;
    private float y;
    private int pages;

    PdfCanvas(PDDocument doc, String footer) {
        this.doc = doc;
        this.footer = footer;
    }

    /** Starts a new page (ends the current one). */
    void newPage() throws IOException {
        close();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        pages++;
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** Makes room for a block {@code h} points high, on a new page when it does not fit. */
    void need(float h) throws IOException {
        if (cs == null || y - h < MARGIN) {
            newPage();
        }
    }

    float y() {
        return y;
    }

    void down(float h) {
        y -= h;
    }

    /** Writes wrapped text at the cursor and moves the cursor below it. */
    void paragraph(PDType1Font font, float size, String text) throws IOException {
        for (String line : wrap(font, size, safe(text), WIDTH)) {
            need(size * 1.35f);
            text(font, size, MARGIN, y - size, line);
            y -= size * 1.35f;
        }
        y -= size * 0.5f;
    }

    /** Writes one line of text with its baseline at (x, baseline). */
    void text(PDType1Font font, float size, float x, float baseline, String text) throws IOException {
        cs.beginText();
        cs.setNonStrokingColor(Color.BLACK);
        cs.setFont(font, size);
        cs.newLineAtOffset(x, baseline);
        cs.showText(safe(text));
        cs.endText();
    }

    /** Writes text centred on x. */
    void centred(PDType1Font font, float size, float x, float baseline, String text) throws IOException {
        text(font, size, x - width(font, size, text) / 2, baseline, text);
    }

    /** Writes text ending at x. */
    void right(PDType1Font font, float size, float x, float baseline, String text) throws IOException {
        text(font, size, x - width(font, size, text), baseline, text);
    }

    void rect(Color fill, float x, float yy, float w, float h) throws IOException {
        cs.setNonStrokingColor(fill);
        cs.addRect(x, yy, w, h);
        cs.fill();
    }

    void line(Color stroke, float width, float x0, float y0, float x1, float y1) throws IOException {
        cs.setStrokingColor(stroke);
        cs.setLineWidth(width);
        cs.moveTo(x0, y0);
        cs.lineTo(x1, y1);
        cs.stroke();
    }

    /**
     * Fills a closed polygon.
     *
     * @param alpha opacity, 0-1 (the page's translucent bands)
     * @param xs    the corners' x, points
     * @param ys    the corners' y, points, as many as {@code xs}
     */
    void polygon(Color fill, float alpha, float[] xs, float[] ys) throws IOException {
        cs.saveGraphicsState();
        PDExtendedGraphicsState gs = new PDExtendedGraphicsState();
        gs.setNonStrokingAlphaConstant(alpha);
        cs.setGraphicsStateParameters(gs);
        cs.setNonStrokingColor(fill);
        cs.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            cs.lineTo(xs[i], ys[i]);
        }
        cs.closePath();
        cs.fill();
        cs.restoreGraphicsState();
    }

    /**
     * Strokes an open line through the points.
     *
     * @param dash on and off lengths of a dashed line, points; empty for a solid line
     */
    void polyline(Color stroke, float width, float[] dash, float[] xs, float[] ys) throws IOException {
        cs.saveGraphicsState();
        cs.setStrokingColor(stroke);
        cs.setLineWidth(width);
        cs.setLineDashPattern(dash, 0);
        cs.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            cs.lineTo(xs[i], ys[i]);
        }
        cs.stroke();
        cs.restoreGraphicsState();
    }

    /** Draws a circle of radius r, filled, with an outline when {@code stroke} is not null. */
    void circle(Color fill, Color stroke, float strokeWidth, float cx, float cy, float r) throws IOException {
        float k = 0.5523f * r;
        cs.setNonStrokingColor(fill);
        cs.moveTo(cx + r, cy);
        cs.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        cs.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        cs.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        cs.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        cs.closePath();
        if (stroke == null) {
            cs.fill();
        } else {
            cs.setStrokingColor(stroke);
            cs.setLineWidth(strokeWidth);
            cs.fillAndStroke();
        }
    }

    static float width(PDType1Font font, float size, String text) throws IOException {
        return font.getStringWidth(safe(text)) / 1000 * size;
    }

    static List<String> wrap(PDType1Font font, float size, String text, float max) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String next = line.length() == 0 ? word : line + " " + word;
            if (width(font, size, next) > max && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(next);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * The standard fonts encode WinAnsi only; the report's few typographic characters are written as
     * their ASCII look-alikes and anything else outside printable ASCII as '?', so no text can fail.
     */
    static String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\u2013', '\u2014', '\u2212' -> b.append('-');
                case '\u2018', '\u2019' -> b.append('\'');
                case '\u201c', '\u201d' -> b.append('"');
                case '\u00b5' -> b.append('u');
                case '\u00d7' -> b.append('x');
                case '\u2264' -> b.append("<=");
                case '\u2265' -> b.append(">=");
                default -> b.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        if (cs != null) {
            // The footer last, so that a page's text (and a reader's extraction of it) starts with its title.
            text(REGULAR, 7.5f, MARGIN, MARGIN / 2, footer + "  -  page " + pages);
            cs.close();
            cs = null;
        }
    }
}
