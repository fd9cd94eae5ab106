package io.taleforge.film.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.taleforge.contracts.ClipRequested;

/** The JSON value of a clip-requested record as its contracts record. */
public class ClipRequestedDeserializer extends ObjectMapperDeserializer<ClipRequested> {

    public ClipRequestedDeserializer() {
        super(ClipRequested.class);
    }
}
