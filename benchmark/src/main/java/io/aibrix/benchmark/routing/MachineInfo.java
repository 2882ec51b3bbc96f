package io.aibrix.benchmark.routing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the benchmark ran on, for the report: the numbers only mean something next to the machine. */
record MachineInfo(int cores, String cpu, long memoryBytes, long maxHeapBytes, String java, String os) {

    static MachineInfo current() {
        long memory = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : 0;
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpuModel(), memory,
                Runtime.getRuntime().maxMemory(), System.getProperty("java.vm.vendor") + " "
                        + Runtime.version(), System.getProperty("os.name") + " " + System.getProperty("os.version")
                        + " " + System.getProperty("os.arch"));
    }

    /** The one-minute system load average, or a negative number where the platform has none. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB RAM, JVM heap limit %.1f GiB, %s, %s", cores, cpu,
                memoryBytes / (double) (1L << 30), maxHeapBytes / (double) (1L << 30), java, os);
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).strip();
                    }
                }
            }
        }
        catch (IOException ex) {
            // unknown CPU model; the core count is what matters
        }
        return "CPU model unknown";
    }
}
