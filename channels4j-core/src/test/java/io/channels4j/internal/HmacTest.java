package io.channels4j.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HmacTest {

  @Test
  void computesHmacSha256OfTheGoVectorV08() {
    assertThat(new Hmac("supersecret").hex("Hello!"))
        .isEqualTo("64e3f44166575febbc5de88c9476325ea7d4b3684752158d9fdb31fce34b980d");
  }

  @Test
  void computesMd5OfTheGoVectorV08() {
    assertThat(Hmac.md5Hex("Hello!".getBytes(UTF_8))).isEqualTo("952d2c56d0485958336747bcdd98590d");
  }

  @Test
  void computesMd5OfTheBodiesOfTheNodeTable() {
    assertThat(Hmac.md5Hex("{}".getBytes(UTF_8))).isEqualTo("99914b932bd37a50b983c5e7c90ae93b");
    assertThat(Hmac.md5Hex(new byte[0])).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
  }

  @Test
  void keysWithTheUtf8BytesOfANonAsciiSecret() {
    // Python: hmac.new("sécret€".encode("utf-8"), b"msg", hashlib.sha256).hexdigest()
    assertThat(new Hmac("sécret€").hex("msg"))
        .isEqualTo("b46e3e09d909785107bcaf50a26c779cf9602cd23ccfefbf9aceac0e7d082713");
  }

  @Test
  void verifiesAHexSignatureInEitherCase() {
    Hmac hmac = new Hmac("supersecret");
    byte[] message = "Hello!".getBytes(UTF_8);

    assertThat(
            hmac.verifyHex(
                message, "64e3f44166575febbc5de88c9476325ea7d4b3684752158d9fdb31fce34b980d"))
        .isTrue();
    assertThat(
            hmac.verifyHex(
                message, "64E3F44166575FEBBC5DE88C9476325EA7D4B3684752158D9FDB31FCE34B980D"))
        .isTrue();
    assertThat(
            hmac.verifyHex(
                message, "64e3f44166575febbc5de88c9476325ea7d4b3684752158d9fdb31fce34b980e"))
        .isFalse();
    assertThat(hmac.verifyHex(message, "not hex")).isFalse();
  }
}
