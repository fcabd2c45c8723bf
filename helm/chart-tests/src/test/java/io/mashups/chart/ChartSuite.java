package io.mashups.chart;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The chart tests as a program, for a repository other than this one: run it with the working directory at that
 * repository's helm/chart-tests ({@link NewServiceCommandTest} runs it on a copy with a service added).
 */
public final class ChartSuite {
    private ChartSuite() {}

    public static void main(String[] args) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(
                LauncherDiscoveryRequestBuilder.request()
                        .selectors(
                                selectClass(ChartTest.class),
                                selectClass(DeliveryFilesTest.class),
                                selectClass(KubernetesModelTest.class),
                                selectClass(ClusterInfrastructureTest.class))
                        .build(),
                summary);
        summary.getSummary().printTo(new PrintWriter(System.out));
        summary.getSummary().printFailuresTo(new PrintWriter(System.out), 20);
        System.exit(
                summary.getSummary().getTotalFailureCount() == 0
                                && summary.getSummary().getTestsSucceededCount() > 0
                        ? 0
                        : 1);
    }
}
