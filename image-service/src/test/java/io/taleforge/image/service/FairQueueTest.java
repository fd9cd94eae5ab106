package io.taleforge.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FairQueueTest {

    @Test
    void aLateStoryIsServedNextNotAfterTheTwentyOfTheFirst() {
        FairQueue<String> queue = new FairQueue<>();
        for (int scene = 1; scene <= 20; scene++) {
            queue.put("A", "A" + scene);
        }
        assertEquals("A1", queue.poll());
        queue.put("B", "B1");
        queue.put("C", "C1");
        queue.put("C", "C2");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(queue.poll());
        }
        assertEquals(List.of("A2", "B1", "C1", "A3", "C2", "A4"), order);
        assertEquals(16, queue.size());
    }

    @Test
    void withinOneStoryFirstInFirstOut() {
        FairQueue<Integer> queue = new FairQueue<>();
        queue.put("A", 1);
        queue.put("A", 2);
        assertEquals(1, queue.poll());
        assertEquals(2, queue.poll());
        assertNull(queue.poll());
    }
}
