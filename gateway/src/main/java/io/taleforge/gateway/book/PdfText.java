package io.taleforge.gateway.book;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * One embedded TrueType font of a document and what it can draw: text is cleaned (every code
 * point the font has no glyph for becomes a visible U+FFFD, tabs become spaces), measured, and
 * wrapped into lines. Closed with the document's save.
 */
final class PdfText implements AutoCloseable {

    static final int REPLACEMENT = 0xFFFD;

    private final TrueTypeFont ttf;
    private final CmapLookup cmap;
    final PDType0Font font;

    PdfText(PDDocument document, byte[] ttfBytes) throws IOException {
        this.ttf = new TTFParser().parse(new RandomAccessReadBuffer(ttfBytes));
        this.cmap = ttf.getUnicodeCmapLookup();
        this.font = PDType0Font.load(document, ttf, true);
    }

    /** The text with every character the font cannot draw replaced by U+FFFD; no control characters. */
    String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t') {
                out.append(' ');
            } else if (cp == '\n') {
                out.append('\n');
            } else if (Character.isISOControl(cp)) {
                return;
            } else if (cmap.getGlyphId(cp) > 0) {
                out.appendCodePoint(cp);
            } else {
                out.appendCodePoint(cmap.getGlyphId(REPLACEMENT) > 0 ? REPLACEMENT : '?');
            }
        });
        return out.toString();
    }

    /** Width in points of cleaned text at the size. */
    float width(String cleaned, float size) throws IOException {
        return font.getStringWidth(cleaned) / 1000f * size;
    }

    /** Cleaned text broken into lines no wider than {@code maxWidth}; paragraphs kept, long words split. */
    List<String> wrap(String text, float size, float maxWidth) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : clean(text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.trim().split(" +")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, size) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                }
                line.setLength(0);
                line.append(splitLongWord(word, size, maxWidth, lines));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Adds the full-width pieces of a word wider than a line; returns what is left of it. */
    private String splitLongWord(String word, float size, float maxWidth, List<String> lines) throws IOException {
        String rest = word;
        while (width(rest, size) > maxWidth && rest.length() > 1) {
            int end = rest.length() - 1;
            while (end > 1 && width(rest.substring(0, end), size) > maxWidth) {
                end--;
            }
            if (Character.isHighSurrogate(rest.charAt(end - 1))) {
                end = end > 1 ? end - 1 : end + 1; // never split a surrogate pair
            }
            lines.add(rest.substring(0, end));
            rest = rest.substring(end);
        }
        return rest;
    }

    @Override
    public void close() throws IOException {
        ttf.close();
    }
}
