package io.taleforge.story.messaging;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import io.taleforge.contracts.ImageRejected;

/** {@code image-rejected} values as the contract record (JSON). */
public class ImageRejectedDeserializer extends ObjectMapperDeserializer<ImageRejected> {

    public ImageRejectedDeserializer() {
        super(ImageRejected.class);
    }
}
