package io.taleforge.commons.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;

/**
 * Downloads what a provider answered with a URL (an image, a video), and never reaches an internal address:
 * <ol>
 * <li>https only; the host must be on the allow-list (an entry matches itself and, on a dot
 * boundary, its subdomains);
 * <li>the host is resolved here and every address it resolves to must be public
 * ({@link AddressPolicy}); the connection then goes to that checked address (the TLS name and
 * {@code Host} stay the URL's host), so a second DNS answer cannot swap in an internal one;
 * <li>redirects are not followed (a 3xx is refused);
 * <li>the body is counted while it streams and the download is cut at {@code maxBytes}
 * (Content-Length is only an early refusal, never trusted); the whole download, body included,
 * must end within {@code timeout} (a slow body is cut).
 * </ol>
 */
public class GuardedDownloader implements AutoCloseable {

    /** Host name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The guard's settings; the two test-only flags must stay false in production. */
    public record Settings(List<String> hosts, long maxBytes, Duration timeout, boolean testOnlyAllowLoopback,
            boolean testOnlyTrustAllCertificates) {
    }

    /** The bytes and the media type the server declared. */
    public record Downloaded(byte[] bytes, String contentType) {
    }

    /** The download did not end within the timeout (a slow body): transient. */
    public static class DownloadTimeoutException extends IOException {
        public DownloadTimeoutException(String message) {
            super(message);
        }
    }

    private final Settings settings;
    private final Resolver resolver;
    private final HttpClient client;

    public GuardedDownloader(Vertx vertx, Settings settings) {
        this(vertx, settings, InetAddress::getAllByName);
    }

    public GuardedDownloader(Vertx vertx, Settings settings, Resolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
        boolean trustAll = settings.testOnlyTrustAllCertificates();
        // No trace leaves for an outside host; besides, Quarkus' Vert.x tracer fails (NPE) on a
        // request without headers, so a traced download never ended.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setSsl(true)
                .setForceSni(true)
                .setTrustAll(trustAll)
                .setVerifyHost(!trustAll)
                .setKeepAlive(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis())));
    }

    /** Checks {@code url} against the guard and returns the address to connect to. */
    public InetAddress check(String url) throws DownloadRefusedException {
        URI uri = parse(url);
        String host = host(uri);
        if (!allowedHost(host, settings.hosts())) {
            throw new DownloadRefusedException("download refused: host " + host + " is not on the allow-list "
                    + settings.hosts());
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new DownloadRefusedException("download refused: host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new DownloadRefusedException("download refused: host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (AddressPolicy.refused(address, settings.testOnlyAllowLoopback())) {
                throw new DownloadRefusedException("download refused: host " + host
                        + " resolves to an internal address " + address.getHostAddress());
            }
        }
        return addresses[0];
    }

    /**
     * Downloads {@code url} under the guard.
     *
     * @throws DownloadRefusedException refused URL, host, address, redirect or size
     * @throws DownloadTimeoutException the download did not end in time
     * @throws DownloadStatusException a non-2xx answer (a 404 is an expired or unknown link)
     * @throws IOException any other failure (connection)
     */
    public Downloaded download(String url) throws IOException, InterruptedException {
        InetAddress address = check(url);
        URI uri = parse(url);
        CompletableFuture<Downloaded> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        client.request(requestTo(uri, address)).onFailure(result::completeExceptionally).onSuccess(request -> {
            sent.set(request);
            request.send().onFailure(result::completeExceptionally)
                    .onSuccess(response -> receive(request, response, result));
        });
        return await(result, sent, host(uri));
    }

    /** A GET of {@code uri} over TLS to the checked {@code address} (never resolved again), no redirects. */
    private static RequestOptions requestTo(URI uri, InetAddress address) {
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(host(uri))
                .setPort(port)
                .setURI(path)
                .setSsl(true)
                .setFollowRedirects(false)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()));
    }

    /** Reads the answer into {@code result}, or refuses it (redirect, status, size) and resets the request. */
    private void receive(HttpClientRequest request, HttpClientResponse response, CompletableFuture<Downloaded> result) {
        long max = settings.maxBytes();
        IOException refused = refusal(response, max);
        if (refused != null) {
            result.completeExceptionally(refused);
            request.reset();
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        response.handler(chunk -> {
            if (result.isDone()) {
                return;
            }
            if (body.size() + (long) chunk.length() > max) {
                result.completeExceptionally(new DownloadRefusedException(
                        "download refused: body exceeds the limit of " + max + " bytes"));
                request.reset();
                return;
            }
            body.writeBytes(chunk.getBytes());
        });
        response.exceptionHandler(result::completeExceptionally);
        response.endHandler(v -> result.complete(new Downloaded(body.toByteArray(),
                response.getHeader("Content-Type"))));
    }

    /** Why the answer is not read (a redirect, a non-2xx status, a declared size over {@code max}); null when it is. */
    private static IOException refusal(HttpClientResponse response, long max) {
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            return new DownloadRefusedException("download refused: redirect " + status + " to "
                    + response.getHeader("Location") + " is not followed");
        }
        if (status < 200 || status >= 300) {
            return new DownloadStatusException(status);
        }
        String declared = response.getHeader("Content-Length");
        if (declared != null && parseLong(declared) > max) {
            return new DownloadRefusedException("download refused: Content-Length " + declared
                    + " exceeds the limit of " + max + " bytes");
        }
        return null;
    }

    /** The download's outcome within the timeout; the request is reset when it does not end in time. */
    private Downloaded await(CompletableFuture<Downloaded> result, AtomicReference<HttpClientRequest> sent, String host)
            throws IOException, InterruptedException {
        try {
            return result.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reset(sent.get());
            throw new DownloadTimeoutException("download from " + host + " did not end within "
                    + settings.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            reset(sent.get());
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("download from " + host + " failed: " + cause, cause);
        }
    }

    /** Whether {@code host} is an entry of {@code allowed} or a subdomain of one (on a dot boundary). */
    public static boolean allowedHost(String host, List<String> allowed) {
        String h = normalize(host);
        for (String entry : allowed) {
            String e = normalize(entry);
            if (e.startsWith(".")) {
                e = e.substring(1);
            }
            if (e.isEmpty()) {
                continue;
            }
            if (h.equals(e) || h.endsWith("." + e)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        client.close();
    }

    private static URI parse(String url) throws DownloadRefusedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new DownloadRefusedException("download refused: not a URL");
        }
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("https")) {
            throw new DownloadRefusedException("download refused: only https URLs are downloaded, not "
                    + uri.getScheme());
        }
        if (uri.getRawUserInfo() != null) {
            throw new DownloadRefusedException("download refused: URL with user info");
        }
        if (uri.getHost() == null) {
            throw new DownloadRefusedException("download refused: URL without a host");
        }
        return uri;
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return normalize(host);
    }

    private static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void reset(HttpClientRequest request) {
        if (request != null) {
            request.reset();
        }
    }
}
