package io.mashups.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/new-service.sh, run in a copy of the repository: the new service builds, and the chart tests and the fleet
 * see it, with nothing but the command's own changes.
 */
class NewServiceCommandTest {
    private static final String NAME = "demo-thing";
    /** The files the command may touch besides the new module. */
    private static final Set<String> REGISTRIES = Set.of(
            "pom.xml",
            "deploy/local/fleet.sh",
            "helm/mashups/values.yaml",
            "skaffold.yaml",
            ".github/workflows/images.yml",
            "services/gateway/src/main/resources/application.properties",
            "helm/chart-tests/pom.xml",
            "contract/pom.xml",
            "system-tests/pom.xml");

    @Test
    void aServiceAddedByTheCommandBuildsAndTheChartTestsAndTheFleetSeeIt(@TempDir Path copy) throws Exception {
        copyRepository(copy);
        run(copy, 60, "git", "init", "-q");
        run(copy, 60, "git", "add", "-A");
        run(copy, 60, "git", "-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "before");

        run(copy, 60, "bash", "deploy/new-service.sh", NAME);

        run(copy, 60, "git", "add", "-A");
        List<String> changed =
                run(copy, 60, "git", "diff", "--cached", "--name-only").lines().toList();
        System.out.println(run(copy, 60, "git", "diff", "--cached", "--stat"));
        for (String file : changed) {
            assertTrue(
                    REGISTRIES.contains(file) || file.startsWith("services/" + NAME + "/"),
                    "the command touched " + file);
        }
        assertEquals(
                REGISTRIES,
                Set.copyOf(changed.stream().filter(REGISTRIES::contains).toList()),
                "every registry knows it");
        assertTrue(
                Files.readString(copy.resolve("deploy/local/fleet.sh")).contains("\"" + NAME + " 8089\""),
                "in the fleet");
        String gateway = Files.readString(copy.resolve("services/gateway/src/main/resources/application.properties"));
        assertTrue(gateway.contains("gateway.services." + NAME + ".paths=/api/" + NAME), "routed by the gateway");

        // the new module builds (its generated Kubernetes manifest included) with what the repository already resolved
        run(copy, 600, "mvn", "-B", "-q", "-o", "package", "-DskipTests", "-pl", "services/" + NAME, "-am");
        for (String service : Repository.services()) {
            Path manifests = Repository.ROOT.resolve("services/" + service + "/target/kubernetes");
            if (Files.isDirectory(manifests)) {
                copyTree(manifests, copy.resolve("services/" + service + "/target/kubernetes"));
            }
        }
        // the chart tests, on the copy: every check over services/ now includes the new one (ChartSuite exits 1 on a
        // failure)
        runJava(copy.resolve("helm/chart-tests"), ChartSuite.class.getName());
        String rendered =
                new Helm(copy.resolve("helm/mashups")).template().withName("r").call();
        assertTrue(
                rendered.contains("kind: Deployment\nmetadata:\n  name: " + NAME + "\n"), "the chart deploys " + NAME);
    }

    private static void copyRepository(Path copy) throws Exception {
        String files = run(Repository.ROOT, 60, "git", "ls-files", "--cached", "--others", "--exclude-standard");
        for (String file : files.lines().toList()) {
            Path source = Repository.ROOT.resolve(file);
            if (Files.isRegularFile(source)) {
                Path target = copy.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** This JVM's classpath, another working directory: the chart tests read the repository around it. */
    private static void runJava(Path directory, String mainClass) throws Exception {
        System.out.println(run(
                directory,
                300,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    }

    private static String run(Path directory, int timeoutSeconds, String... command) throws Exception {
        Path output = Files.createTempFile("new-service", ".out");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (!done) {
                process.destroyForcibly();
            }
            assertTrue(done && process.exitValue() == 0, String.join(" ", command) + " failed:\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
