package io.mashups.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The chart, skaffold.yaml and the workflows know every service, parse, and name only paths that exist. */
class DeliveryFilesTest {
    private static final Path ROOT = Repository.ROOT;

    @Test
    void everyServiceIsInTheChartSkaffoldAndTheImageWorkflow() throws IOException {
        List<String> services = Repository.services();
        Map<String, Object> values =
                ChartTest.cast(new Yaml().load(Files.readString(ROOT.resolve("helm/mashups/values.yaml"))));
        assertEquals(
                new TreeSet<>(services),
                new TreeSet<>(ChartTest.cast(values.get("services")).keySet()),
                "chart values");

        Map<String, Object> skaffold = ChartTest.cast(new Yaml().load(Files.readString(ROOT.resolve("skaffold.yaml"))));
        List<String> artifacts = ((List<?>) ChartTest.path(skaffold, "build").get("artifacts"))
                .stream().map(a -> (String) ChartTest.cast(a).get("image")).toList();
        assertEquals(new TreeSet<>(services), new TreeSet<>(artifacts), "skaffold artifacts");
        String releases = Files.readString(ROOT.resolve("skaffold.yaml"));
        services.forEach(
                s -> assertTrue(releases.contains("services." + s + ".image"), "skaffold sets the image of " + s));

        Map<String, Object> images = workflow("images.yml");
        String listed = (String) ChartTest.cast(images.get("env")).get("SERVICES");
        assertEquals(
                new TreeSet<>(services),
                new TreeSet<>(Arrays.asList(listed.trim().split("\\s+"))),
                "image workflow SERVICES");
    }

    @Test
    void workflowsParseAndNameOnlyExistingPaths() throws IOException {
        List<Path> workflows;
        try (Stream<Path> files = Files.list(ROOT.resolve(".github/workflows"))) {
            workflows = files.filter(f -> f.toString().endsWith(".yml")).toList();
        }
        assertTrue(workflows.size() >= 3, "ci, images and deploy workflows");
        Pattern repoPath = Pattern.compile("(?<![\\w./-])((?:deploy|helm|services|libs|\\.ci)/[\\w./-]*[\\w/])");
        for (Path file : workflows) {
            Map<String, Object> workflow = workflow(file.getFileName().toString());
            assertTrue(workflow.containsKey("jobs"), file + " has jobs");
            assertTrue(workflow.containsKey("permissions"), file + " sets least-privilege permissions");
            List<String> missing = new ArrayList<>();
            Matcher m = repoPath.matcher(Files.readString(file).replaceAll("\\$\\{\\{[^}]*}}", "X"));
            while (m.find()) {
                String path = m.group(1).replace("values-X.yaml", "values-staging.yaml");
                if (path.contains("**") || path.endsWith("reports/")) {
                    continue;
                }
                if (!Files.exists(ROOT.resolve(path))) {
                    missing.add(path);
                }
            }
            assertEquals(List.of(), missing, file + " names paths that do not exist");
        }
    }

    @Test
    void deployRunsOnlyFromMainBehindAnEnvironment() {
        Map<String, Object> deploy = workflow("deploy.yml");
        Map<String, Object> job = ChartTest.path(deploy, "jobs", "deploy");
        assertEquals("github.ref == 'refs/heads/main'", job.get("if"));
        assertTrue(String.valueOf(job.get("environment")).contains("inputs.environment"));
        Map<String, Object> on =
                ChartTest.cast(deploy.get(Boolean.TRUE) != null ? deploy.get(Boolean.TRUE) : deploy.get("on"));
        assertEquals(List.of("workflow_dispatch"), new ArrayList<>(on.keySet()), "manual only, never on pull requests");
        assertTrue(Files.exists(ROOT.resolve("deploy/k8s/values-production.yaml")));
    }

    private static Map<String, Object> workflow(String name) {
        try {
            return ChartTest.cast(new Yaml()
                    .load(Files.readString(ROOT.resolve(".github/workflows").resolve(name))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
