package io.taleforge.image.support;

import com.github.tomakehurst.wiremock.common.Notifier;

/**
 * WireMock's notifier, silent: its default one prints unmatched requests with their headers,
 * which would put the test key in the log that the leak test reads.
 */
public class QuietNotifier implements Notifier {

    @Override
    public void info(String message) {
    }

    @Override
    public void error(String message) {
    }

    @Override
    public void error(String message, Throwable t) {
    }
}
