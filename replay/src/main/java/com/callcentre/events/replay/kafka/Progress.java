package com.callcentre.events.replay.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for a long read, shown only when stderr is a terminal (so pipes,
 * files and CI logs stay clean) and the read is long enough to be worth one.
 */
public final class Progress implements AutoCloseable {
  /** Reads shorter than this many records finish before a bar would help. */
  static final long WORTH_SHOWING = 20_000;
  private static final Progress SILENT = new Progress(null);

  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  public static Progress start(String task, long total, boolean enabled) {
    if (!enabled || total < WORTH_SHOWING || !stderrIsTerminal()) {
      return SILENT;
    }
    return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).build());
  }

  public void step(long records) {
    if (bar != null) {
      bar.stepBy(records);
    }
  }

  /** Linux names what fd 2 is; anything but a tty device (a pipe, a file) means no bar. */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception unknown) {
      return false;
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
