package io.taleforge.commons.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor();

    @Test
    void registeredSecretsAreMaskedWhereverTheyAppear() {
        redactor.register("plain-looking-value-42");
        assertEquals("call failed with [REDACTED] in the body",
                redactor.redact("call failed with plain-looking-value-42 in the body"));
        assertNull(redactor.redact(null));
    }

    @Test
    void keyShapesAreMaskedWithoutRegistration() {
        assertFalse(redactor.redact("Incorrect API key provided: sk-proj-abcdef0123456789").contains("abcdef0123"));
        assertEquals("Authorization: Bearer [REDACTED]", redactor.redact("Authorization: Bearer abc.def-ghi_jkl"));
        assertEquals("api_key=[REDACTED]&timestamp=1", redactor.redact("api_key=123456789012345&timestamp=1"));
        assertEquals("x-api-key: [REDACTED]", redactor.redact("x-api-key: abcdefgh"));
        assertEquals("cloudinary://key:[REDACTED]@demo", redactor.redact("cloudinary://key:s3cr3tValue@demo"));
    }

    @Test
    void anErrorCodeEndingInAKeyNameIsNotTakenForAKey() {
        assertEquals("invalid_api_key: Incorrect API key provided",
                redactor.redact("invalid_api_key: Incorrect API key provided"));
    }
}
