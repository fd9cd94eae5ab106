package io.taleforge.image.bench;

import static io.taleforge.image.bench.BenchSupport.percentile;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.taleforge.contracts.ImageStatus;
import io.taleforge.image.it.ImageServiceCluster;

/**
 * Where the per-image overhead goes, as phases between the permit and READY, from the rows each
 * picture left in the shared database (its generation and upload journal rows, its job row) and
 * its GENERATING / READY events:
 * <ul>
 * <li>{@code to-open}: permit → generation row created (GENERATING published, reference, prompts, price);
 * <li>{@code open}: generation row created → upload row created, minus the provider's time (the row's
 * insert and commit, the guards' hand-overs);
 * <li>{@code upload}: the upload row's life (its insert and commit, the store write);
 * <li>{@code keep}: upload row closed → generation row closed (the upload row's close, the result recorded);
 * <li>{@code finish}: generation row closed → READY's time (its commit, the job row made READY;
 * negative when READY is written in the row's own transaction, its time taken before the close).
 * </ul>
 * And {@code to-commit}: the overhead up to the later of READY's time and the row's close, so a READY
 * time taken before its own transaction's work is not counted as less work.
 */
final class BenchPhases {

    static final List<String> NAMES = List.of("to-open", "open", "upload", "keep", "finish");

    private BenchPhases() {
    }

    /** One picture's phases in ms, in the order of {@link #NAMES}, with its permit time and overhead. */
    record Phases(Instant permit, long overheadMs, long toCommitMs, long[] ms) {
    }

    /** The phases of every picture of {@code ready} that has its rows; sorted by permit. */
    static List<Phases> of(ImageServiceCluster cluster, Map<String, ImageStatus> generating,
            Map<String, ImageStatus> ready) throws SQLException {
        List<Phases> all = new ArrayList<>();
        for (Map.Entry<String, ImageStatus> e : ready.entrySet()) {
            ImageStatus g = generating.get(e.getKey());
            ImageStatus r = e.getValue();
            if (g == null) {
                continue;
            }
            Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
            for (Map<String, Object> row : cluster.query("select operation, created_at, finished_at from api_journal"
                    + " where story_id = ? and scene_number = ? and attempt = ? and status = 'SUCCESS'",
                    UUID.fromString(r.storyId()), r.sceneNumber(), r.attempt())) {
                rows.put((String) row.get("operation"), row);
            }
            Map<String, Object> gen = rows.get("image-generation");
            Map<String, Object> up = rows.get("image-upload");
            if (gen == null || up == null) {
                continue;
            }
            Instant permit = g.occurredAt();
            Instant genOpen = at(gen.get("created_at"));
            Instant genClose = at(gen.get("finished_at"));
            Instant upOpen = at(up.get("created_at"));
            Instant upClose = at(up.get("finished_at"));
            long[] ms = { ms(permit, genOpen), ms(genOpen, upOpen) - r.durationMs(), ms(upOpen, upClose),
                    ms(upClose, genClose), ms(genClose, r.occurredAt()) };
            Instant end = genClose.isAfter(r.occurredAt()) ? genClose : r.occurredAt();
            all.add(new Phases(permit, BenchSupport.overheadMs(g, r), ms(permit, end) - r.durationMs(), ms));
        }
        all.sort(Comparator.comparing(Phases::permit));
        return all;
    }

    /** p50 / p95 / max of each phase over {@code pictures}. */
    static void print(String title, List<Phases> pictures) {
        StringBuilder line = new StringBuilder("phases " + title + " (" + pictures.size() + " images), p50/p95/max ms:");
        for (int i = 0; i < NAMES.size(); i++) {
            int phase = i;
            List<Long> sorted = pictures.stream().map(p -> p.ms()[phase]).sorted().collect(Collectors.toList());
            line.append(String.format(Locale.ROOT, " %s %d/%d/%d", NAMES.get(i), percentile(sorted, 50),
                    percentile(sorted, 95), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1)));
        }
        List<Long> toCommit = pictures.stream().map(Phases::toCommitMs).sorted().collect(Collectors.toList());
        line.append(String.format(Locale.ROOT, "; to-commit %d/%d/%d", percentile(toCommit, 50),
                percentile(toCommit, 95), toCommit.isEmpty() ? -1 : toCommit.get(toCommit.size() - 1)));
        System.out.println(line);
    }

    /** Each of the first {@code n} pictures by permit: its overhead and its phases. */
    static void printFirst(String title, List<Phases> pictures, int n) {
        for (Phases p : pictures.stream().limit(n).collect(Collectors.toList())) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s: overhead %d ms (to-commit %d) =",
                    title, p.overheadMs(), p.toCommitMs()));
            for (int i = 0; i < NAMES.size(); i++) {
                line.append(String.format(Locale.ROOT, " %s %d", NAMES.get(i), p.ms()[i]));
            }
            System.out.println(line);
        }
    }

    private static Instant at(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }

    private static long ms(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }
}
