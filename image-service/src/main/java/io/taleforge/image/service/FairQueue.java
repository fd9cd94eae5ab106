package io.taleforge.image.service;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The waiting jobs of one instance, served round-robin by story: one story's 20 images do not
 * starve another story's first one. Within a story, first in, first out.
 */
public final class FairQueue<T> {

    private final Map<String, ArrayDeque<T>> byStory = new HashMap<>();
    private final ArrayDeque<String> rotation = new ArrayDeque<>();
    private int size;

    public synchronized void put(String storyId, T item) {
        byStory.computeIfAbsent(storyId, k -> {
            rotation.addLast(k);
            return new ArrayDeque<>();
        }).addLast(item);
        size++;
        notifyAll();
    }

    /** The next job, from the story whose turn it is; waits while there is none. */
    public synchronized T take() throws InterruptedException {
        while (size == 0) {
            wait();
        }
        return next();
    }

    /** Same without waiting; null when empty. */
    public synchronized T poll() {
        return size == 0 ? null : next();
    }

    public synchronized int size() {
        return size;
    }

    private T next() {
        String story = rotation.pollFirst();
        ArrayDeque<T> jobs = byStory.get(story);
        T item = jobs.pollFirst();
        size--;
        if (jobs.isEmpty()) {
            byStory.remove(story);
        } else {
            rotation.addLast(story);
        }
        return item;
    }
}
