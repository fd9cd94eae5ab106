package io.taleforge.gateway.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The storybook PDF read back with PDFBox's own text extraction, as a reader's PDF viewer would. */
class BookPdfTest {

    private static final StoryFixtures STORY = new StoryFixtures();
    private static byte[] pdf;

    @BeforeAll
    static void render() {
        pdf = new BookPdf(new PdfFonts()).render(STORY.book(), StoryFixtures.pictures());
    }

    @Test
    void aCoverThenOnePagePerScene() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(21, document.getNumberOfPages());
            assertEquals("Zoë and the Lantern of Ærøskøbing \uFFFD", document.getDocumentInformation().getTitle());
        }
    }

    @Test
    void theTitleAndTheTwentySceneTextsAreFoundInOrder() throws IOException {
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
        assertTrue(text.startsWith("Zoë and the Lantern of Ærøskøbing"), text.substring(0, 80));
        assertTrue(text.contains("The story of " + StoryFixtures.HERO + ", a brave fox"), "the hero, accents kept");
        int at = 0;
        for (int n = 1; n <= 20; n++) {
            int found = text.indexOf(StoryFixtures.sceneText(n), at);
            assertTrue(found >= at, "scene " + n + " after scene " + (n - 1));
            at = found;
        }
        // the emoji is not in DejaVu Sans: it is replaced visibly, never dropped or left as a blank glyph
        assertFalse(text.contains("🦊"));
        assertTrue(text.contains("Ærøskøbing \uFFFD"), "the fox emoji became U+FFFD");
    }

    @Test
    void everyPageCarriesItsPictureAtFullResolutionAndItsNumber() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                List<PDImageXObject> images = images(document.getPage(i));
                assertEquals(1, images.size(), "one picture on page " + (i + 1));
                assertEquals(StoryFixtures.PIXELS, images.get(0).getWidth(), "not resampled");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(21);
            stripper.setEndPage(21);
            assertTrue(stripper.getText(document).strip().endsWith("21"), "page number at the foot");
        }
    }

    @Test
    void theFontIsEmbedded() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(1);
            List<PDFont> fonts = new ArrayList<>();
            for (COSName name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
            assertFalse(fonts.isEmpty());
            for (PDFont font : fonts) {
                assertTrue(font.isEmbedded(), font.getName() + " embedded");
                assertTrue(font.getName().contains("DejaVuSans"), font.getName());
            }
        }
    }

    private static List<PDImageXObject> images(PDPage page) throws IOException {
        List<PDImageXObject> images = new ArrayList<>();
        for (COSName name : page.getResources().getXObjectNames()) {
            PDXObject object = page.getResources().getXObject(name);
            if (object instanceof PDImageXObject image) {
                images.add(image);
            }
        }
        return images;
    }
}
