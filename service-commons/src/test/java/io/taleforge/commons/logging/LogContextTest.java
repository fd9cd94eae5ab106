package io.taleforge.commons.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theIdsAreMdcFieldsUntilClosed() {
        try (LogContext ids = LogContext.of("s-1", 3, 2)) {
            assertEquals("s-1", MDC.get(LogContext.STORY));
            assertEquals("3", MDC.get(LogContext.SCENE));
            assertEquals("2", MDC.get(LogContext.ATTEMPT));
        }
        assertNull(MDC.get(LogContext.STORY), "a pooled thread keeps no ids for its next task");
        assertNull(MDC.get(LogContext.SCENE));
        assertNull(MDC.get(LogContext.ATTEMPT));
    }

    @Test
    void aNestedContextRestoresTheOuterOneAndANullIdIsLeftOut() {
        try (LogContext story = LogContext.of("s-1", null, null)) {
            assertNull(MDC.get(LogContext.SCENE));
            try (LogContext scene = LogContext.of("s-2", 4, 1)) {
                assertEquals("s-2", MDC.get(LogContext.STORY));
            }
            assertEquals("s-1", MDC.get(LogContext.STORY), "the outer story again");
            assertNull(MDC.get(LogContext.SCENE));
        }
    }
}
