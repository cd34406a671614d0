package com.callcentre.events.loadharness.timeline;

import com.callcentre.events.loadharness.measure.SchedulerLog;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** One logged second told in a line: the box's CPU pressure, who waited most for a core and who ran most. */
final class CoreShare {
  private CoreShare() {}

  static String describe(SchedulerLog.Second s, int top) {
    return String.format("pressure %4.0f ms; waited for a core: %s; ran: %s", s.pressureMs(),
        ranked(s.processes(), SchedulerLog.Usage::waitMs, top), ranked(s.processes(), SchedulerLog.Usage::cpuMs, top));
  }

  /** The median of the seconds' pressure: what a quiet second looks like in the same run. */
  static double medianPressure(List<SchedulerLog.Second> seconds) {
    double[] sorted = seconds.stream().mapToDouble(SchedulerLog.Second::pressureMs).sorted().toArray();
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
  }

  private static String ranked(Map<String, SchedulerLog.Usage> processes, ToDoubleFunction<SchedulerLog.Usage> ms, int top) {
    return processes.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, SchedulerLog.Usage> e) -> ms.applyAsDouble(e.getValue())).reversed())
        .limit(top)
        .map(e -> String.format("%s %.0f", e.getKey(), ms.applyAsDouble(e.getValue())))
        .collect(Collectors.joining(", "));
  }
}
