package io.taleforge.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Each service's class data archive (AppCDS) is written at packaging, from a training run of its whole
 * start (deploy/local/train-archive, run by each service's pom after the Quarkus build and by the
 * gateway image's runtime stage; the images built for SQL Server dump Quarkus's static-init archive
 * there, as there is no database to start on), and mapped wherever a service runs. JDK 17 resolves the class path the archive recorded (quarkus-run.jar, lib/boot/...) against
 * the working directory, so every launcher must start a service from its quarkus-app directory and
 * name the archive relatively; otherwise the JVM silently runs without any shared archive.
 */
class ClassDataSharingTest {

    private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=app-cds.jsa";

    @Test
    void everyServiceTrainsItsArchiveWhenPackagedAfterTheQuarkusBuild() {
        String parent = Deployment.read(Deployment.root().resolve("pom.xml"));
        assertTrue(parent.contains("<executable>${maven.multiModuleProjectDirectory}/deploy/local/train-archive</executable>"),
                "pom.xml: the train-archive execution does not run deploy/local/train-archive");
        assertTrue(parent.contains("<argument>${project.build.directory}/quarkus-app</argument>"),
                "pom.xml: train-archive is not given the quarkus-app directory");
        assertTrue(parent.contains("<skip>${taleforge.archive.skip}</skip>"), "pom.xml: train-archive has no skip switch");
        for (String name : Deployment.SERVICES) {
            String pom = Deployment.read(Deployment.root().resolve(name + "/pom.xml"));
            String build = pom.substring(pom.indexOf("<build>"), pom.indexOf("</build>"));
            int quarkus = build.indexOf("<artifactId>quarkus-maven-plugin</artifactId>");
            int train = build.indexOf("<id>train-archive</id>");
            assertTrue(quarkus >= 0 && train > quarkus, name + ": no train-archive execution after the Quarkus build");
            assertTrue(build.substring(train).matches("(?s)<id>train-archive</id>\\s*<phase>package</phase>.*"),
                    name + ": train-archive is not bound to package");
            String properties = Deployment.read(Deployment.root().resolve(name + "/src/main/resources/application.properties"));
            assertFalse(Pattern.compile("(?m)^quarkus\\.package\\.jar\\.appcds\\.enabled=true$").matcher(properties).find(),
                    name + ": Quarkus's static-init archive would also be dumped (quarkus.package.jar.appcds.enabled=true)");
        }
    }

    @Test
    void theTrainingScriptDumpsFromTheQuarkusAppDirectoryWithoutMappingAnArchive() {
        Path script = Deployment.root().resolve("deploy/local/train-archive");
        assertTrue(Files.isExecutable(script), "deploy/local/train-archive is missing or not executable");
        String text = Deployment.read(script);
        assertTrue(text.contains("-XX:ArchiveClassesAtExit="), "train-archive: no -XX:ArchiveClassesAtExit");
        assertTrue(text.contains("grep -q 'started in [0-9.]*s'"), "train-archive: does not wait for Quarkus's \"started in\" line");
        assertTrue(text.contains("-jar quarkus-run.jar"), "train-archive: does not run quarkus-run.jar from its directory");
        assertTrue(text.contains("cd \"$app\""), "train-archive: does not cd into the quarkus-app directory");
        assertTrue(text.contains("-e 'SharedArchiveFile'"), "train-archive: keeps -XX:SharedArchiveFile while dumping");
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
            int build = dockerfile.indexOf("package -DskipTests -Dtaleforge.archive.skip=true");
            assertTrue(build >= 0 && build < stage, name + ": the build stage trains an archive its JDK would not share with the runtime's");
            if (Deployment.DATABASE_SERVICES.contains(name)) {
                // built for SQL Server: no database to start on, so Quarkus's static-init archive, dumped by the runtime's JDK
                assertTrue(dockerfile.contains("-Dtaleforge.archive.skip=true -Dquarkus.package.jar.appcds.enabled=true"),
                        name + ": the jar cannot stop after its static init without Quarkus's AppCDS support");
                int dump = dockerfile.indexOf("RUN java -XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true -jar quarkus-run.jar");
                assertTrue(dump > stage, name + ": the archive is not dumped in the runtime stage");
            } else {
                int copy = dockerfile.indexOf("COPY deploy/local/train-archive deploy/local/jvm.options /opt/taleforge/");
                int train = dockerfile.indexOf("RUN /opt/taleforge/train-archive /deployments");
                assertTrue(copy > stage && train > copy, name + ": the runtime stage does not train the archive with its own JDK");
                assertFalse(dockerfile.contains("quarkus.appcds.generate"), name + ": still dumps Quarkus's static-init archive");
            }
            assertTrue(Pattern.compile("JAVA_OPTS(_APPEND)?=\"[^\"]*" + Pattern.quote(ARCHIVE_OPTION)).matcher(dockerfile).find(),
                    name + ": JAVA_OPTS(_APPEND) does not map the archive");
        }
    }
}
