package io.taleforge.gateway.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

import io.vertx.core.buffer.Buffer;

/**
 * A story's fan-out grouped by event loop: each browser's frames are decided on the caller's
 * thread (under the channel's lock, which fixes their order), then each event loop gets one task
 * that writes them to all of its browsers. 500 browsers of one story on 4 event loops cost 4 tasks
 * per event, not 500, and no browser waits behind another loop's writes.
 */
final class LoopBatches {

    private static final Executor AT_ONCE = Runnable::run;

    private record Write(StoryFollower follower, Buffer frames) {
    }

    private LoopBatches() {
    }

    /** Hands each follower the frames {@code framesOf} gives it (null: nothing), one task per event loop. */
    static void write(Iterable<StoryFollower> followers, Function<StoryFollower, Buffer> framesOf) {
        Map<Executor, List<Write>> byLoop = new HashMap<>(8);
        for (StoryFollower follower : followers) {
            Buffer frames = framesOf.apply(follower);
            if (frames != null) {
                Executor loop = follower.loop();
                byLoop.computeIfAbsent(loop == null ? AT_ONCE : loop, any -> new ArrayList<>()).add(new Write(follower, frames));
            }
        }
        byLoop.forEach((loop, writes) -> loop.execute(() -> writes.forEach(w -> w.follower().deliver(w.frames()))));
    }

    /** The frames of the entries, one after the other, as one buffer (the entry's own when there is one). */
    static Buffer frames(List<StoryChannel.Kept> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        if (entries.size() == 1) {
            return entries.get(0).entry().frame();
        }
        Buffer all = Buffer.buffer();
        entries.forEach(kept -> all.appendBuffer(kept.entry().frame()));
        return all;
    }
}
