package io.taleforge.commons.migration;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;

/**
 * Liquibase writes its migration report ("Running Changeset", the update summary) straight to
 * stdout through its console UI, which would break the production log's one JSON object per
 * line. Before the migrations run at start, this makes Liquibase's UI its logger and sends the
 * update summary to the log only, so the report is log records like any other, at the level the
 * {@code liquibase} category allows.
 */
@ApplicationScoped
public class LiquibaseOutput {

    void toTheLog(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            // the update summary is a command argument, read from the scope too: to the log only
            Scope.enter(Map.of(Scope.Attr.ui.name(), new LoggerUIService(),
                    "liquibase.command.showSummaryOutput", "LOG"));
        } catch (Exception e) {
            Log.warnf("Liquibase's report stays on stdout: %s", e.toString());
        }
    }
}
