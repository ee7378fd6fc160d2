package io.channels4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random input to the validation rules: nothing but {@link ValidationException} ever escapes, and
 * each rule accepts exactly what the protocol's regular expression accepts.
 */
class ValidatePropertyTest {
  /** The protocol's channel regex, minus names made only of dots (dot-segments of the path). */
  private static final Pattern CHANNEL =
      Pattern.compile("\\A(?!\\.+\\z)[-a-zA-Z0-9_=@,.;]{1,200}\\z");

  private static final Pattern SOCKET_ID = Pattern.compile("\\A\\d+\\.\\d+\\z");
  private static final String CHARSET = "abcXYZ019_-=@,.;";

  /** Mostly near-valid strings (so both outcomes occur), with every kind of character mixed in. */
  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars(CHARSET).ofMinLength(0).ofMaxLength(210),
        Arbitraries.strings().withChars(CHARSET + " #:/\n\u00e9\ud83d").ofMaxLength(30),
        Arbitraries.strings().withChars("0123456789.").ofMaxLength(20),
        Arbitraries.strings().withChars(".").ofMinLength(1).ofMaxLength(201),
        Arbitraries.strings().withChars(".a").ofMinLength(1).ofMaxLength(4),
        Arbitraries.strings().withChars("0123456789.:\n \u0661").ofMaxLength(12));
  }

  /** Runs a rule; true when it accepted, false on ValidationException, anything else fails. */
  private static boolean accepts(UnaryOperator<String> rule, String input) {
    try {
      assertThat(rule.apply(input)).isSameAs(input);
      return true;
    } catch (ValidationException e) {
      assertThat(e.getMessage()).isNotBlank();
      return false;
    }
  }

  @Property(tries = 600)
  void channelAcceptsExactlyTheChannelRegex(@ForAll("anyText") String input) {
    assertThat(accepts(s -> Validate.channel("channel", s), input))
        .isEqualTo(CHANNEL.matcher(input).matches());
  }

  @Property(tries = 600)
  void userIdAcceptsExactlyTheChannelRegex(@ForAll("anyText") String input) {
    assertThat(accepts(s -> Validate.userId("userId", s, 200), input))
        .isEqualTo(CHANNEL.matcher(input).matches());
  }

  @Property(tries = 600)
  void socketIdAcceptsExactlyTheSocketIdRegexUpTo64Characters(@ForAll("anyText") String input) {
    assertThat(accepts(s -> Validate.socketId("socketId", s), input))
        .isEqualTo(SOCKET_ID.matcher(input).matches() && input.length() <= 64);
  }

  @Property(tries = 300)
  void eventNameAcceptsOneTo200Characters(@ForAll("anyText") String input) {
    assertThat(accepts(s -> Validate.eventName("event", s), input))
        .isEqualTo(!input.isEmpty() && input.length() <= 200);
  }

  @Property(tries = 300)
  void dataAcceptsNonEmptyTextUpToTheLimitInUtf8Bytes(@ForAll("wellFormedText") String input) {
    int limit = 40;
    assertThat(accepts(s -> Validate.data("data", s, limit), input))
        .isEqualTo(!input.isEmpty() && input.getBytes(StandardCharsets.UTF_8).length <= limit);
  }

  @Property(tries = 300)
  void countsUtf8BytesLikeTheJdkEncoder(@ForAll("wellFormedText") String input) {
    assertThat(Validate.utf8Length(input)).isEqualTo(input.getBytes(StandardCharsets.UTF_8).length);
  }

  /** Text without lone surrogates, so the JDK's encoder is an exact oracle. */
  @Provide
  Arbitrary<String> wellFormedText() {
    return Arbitraries.of("a", "é", "€", "😀", "\u0000", "\u07ff", "\u0800", "\uffff", "𝄞")
        .list()
        .ofMaxSize(20)
        .map(pieces -> String.join("", pieces));
  }
}
