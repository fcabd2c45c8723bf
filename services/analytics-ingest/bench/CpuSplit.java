import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where the machine's CPU goes while a benchmark runs (bench/compare.sh with CPU_SPLIT): cores used per process group
 * (the service, Kafka, PostgreSQL, the load generator, the rest) and per thread group of the service over a window,
 * from {@code /proc}'s user and system times. A process or thread that ends inside the window is left out. Run as
 * {@code java CpuSplit.java SECONDS SERVICE_PID}.
 */
public class CpuSplit {
    /** Clock ticks a second: Linux's USER_HZ, 100 on every architecture it reports {@code /proc} times for. */
    private static final double TICKS = 100.0;

    /** One process or thread: the group it is counted in and its CPU ticks so far. */
    record Sample(String group, long ticks) {}

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        String service = args[1];
        Path threadsOfService = Path.of("/proc", service, "task");
        Map<String, Sample> processesBefore = snapshot(Path.of("/proc"), stat -> processGroup(stat, service));
        Map<String, Sample> threadsBefore = snapshot(threadsOfService, CpuSplit::threadGroup);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000);
        Map<String, Sample> processesAfter = snapshot(Path.of("/proc"), stat -> processGroup(stat, service));
        Map<String, Sample> threadsAfter = snapshot(threadsOfService, CpuSplit::threadGroup);
        double elapsed = (System.nanoTime() - start) / 1e9 * TICKS;
        System.out.println("cores by process: " + cores(processesBefore, processesAfter, elapsed, true));
        System.out.println("cores by thread of the service: " + cores(threadsBefore, threadsAfter, elapsed, false));
    }

    /** Each group's share of the window, largest first; groups under a hundredth of a core left out. */
    private static String cores(Map<String, Sample> before, Map<String, Sample> after, double elapsed, boolean total) {
        Map<String, Long> used = new HashMap<>();
        after.forEach((id, sample) -> {
            Sample then = before.get(id);
            used.merge(sample.group(), sample.ticks() - (then == null ? 0 : then.ticks()), Long::sum);
        });
        StringBuilder line = new StringBuilder();
        used.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(group -> group.getValue() * 100 >= elapsed)
                .forEach(group -> line.append(String.format("%s %.2f, ", group.getKey(), group.getValue() / elapsed)));
        long sum = used.values().stream().mapToLong(Long::longValue).sum();
        return total ? line + String.format("total %.2f", sum / elapsed) : line.toString().replaceAll(", $", "");
    }

    /** Every numbered entry of {@code folder} (processes of /proc, threads of a task folder) by its id. */
    private static Map<String, Sample> snapshot(Path folder, Function<Path, String> group) throws IOException {
        Map<String, Sample> samples = new TreeMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String stat = read(entry.resolve("stat"));
                String name = group.apply(entry);
                if (stat != null && name != null) {
                    // utime and stime, the 14th and 15th fields, counted after the name (which may hold spaces)
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    samples.put(entry.getFileName().toString(),
                            new Sample(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                }
            }
        }
        return samples;
    }

    private static String processGroup(Path process, String service) {
        String command = read(process.resolve("cmdline"));
        String name = read(process.resolve("comm"));
        if (command == null || name == null) {
            return null;
        }
        if (process.getFileName().toString().equals(service)) {
            return "service";
        }
        if (command.contains("kafka.Kafka")) {
            return "kafka";
        }
        if (name.startsWith("postgres")) {
            return "postgres";
        }
        return command.contains("IngestLoad") ? "load" : "other";
    }

    /** A thread's name with its numbers folded: "vert.x-eventloop-thread-1" and "-0" are one group. */
    private static String threadGroup(Path thread) {
        String name = read(thread.resolve("comm"));
        return name == null ? null : name.strip().replaceAll("[-#]?\\d+", "N");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return null; // the process or thread ended while being read
        }
    }
}
