package io.taleforge.gateway.book;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import io.quarkus.logging.Log;
import io.taleforge.gateway.client.MediaFile;
import io.taleforge.gateway.model.Book;

/**
 * The storybook as a PDF (PDFBox): an A5 cover (title, hero, the reader's choices, the last
 * scene's picture), then one page per scene: its picture, embedded with its original pixels (never
 * resampled), above its text, and the page number at the foot. Text is set in DejaVu Sans
 * ({@link PdfFonts}), embedded.
 */
@ApplicationScoped
public class BookPdf {

    static final PDRectangle SIZE = PDRectangle.A5;
    static final float MARGIN = 36;
    static final float WIDTH = SIZE.getWidth() - 2 * MARGIN;
    private static final float FOOT = 40;
    private static final float MIN_PICTURE = 160;

    private final PdfFonts fonts;

    public BookPdf(PdfFonts fonts) {
        this.fonts = fonts;
    }

    /** @param pictures each page's approved picture, by scene number */
    public byte[] render(Book book, Map<Integer, MediaFile> pictures) {
        try (PDDocument document = new PDDocument();
                PdfText regular = new PdfText(document, fonts.regular());
                PdfText bold = new PdfText(document, fonts.bold())) {
            document.getDocumentInformation().setTitle(regular.clean(book.title()));
            document.getDocumentInformation().setCreator("Taleforge");
            Book.Page last = book.pages().isEmpty() ? null : book.pages().get(book.pages().size() - 1);
            cover(document, book, last == null ? null : image(document, last.number(), pictures), regular, bold);
            for (Book.Page page : book.pages()) {
                scene(document, page, image(document, page.number(), pictures), regular, document.getNumberOfPages() + 1);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the storybook PDF of story " + book.id() + " could not be made", e);
        }
    }

    private static PDImageXObject image(PDDocument document, int scene, Map<Integer, MediaFile> pictures) {
        MediaFile file = pictures.get(scene);
        if (file == null) {
            return null;
        }
        try {
            return PDImageXObject.createFromByteArray(document, file.bytes(), "scene-" + scene);
        } catch (IOException | IllegalArgumentException e) {
            Log.warnf("storybook picture not embeddable scene=%d contentType=%s: %s", scene, file.contentType(), e.toString());
            return null;
        }
    }

    private static void cover(PDDocument document, Book book, PDImageXObject picture, PdfText regular, PdfText bold)
            throws IOException {
        PDPage page = new PDPage(SIZE);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            float y = SIZE.getHeight() - MARGIN - 10;
            y = centred(content, bold, book.title(), 22, y, 28);
            Book.Hero hero = book.hero();
            if (hero != null) {
                y = centred(content, regular, "The story of %s, a %s %s".formatted(hero.name(), hero.trait(), hero.species()),
                        12, y - 6, 16);
            }
            float side = Math.min(WIDTH, y - MARGIN - 90);
            if (picture != null && side >= MIN_PICTURE) {
                content.drawImage(picture, (SIZE.getWidth() - side) / 2, y - 14 - side, side, side);
                y -= 14 + side;
            }
            content.setNonStrokingColor(0.35f, 0.35f, 0.4f);
            centred(content, regular, book.choices(), 9, y - 16, 12);
        }
    }

    private static void scene(PDDocument document, Book.Page scene, PDImageXObject picture, PdfText regular, int number)
            throws IOException {
        PDPage page = new PDPage(SIZE);
        document.addPage(page);
        float size = 12;
        List<String> lines = regular.wrap(scene.text(), size, WIDTH);
        float room = SIZE.getHeight() - 2 * MARGIN - FOOT;
        while (size > 8 && room - lines.size() * size * 1.35f < MIN_PICTURE) {
            size -= 1;
            lines = regular.wrap(scene.text(), size, WIDTH);
        }
        float leading = size * 1.35f;
        float side = Math.max(0, Math.min(WIDTH, room - lines.size() * leading - 14));
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            float y = SIZE.getHeight() - MARGIN;
            if (picture != null && side > 0) {
                content.drawImage(picture, (SIZE.getWidth() - side) / 2, y - side, side, side);
            }
            y -= side + 14 + size;
            for (String line : lines) {
                text(content, regular, line, size, MARGIN, y);
                y -= leading;
            }
            content.setNonStrokingColor(0.45f, 0.45f, 0.5f);
            String folio = String.valueOf(number);
            text(content, regular, folio, 9, (SIZE.getWidth() - regular.width(folio, 9)) / 2, MARGIN - 8);
        }
    }

    /** Lines centred on the page from the baseline {@code y} down; returns the baseline below them. */
    private static float centred(PDPageContentStream content, PdfText font, String text, float size, float y,
            float leading) throws IOException {
        float baseline = y - size;
        for (String line : font.wrap(text, size, WIDTH)) {
            text(content, font, line, size, (SIZE.getWidth() - font.width(line, size)) / 2, baseline);
            baseline -= leading;
        }
        return baseline + leading - size * 0.3f;
    }

    private static void text(PDPageContentStream content, PdfText font, String line, float size, float x, float y)
            throws IOException {
        content.beginText();
        content.setFont(font.font, size);
        content.newLineAtOffset(x, y);
        content.showText(line);
        content.endText();
    }
}
