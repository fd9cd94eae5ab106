package io.taleforge.image.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.taleforge.contracts.SceneApproved;

/** Reads a scene-approved record's JSON value as the contract record. */
public class SceneApprovedDeserializer extends ObjectMapperDeserializer<SceneApproved> {

    public SceneApprovedDeserializer() {
        super(SceneApproved.class);
    }
}
