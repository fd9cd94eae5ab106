package io.taleforge.approval.rest;

import java.util.List;

/** What an "all" action did: the scenes it changed, each as it is now. */
public record BulkView(String storyId, List<SceneView> scenes) {
}
