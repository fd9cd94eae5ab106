package io.taleforge.cli.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The command line's defaults; each can be set as a system property or an environment variable. */
@ConfigMapping(prefix = "taleforge.cli")
public interface CliConfig {

    /** The gateway's base URL when {@code --gateway} is not given. */
    @WithDefault("http://localhost:8080")
    String gateway();

    /** The longest one API call may take (connect and answer). */
    @WithDefault("60s")
    Duration requestTimeout();

    /** How often a story's state is read while its pictures are being made. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a story may go without any picture becoming READY or approved before it is given up. */
    @WithDefault("5m")
    Duration stall();

    /** On Ctrl-C or SIGTERM: how long the calls under way may take to answer and be recorded before the batch ends. */
    @WithDefault("30s")
    Duration stopGrace();

    /** How often a FAILED picture is asked again before its story is given up. */
    @WithDefault("2")
    int pictureRetries();
}
