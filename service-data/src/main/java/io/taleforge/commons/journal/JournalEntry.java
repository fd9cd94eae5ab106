package io.taleforge.commons.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One external (or embedded provider) call: what, for which scene, how it ended, how long, what it cost. */
@Entity
@Table(name = "api_journal")
public class JournalEntry extends PanacheEntityBase {

    public enum Status {
        STARTED, SUCCESS, FAILED, SKIPPED
    }

    @Id
    public UUID id;

    @Column(nullable = false, length = 64)
    public String operation;

    @Column(name = "story_id")
    public UUID storyId;

    @Column(name = "scene_number")
    public Integer sceneNumber;

    public Integer attempt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;

    @Column(length = 100)
    public String step;

    @Column(name = "input_summary")
    public String inputSummary;

    @Column(name = "output_summary")
    public String outputSummary;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "error_trace")
    public String errorTrace;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(length = 64)
    public String provider;

    @Column(length = 100)
    public String model;

    /** US dollars the rate table expects the call to cost, set when it starts; null: not a priced call. */
    @Column(name = "estimated_cost", precision = 18, scale = 6)
    public BigDecimal estimatedCost;

    /** US dollars the call did cost (reported usage, else the table; 0 when it failed); null while it runs. */
    @Column(name = "actual_cost", precision = 18, scale = 6)
    public BigDecimal actualCost;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The OpenTelemetry trace the call was made in (null when tracing is off). */
    @Column(name = "trace_id", length = 32)
    public String traceId;
}
