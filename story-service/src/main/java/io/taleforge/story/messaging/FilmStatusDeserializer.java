package io.taleforge.story.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.taleforge.contracts.FilmStatus;

/** {@code film-status} values as the contract record (JSON). */
public class FilmStatusDeserializer extends ObjectMapperDeserializer<FilmStatus> {

    public FilmStatusDeserializer() {
        super(FilmStatus.class);
    }
}
