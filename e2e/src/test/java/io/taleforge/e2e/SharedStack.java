package io.taleforge.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One private {@link Stack} (two gateways) for every journey class of the run: it is started by the
 * first class that asks for it ({@code @BeforeAll static void up(Stack shared)}), kept in JUnit's
 * root store and closed by JUnit when the last class has run. Before each class gets it, a service
 * an earlier class killed (image-service, film-service, the gateways) is started again, so the
 * classes run in any order. The journeys share the stack, never their data: each makes its own
 * stories with its own reader.
 */
final class SharedStack implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Stack stack = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Stack.class, k -> started(), Stack.class);
        long start = System.nanoTime();
        int revived = stack.revive();
        if (revived > 0) {
            System.out.printf("e2e: %d service(s) an earlier class killed started again for %s in %.1f s%n", revived,
                    context.getDisplayName(), (System.nanoTime() - start) / 1e9);
        }
        return stack;
    }

    /**
     * Two gateways: {@code GatewayFailoverIT} needs the second, the other journeys use the first.
     * Priced ({@code e2e-rates.json}: the local renderer at $0.04 a picture, a story capped at
     * {@link MoneyChecks#STORY_CAP}) so that the reader's money shows in the browser; every other
     * journey's story fits the cap with room for six redraws.
     */
    private static Stack started() {
        long start = System.nanoTime();
        Stack stack = new Stack(2).priced(MoneyChecks.rates(), MoneyChecks.STORY_CAP);
        try {
            stack.start();
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
        System.out.printf("e2e: shared stack started in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return stack;
    }
}
