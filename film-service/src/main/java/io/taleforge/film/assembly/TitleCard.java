package io.taleforge.film.assembly;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

/** The film's first picture: the story's title on the house's purple, over the hero's portrait when there is one. */
final class TitleCard {

    private TitleCard() {
    }

    static byte[] png(String title, byte[] portrait, int width, int height) throws IOException {
        BufferedImage card = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = card.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1d1b2c), 0, height, new Color(0x4b3aa0)));
        g.fillRect(0, 0, width, height);
        int textY = height / 2;
        BufferedImage hero = portrait == null ? null : ImageIO.read(new ByteArrayInputStream(portrait));
        if (hero != null) {
            int d = height * 2 / 5;
            int x = (width - d) / 2;
            int y = height / 8;
            g.setClip(new Ellipse2D.Double(x, y, d, d));
            g.drawImage(hero, x, y, d, d, null);
            g.setClip(null);
            textY = y + d + height / 8;
        }
        g.setColor(Color.WHITE);
        g.setFont(fitted(g, title, width * 9 / 10, Math.max(12, height / 10)));
        FontMetrics m = g.getFontMetrics();
        g.drawString(title, (width - m.stringWidth(title)) / 2, textY + m.getAscent() / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(card, "png", out);
        return out.toByteArray();
    }

    /** The largest serif bold font up to {@code size} in which {@code text} fits {@code width}. */
    private static Font fitted(Graphics2D g, String text, int width, int size) {
        Font font = new Font(Font.SERIF, Font.BOLD, size);
        while (size > 10 && g.getFontMetrics(font).stringWidth(text) > width) {
            size--;
            font = font.deriveFont((float) size);
        }
        return font;
    }
}
