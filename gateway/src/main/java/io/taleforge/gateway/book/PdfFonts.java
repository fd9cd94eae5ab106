package io.taleforge.gateway.book;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.inject.Singleton;

/**
 * The storybook's fonts: DejaVu Sans and DejaVu Sans Bold (version 2.37, from the
 * {@code net.sf.jasperreports:jasperreports-fonts} jar on the classpath, so no machine path and
 * no system font). They cover Latin with every European accent, Greek, Cyrillic, Armenian,
 * Georgian and Hebrew, but no CJK and almost no emoji; {@link PdfText} replaces what they cannot
 * draw with a visible U+FFFD. Each PDF embeds the subset it uses.
 */
@Singleton // no client proxy: the fonts are read once, by the one instance
public class PdfFonts {

    private static final String DIR = "net/sf/jasperreports/fonts/dejavu/";

    private final byte[] regular = load("DejaVuSans.ttf");
    private final byte[] bold = load("DejaVuSans-Bold.ttf");

    public byte[] regular() {
        return regular;
    }

    public byte[] bold() {
        return bold;
    }

    private static byte[] load(String name) {
        try (InputStream in = PdfFonts.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("font " + DIR + name + " is not on the classpath (jasperreports-fonts)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
