package io.taleforge.image.provider;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.logging.Log;

/**
 * The local renderer's lettering: the scene-number badge and the prompt's caption. On a machine
 * without a usable font both are left out (once, with one warning) and the picture is still drawn.
 */
final class RendererLettering {

    private volatile boolean captionBroken;

    void badge(Graphics2D g, int w, int sceneNumber) {
        if (captionBroken) {
            return;
        }
        try {
            int d = w / 9;
            g.setColor(new Color(0, 0, 0, 140));
            g.fillOval(w / 40, w / 40, d, d);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, d / 2));
            FontMetrics fm = g.getFontMetrics();
            String text = Integer.toString(sceneNumber);
            g.drawString(text, w / 40 + (d - fm.stringWidth(text)) / 2, w / 40 + (d + fm.getAscent()) / 2 - 3);
        } catch (RuntimeException | Error e) {
            fontsUnavailable(e);
        }
    }

    void caption(Graphics2D g, int w, int h, String prompt) {
        if (captionBroken) {
            return;
        }
        try {
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, w / 34));
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            int margin = w / 32;
            List<String> lines = wrap(prompt, fm, w - 2 * margin, 4);
            int lineHeight = fm.getHeight();
            int band = lines.size() * lineHeight + margin;
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.6f));
            g.setColor(Color.BLACK);
            g.fillRect(0, h - band, w, band);
            g.setComposite(AlphaComposite.SrcOver);
            g.setColor(Color.WHITE);
            int y = h - band + margin / 2 + fm.getAscent();
            for (String line : lines) {
                g.drawString(line, margin, y);
                y += lineHeight;
            }
        } catch (RuntimeException | Error e) {
            fontsUnavailable(e);
        }
    }

    private void fontsUnavailable(Throwable e) {
        captionBroken = true;
        Log.warnf("local renderer: no usable font on this machine, images are drawn without caption: %s", e);
    }

    /** Greedy word wrap to {@code maxLines}; the last line ends with an ellipsis when text is left. */
    static List<String> wrap(String text, FontMetrics fm, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String[] words = text.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String candidate = line.isEmpty() ? words[i] : line + " " + words[i];
            if (fm.stringWidth(candidate) <= width || line.isEmpty()) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            lines.add(line.toString());
            line.setLength(0);
            line.append(words[i]);
            if (lines.size() == maxLines) {
                String last = lines.remove(maxLines - 1);
                while (!last.isEmpty() && fm.stringWidth(last + "…") > width) {
                    last = last.substring(0, last.length() - 1);
                }
                lines.add(last + "…");
                return lines;
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

}
