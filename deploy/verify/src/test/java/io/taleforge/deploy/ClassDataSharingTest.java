package io.taleforge.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Each service's class data archive (AppCDS) is written at packaging and mapped wherever a service
 * runs. JDK 17 resolves the class path the archive recorded (quarkus-run.jar, lib/boot/...) against
 * the working directory, so every launcher must start a service from its quarkus-app directory and
 * name the archive relatively; otherwise the JVM silently runs without any shared archive.
 */
class ClassDataSharingTest {

    private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=app-cds.jsa";

    @Test
    void everyServiceWritesItsArchiveWhenPackaged() {
        for (String name : Deployment.SERVICES) {
            String properties = Deployment.read(Deployment.root().resolve(name + "/src/main/resources/application.properties"));
            assertTrue(Pattern.compile("(?m)^quarkus\\.package\\.jar\\.appcds\\.enabled=true$").matcher(properties).find(),
                    name + ": quarkus.package.jar.appcds.enabled=true is missing");
        }
    }

    @Test
    void theSharedJvmOptionsMapTheArchiveRelatively() {
        String options = Deployment.read(Deployment.root().resolve("deploy/local/jvm.options"));
        assertTrue(Pattern.compile("(?m)^" + Pattern.quote(ARCHIVE_OPTION) + "$").matcher(options).find(),
                "deploy/local/jvm.options: no line " + ARCHIVE_OPTION);
    }

    @Test
    void theScriptsStartEachServiceFromItsQuarkusAppDirectory() {
        for (String script : List.of("taleforge", "deploy/local/footprint")) {
            String text = Deployment.read(Deployment.root().resolve(script));
            assertTrue(text.contains("cd \"$root/$name/target/quarkus-app\""), script + ": does not cd into the service's quarkus-app");
            assertTrue(text.contains("-jar quarkus-run.jar"), script + ": does not run quarkus-run.jar from there");
        }
    }

    @Test
    void theEndToEndStackStartsEachCopyFromItsFolderWithTheJarTimesKept() {
        String stack = Deployment.read(Deployment.root().resolve("e2e/src/test/java/io/taleforge/e2e/Stack.java"));
        assertTrue(!stack.contains(".workDir("), "Stack: a work directory other than the app's folder loses the archive");
        assertTrue(stack.contains("StandardCopyOption.COPY_ATTRIBUTES"), "Stack: copies of the jars must keep their times");
    }

    @Test
    void everyImageDumpsItsArchiveWithItsOwnJdkAndMapsIt() {
        for (String name : Deployment.SERVICES) {
            Path file = Deployment.root().resolve(name + "/src/main/docker/Dockerfile.jvm");
            String dockerfile = Deployment.read(file);
            assertTrue(dockerfile.contains("\nWORKDIR /deployments\n"), name + ": WORKDIR /deployments is missing");
            int stage = dockerfile.lastIndexOf("\nFROM ");
            int dump = dockerfile.indexOf("RUN java -XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true -jar quarkus-run.jar");
            assertTrue(dump > stage, name + ": the archive is not dumped in the runtime stage");
            assertTrue(Pattern.compile("JAVA_OPTS(_APPEND)?=\"[^\"]*" + Pattern.quote(ARCHIVE_OPTION)).matcher(dockerfile).find(),
                    name + ": JAVA_OPTS(_APPEND) does not map the archive");
        }
    }
}
