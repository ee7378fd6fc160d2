package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channels4j.Pusher;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code serve}: prints credentials a client can use, then logs each request. */
class ServeCommandTest {

  @Test
  void printsCredentialsThatWorkAndLogsRequests() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io =
        new Io(
            Map.of(),
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    AtomicInteger code = new AtomicInteger(-1);
    Thread serve =
        new Thread(
            () -> code.set(Cli.run(new String[] {"serve", "--json", "--exit-after", "3"}, io)));
    serve.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!out.toString().contains("\n") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    JsonNode creds = new ObjectMapper().readTree(out.toString().lines().findFirst().orElseThrow());
    assertThat(creds.path("host").asText()).isEqualTo("127.0.0.1");
    assertThat(creds.path("app_id").asText()).isEqualTo("4242");
    try (Pusher pusher = Pusher.fromUrl(creds.path("url").asText())) {
      pusher.trigger("c", "e", "x");
    }
    serve.join(15_000);
    assertThat(code.get()).isZero();
    assertThat(out.toString())
        .contains("{\"method\":\"POST\",\"path\":\"/apps/4242/events\",\"status\":\"200\"}");
  }

  @Test
  void refusesAPortOutOfRange() {
    CliRunner.Result r = CliRunner.run("serve", "--port", "70000");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: port must be 0 to 65535, but is 70000\n");
  }
}
