package io.taleforge.image.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.commons.config.TableFiles;

/**
 * The image model table: the classpath's {@code image-models.json}, or the file a user points
 * {@code taleforge.image.openai.models-file} at. One {@link ImageModel} row per model, and the
 * retired models with the reason they are refused. Every message names the table it read.
 */
public final class ImageModels {

    public static final String RESOURCE = "image-models.json";
    static final List<String> ANSWERS = List.of("b64_json", "url");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Map<String, ImageModel> models;
    private final Map<String, String> retired;

    private ImageModels(String source, Map<String, ImageModel> models, Map<String, String> retired) {
        this.source = source;
        this.models = models;
        this.retired = retired;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Table(Map<String, ImageModel> models, Map<String, String> retired) {
    }

    /** The table of {@code file}, else the classpath's; throws with a message naming it when it cannot be read. */
    public static ImageModels load(Optional<String> file) {
        String source = TableFiles.source(file, RESOURCE);
        Table table;
        try (InputStream in = TableFiles.open(file, RESOURCE)) {
            table = JSON.readValue(in, Table.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the image model table (" + source + ") cannot be read: "
                    + e.getMessage(), e);
        }
        if (table == null || table.models() == null || table.models().isEmpty()) {
            throw new IllegalStateException("the image model table (" + source + ") has no models");
        }
        Map<String, ImageModel> rows = new LinkedHashMap<>();
        table.models().forEach((name, row) -> rows.put(name, row.named(name)));
        return new ImageModels(source, rows, table.retired() == null ? Map.of() : table.retired());
    }

    /** Where the table was read: {@code classpath image-models.json} or {@code file <path>}. */
    public String source() {
        return source;
    }

    public Optional<ImageModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /**
     * What stops {@code model} (with the configured size, quality and response format) from being
     * used: not in the table, retired, a value its row does not accept, or a row that is incomplete.
     */
    public List<String> problems(String model, Optional<String> size, Optional<String> quality,
            Optional<String> responseFormat) {
        ImageModel row = models.get(model);
        if (row == null) {
            String why = retired.containsKey(model) ? " (" + retired.get(model) + ")" : "";
            return List.of("image model '" + model + "' is not in the model table (" + source + ")" + why
                    + "; known: " + String.join(", ", models.keySet())
                    + "; add a row to the table or point taleforge.image.openai.models-file at your own");
        }
        List<String> problems = new ArrayList<>(rowProblems(row));
        size.filter(s -> !row.sizes().contains(s)).ifPresent(s -> problems.add(notOneOf("size", s, row,
                row.sizes())));
        quality.filter(q -> !row.qualities().contains(q)).ifPresent(q -> problems.add(notOneOf("quality", q, row,
                row.qualities())));
        responseFormat.ifPresent(f -> {
            if (!row.responseFormat()) {
                problems.add("image model '" + model + "' takes no response_format (it answers " + row.answer()
                        + ", model table " + source + ")");
            } else if (!ANSWERS.contains(f)) {
                problems.add(notOneOf("response_format", f, row, ANSWERS));
            }
        });
        return problems;
    }

    private String notOneOf(String what, String value, ImageModel row, List<String> accepted) {
        return what + " '" + value + "' is not one of image model '" + row.name() + "''s in the model table ("
                + source + "): " + String.join(", ", accepted);
    }

    private List<String> rowProblems(ImageModel row) {
        List<String> problems = new ArrayList<>();
        String where = "model table (" + source + ") row '" + row.name() + "' ";
        if (row.sizes() == null || row.sizes().isEmpty() || !row.sizes().contains(row.defaultSize())) {
            problems.add(where + "needs sizes that include its defaultSize");
        }
        if (row.qualities() == null || row.qualities().isEmpty()
                || row.defaultQuality() != null && !row.qualities().contains(row.defaultQuality())) {
            problems.add(where + "needs qualities (that include its defaultQuality, when it has one)");
        }
        if (!ANSWERS.contains(row.answer())) {
            problems.add(where + "needs answer b64_json or url");
        }
        if (row.promptLimit() < 1) {
            problems.add(where + "needs a promptLimit of at least 1");
        }
        return problems;
    }
}
