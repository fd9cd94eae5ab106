package io.taleforge.cli.batch;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.taleforge.cli.api.GatewayApi;
import io.taleforge.cli.config.CliConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code taleforge batch FILE}: one story per line of FILE, {@code --concurrency} at a time, each
 * taken as far as asked, resumed from {@code FILE.state.json} when run again. Exit 0 when every
 * line finished, 1 when any failed, 2 on a usage error.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Make one story per line of FILE ({\"answers\": {...}, \"edits\": {\"3\": \"...\"}}); "
                + "running it again resumes (FILE.state.json).")
public class BatchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "one story per line: quiz answers as JSON, optional edits")
    Path file;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "2", description = "stories at once (1-16)")
    int concurrency;

    @Option(names = "--approve-all", description = "approve every picture as it is READY (else stop at the board)")
    boolean approveAll;

    @Option(names = "--export", paramLabel = "DIR", description = "write each finished story's ZIP and PDF here")
    Path exportDir;

    @Option(names = "--gateway", paramLabel = "URL", description = "the gateway (default: taleforge.cli.gateway)")
    String gateway;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:TALEFORGE_TOKEN}",
            description = "the reader's bearer token (or TALEFORGE_TOKEN; else one is made and kept in the state file)")
    String token;

    @Spec
    CommandSpec spec;

    private final CliConfig config;
    private final ObjectMapper json;
    /** Set on Ctrl-C / SIGTERM: no step starts any more; the calls under way finish and are recorded. */
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Counted down once the summary is printed: a stopped batch still shows its table. */
    private final CountDownLatch summarized = new CountDownLatch(1);

    public BatchCommand(CliConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<BatchLine> lines = BatchLine.parseAll(readFile(), json);
        BatchState state = BatchState.load(BatchState.fileFor(file), json);
        StoryRun.Plan plan = plan();
        GatewayApi api = new GatewayApi(URI.create(gateway == null ? config.gateway() : gateway),
                readerToken(state), config.requestTimeout(), json);
        List<Outcome> outcomes = runAll(lines, state, plan, api);
        Summary.print(System.out, outcomes);
        summarized.countDown();
        return outcomes.stream().anyMatch(Outcome::failed) ? 1 : 0;
    }

    private List<String> readFile() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "no such file: " + file);
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private StoryRun.Plan plan() throws IOException {
        if (concurrency < 1 || concurrency > 16) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be between 1 and 16");
        }
        if (exportDir != null && !approveAll) {
            throw new ParameterException(spec.commandLine(),
                    "--export needs --approve-all: a story is exported once all its pictures are approved");
        }
        if (exportDir != null) {
            Files.createDirectories(exportDir);
        }
        return new StoryRun.Plan(approveAll, Optional.ofNullable(exportDir), config.pollInterval(), config.stall(),
                config.pictureRetries(), stopping::get);
    }

    /** --token or TALEFORGE_TOKEN; else the one this batch made before; else a new one, kept for the re-run. */
    private String readerToken(BatchState state) {
        if (token != null && !token.isBlank()) {
            if (!token.strip().matches("[A-Za-z0-9_-]{32,256}")) {
                throw new ParameterException(spec.commandLine(), "--token must be 32-256 characters of A-Z a-z 0-9 _ -");
            }
            return token.strip();
        }
        return state.token().orElseGet(() -> {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            state.keepToken(made);
            spec.commandLine().getErr().println("no --token: a new reader token is kept in " + state.file());
            return made;
        });
    }

    private List<Outcome> runAll(List<BatchLine> lines, BatchState state, StoryRun.Plan plan, GatewayApi api)
            throws InterruptedException {
        Map<BatchLine, BatchState.Entry> entries = new LinkedHashMap<>();
        lines.forEach(line -> entries.put(line, state.claim(line))); // in file order, before any thread starts
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        Thread stop = new Thread(() -> stopGently(pool), "batch-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try (Bars bars = new Bars(System.err, System.console() != null, lines.size())) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Map.Entry<BatchLine, BatchState.Entry> e : entries.entrySet()) {
                futures.add(pool.submit(() -> {
                    if (stopping.get()) {
                        return Outcome.failed(e.getKey().number(), e.getValue().storyId(), e.getValue().stage(),
                                "not started (the batch was ended)");
                    }
                    Outcome outcome = one(e.getKey(), e.getValue(), state, plan, api, bars);
                    bars.lineFinished(finished.incrementAndGet());
                    return outcome;
                }));
            }
            return collect(futures);
        } finally {
            if (!stopping.get()) {
                pool.shutdownNow();
                Runtime.getRuntime().removeShutdownHook(stop);
            }
        }
    }

    /**
     * The shutdown hook: a killed batch must not lose a story it created, so the calls under way
     * (a create above all) get their answer recorded before the JVM ends; nothing new starts.
     */
    private void stopGently(ExecutorService pool) {
        stopping.set(true);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(config.stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("batch: calls still under way after " + config.stopGrace().toSeconds()
                        + " s; a line left at CREATING may be created again by the next run");
            }
            summarized.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Outcome one(BatchLine line, BatchState.Entry entry, BatchState state, StoryRun.Plan plan,
            GatewayApi api, Bars bars) {
        if (line.bad()) {
            state.record(line, null, Stage.NEW, line.problem());
            Log.infof("batch line unreadable line=%d problem=%s", line.number(), line.problem());
            return Outcome.failed(line.number(), null, Stage.NEW, line.problem());
        }
        if (entry.storyId() != null && entry.stage().reached(plan.target()) && entry.problem() == null) {
            return new Outcome(line.number(), entry.storyId(), entry.stage(), 0, 0, false, "finished in an earlier run");
        }
        return new StoryRun(api, state, plan, line, entry, bars.story(line.number())).run();
    }

    private static List<Outcome> collect(List<Future<Outcome>> futures) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            try {
                outcomes.add(future.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a batch line broke: " + e.getCause(), e.getCause());
            }
        }
        return outcomes;
    }
}
