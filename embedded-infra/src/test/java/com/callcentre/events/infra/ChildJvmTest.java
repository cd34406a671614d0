package com.callcentre.events.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.callcentre.events.infra.process.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {
  @TempDir
  Path dir;

  /** Stands in for a broker: runs until told to stop. */
  public static final class SleepForever {
    public static void main(String[] args) throws InterruptedException {
      System.out.println("sleeper up");
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /** Fails at once, like a broker with a bad configuration. */
  public static final class FailAtStart {
    public static void main(String[] args) {
      throw new IllegalStateException("bad configuration: " + String.join(",", args));
    }
  }

  /** A parent that starts a child of its own, then waits to be killed. */
  public static final class SpawnsChild {
    public static void main(String[] args) throws InterruptedException {
      ChildJvm grandchild = ChildJvm.start("grandchild", List.of("-Xmx32m"), System.getProperty("java.class.path"),
          SleepForever.class.getName(), List.of(), Path.of(args[0]));
      System.out.println("grandchild pid " + grandchild.pid());
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @Test
  void aChildFollowsItsParentWhenTheParentIsKilled() {
    ChildJvm parent = start(SpawnsChild.class, List.of(dir.resolve("grandchild.log").toString()));
    await().atMost(Duration.ofSeconds(30)).until(() -> parent.logTail(20).contains("grandchild pid "));
    String tail = parent.logTail(20);
    long grandchildPid = Long.parseLong(tail.replaceAll("(?s).*grandchild pid (\\d+).*", "$1"));
    assertThat(ProcessHandle.of(grandchildPid).map(ProcessHandle::isAlive)).contains(true);

    parent.kill(); // SIGKILL: no shutdown hook of the parent runs

    await().atMost(Duration.ofSeconds(40))
        .until(() -> ProcessHandle.of(grandchildPid).map(ProcessHandle::isAlive).orElse(false) == false);
  }

  @Test
  void closeStopsTheChild() {
    ChildJvm child = start(SleepForever.class, List.of());
    await().atMost(Duration.ofSeconds(20)).until(() -> child.logTail(5).contains("sleeper up"));
    child.close();
    assertThat(child.isAlive()).isFalse();
  }

  @Test
  void killIsImmediate() {
    ChildJvm child = start(SleepForever.class, List.of());
    child.kill();
    assertThat(child.isAlive()).isFalse();
  }

  @Test
  void aDeadChildIsReportedWithItsLog() {
    ChildJvm child = start(FailAtStart.class, List.of("x=1"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !child.isAlive());
    assertThatThrownBy(child::checkAlive)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with code")
        .hasMessageContaining("bad configuration: x=1");
  }

  private ChildJvm start(Class<?> main, List<String> args) {
    return ChildJvm.start(main.getSimpleName(), List.of("-Xmx32m"), System.getProperty("java.class.path"),
        main.getName(), args, dir.resolve(main.getSimpleName() + ".log"));
  }
}
