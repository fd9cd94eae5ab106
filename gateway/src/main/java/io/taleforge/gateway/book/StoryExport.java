package io.taleforge.gateway.book;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.taleforge.gateway.client.MediaFile;
import io.taleforge.gateway.model.StoryRecord;

/**
 * The export ZIP: {@code story.json} (a {@link StoryRecord}), {@code story.schema.json} (its JSON
 * Schema), {@code attempts.csv} ({@link AttemptsCsv}) and {@code images/scene-NN.<ext>}, the
 * approved pictures.
 */
@ApplicationScoped
public class StoryExport {

    public static final String STORY_JSON = "story.json";
    public static final String SCHEMA = "story.schema.json";
    public static final String CSV = "attempts.csv";
    /** Where the schema lives on the classpath (also served at {@code /schemas/story.schema.json}). */
    public static final String SCHEMA_RESOURCE = "META-INF/resources/schemas/story.schema.json";

    private final ObjectMapper json;

    public StoryExport(ObjectMapper json) {
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static String imageEntry(int scene, String extension) {
        return "images/scene-%02d.%s".formatted(scene, extension);
    }

    /**
     * @param pictures the approved pictures by scene number
     * @param entries their entry names by scene number
     */
    public byte[] zip(StoryRecord record, Map<Integer, MediaFile> pictures, Map<Integer, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            put(zip, STORY_JSON, json.writeValueAsBytes(record));
            put(zip, SCHEMA, schema());
            put(zip, CSV, AttemptsCsv.of(record).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<Integer, MediaFile> picture : pictures.entrySet()) {
                put(zip, entries.get(picture.getKey()), picture.getValue().bytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] schema() {
        try (InputStream in = StoryExport.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the gateway");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
