package com.callcentre.events.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.callcentre.events.runtime.config.Env;
import com.callcentre.events.runtime.config.Setting;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {
  static final Setting<Integer> PORT = Setting.port("DEMO_PORT", 8080, "the port");
  static final List<Setting<?>> SETTINGS = List.of(PORT);

  record DemoConfig(int port) {
    static DemoConfig from(Env env) {
      return new DemoConfig(env.get(PORT));
    }
  }

  /** A service main as every service writes it, for the exit-code test below. */
  public static final class DemoMain {
    public static void main(String[] args) throws Exception {
      ServiceRunner.run("demo", args, SETTINGS, DemoConfig::from, config -> () -> { });
    }
  }

  @Test
  void aGoodConfigurationRuns() {
    var startup = ServiceRunner.configure("demo", new String[] {"--DEMO_PORT=9"}, Map.of(), SETTINGS, DemoConfig::from);
    assertThat(startup).isEqualTo(new ServiceRunner.Startup.Run<>(new DemoConfig(9)));
  }

  @Test
  void aBadVariableIsRefusedWithItsName() {
    var startup = ServiceRunner.configure("demo", new String[0], Map.of("DEMO_PORT", "eighty"), SETTINGS, DemoConfig::from);
    assertThat(startup).isEqualTo(new ServiceRunner.Startup.Refused<DemoConfig>(
        "demo: DEMO_PORT must be a port from 0 to 65535 (0 picks a free one), was 'eighty'"));
  }

  @Test
  void helpListsTheSettings() {
    var startup = ServiceRunner.configure("demo", new String[] {"--help"}, Map.of("DEMO_PORT", "bad"), SETTINGS, DemoConfig::from);
    assertThat(startup).isInstanceOfSatisfying(ServiceRunner.Startup.Help.class,
        help -> assertThat(help.text()).contains("usage: demo").contains("DEMO_PORT").contains("the port"));
  }

  /** Runs {@link DemoMain} in its own JVM with one flag; its exit code and stderr. */
  private static Ended demo(String flag) throws Exception {
    Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), DemoMain.class.getName(), flag)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Ended(p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void theProcessExitsWithCodeTwoAndNamesTheBadSetting() throws Exception {
    Ended ended = demo("--DEMO_PORT=99999");
    assertThat(ended.exit()).isEqualTo(ServiceRunner.EXIT_BAD_CONFIG);
    assertThat(ended.stderr()).contains("demo: DEMO_PORT must be a port from 0 to 65535").contains("'99999'");
  }

  @Test
  void anUnknownFlagEndsTheProcessWithCodeTwo() throws Exception {
    Ended ended = demo("--DEMO_PROT=1");
    assertThat(ended.exit()).isEqualTo(2);
    assertThat(ended.stderr()).contains("unknown option --DEMO_PROT");
  }

  record Ended(int exit, String stderr) {}
}
