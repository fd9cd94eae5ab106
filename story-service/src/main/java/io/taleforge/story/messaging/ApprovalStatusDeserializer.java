package io.taleforge.story.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.taleforge.contracts.ApprovalStatus;

/** {@code approval-status} values as the contract record (JSON). */
public class ApprovalStatusDeserializer extends ObjectMapperDeserializer<ApprovalStatus> {

    public ApprovalStatusDeserializer() {
        super(ApprovalStatus.class);
    }
}
