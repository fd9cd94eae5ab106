package io.taleforge.story.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.taleforge.contracts.ImageStatus;

/** {@code image-status} values as the contract record (JSON). */
public class ImageStatusDeserializer extends ObjectMapperDeserializer<ImageStatus> {

    public ImageStatusDeserializer() {
        super(ImageStatus.class);
    }
}
