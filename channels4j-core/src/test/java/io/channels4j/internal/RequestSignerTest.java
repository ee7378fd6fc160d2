package io.channels4j.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The published signing vectors of protocol.md section 10.1, checked on the signer directly. */
class RequestSignerTest {
  private static final byte[] NO_BODY = new byte[0];

  // V-01: the Docs' worked example.
  private static final String V01_KEY = "278d425bdf160c739803";
  private static final String V01_SECRET = "7ad3773142a6692b25b8";
  // V-02 .. V-06: pusher-http-go request_url_test.go.
  private static final String GO_KEY = "d41a439c438a100756f5";
  private static final String GO_SECRET = "4bf35003e819bb138249";

  private static RequestSigner signer(String key, String secret) {
    return new RequestSigner(key, new Hmac(secret));
  }

  @Test
  void signsTheDocsWorkedExampleV01() {
    byte[] body =
        "{\"name\":\"foo\",\"channels\":[\"project-3\"],\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}"
            .getBytes(UTF_8);

    RequestSigner.Signed signed =
        signer(V01_KEY, V01_SECRET).sign("POST", "/apps/3/events", Map.of(), body, 1353088179L);

    assertThat(signed.stringToSign())
        .isEqualTo(
            "POST\n/apps/3/events\nauth_key=278d425bdf160c739803&auth_timestamp=1353088179"
                + "&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f");
    assertThat(signed.signature())
        .isEqualTo("da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c");
    assertThat(signed.wireQuery())
        .isEqualTo(
            "auth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0"
                + "&body_md5=ec365a775a4cd0599faeb73354201b6f"
                + "&auth_signature=da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c");
  }

  @Test
  void signsAllChannelsWithPrefixAndInfoV02() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("info", "user_count");
    params.put("filter_by_prefix", "presence-");

    RequestSigner.Signed signed =
        signer(GO_KEY, GO_SECRET)
            .sign("GET", "/apps/102015/channels", params, NO_BODY, 1427034994L);

    assertThat(signed.stringToSign())
        .isEqualTo(
            "GET\n/apps/102015/channels\nauth_key=d41a439c438a100756f5&auth_timestamp=1427034994"
                + "&auth_version=1.0&filter_by_prefix=presence-&info=user_count");
    assertThat(signed.signature())
        .isEqualTo("4d8a02edcc8a758b0162cd6da690a9a45fb8ae326a276dca1e06a0bc42796c11");
  }

  @Test
  void signsAllChannelsWithPrefixOnlyV03() {
    RequestSigner.Signed signed =
        signer(GO_KEY, GO_SECRET)
            .sign(
                "GET",
                "/apps/102015/channels",
                Map.of("filter_by_prefix", "presence-"),
                NO_BODY,
                1427036577L);

    assertThat(signed.signature())
        .isEqualTo("b540383af4582af5fbb5df7be5472d54bd0838c9c2021c7743062568839e6f97");
  }

  @Test
  void signsAllChannelsWithoutParamsV04() {
    RequestSigner.Signed signed =
        signer(GO_KEY, GO_SECRET)
            .sign("GET", "/apps/102015/channels", Map.of(), NO_BODY, 1427036787L);

    assertThat(signed.signature())
        .isEqualTo("df89248f87f6e6d028925e0b04d60f316527a865992ace6936afa91281d8bef0");
    assertThat(signed.wireQuery()).doesNotContain("body_md5");
  }

  @Test
  void signsTheCommaOfInfoRawButSendsItEncodedV05() {
    RequestSigner.Signed signed =
        signer(GO_KEY, GO_SECRET)
            .sign(
                "GET",
                "/apps/102015/channels/presence-session-d41a439c438a100756f5-4bf35003e819bb138249"
                    + "-ROpCFmgFhXY",
                Map.of("info", "user_count,subscription_count"),
                NO_BODY,
                1427053326L);

    assertThat(signed.stringToSign()).endsWith("&info=user_count,subscription_count");
    assertThat(signed.signature())
        .isEqualTo("f93ceb31f396aef336226efe512aaf339bd5e39c7c2c04b81cc8681dc16ee785")
        // what signing the encoded %2C would give
        .isNotEqualTo("5a6dacba1e8f3d7161df37ae901a85421c38b1db91155550848a59e04a8c5e09");
    assertThat(signed.wireQuery()).contains("&info=user_count%2Csubscription_count&");
  }

  @Test
  void signsPresenceUsersV06() {
    RequestSigner.Signed signed =
        signer(GO_KEY, GO_SECRET)
            .sign(
                "GET",
                "/apps/102015/channels/presence-session-d41a439c438a100756f5-4bf35003e819bb138249"
                    + "-nYJLy67qh52/users",
                Map.of(),
                NO_BODY,
                1427053709L);

    assertThat(signed.signature())
        .isEqualTo("207feaf4e8efeb24e5f148011704251bf90e2059a5f97a3eb52d06178b11feca");
  }

  @Test
  void signsBodyMd5OfAGetWithABodyV07a() {
    RequestSigner.Signed signed =
        signer("f00d", "tofu")
            .sign("GET", "/event", Map.of(), "example body".getBytes(UTF_8), 1234567890L);

    assertThat(signed.stringToSign()).contains("&body_md5=165d5e6d7ca8f73b3853ce45addf42fc");
    assertThat(signed.signature())
        .isEqualTo("a650196dc427ebe837226f8565ca9232198c6d1b9455eaa72374a9dc0b620e7b");
  }

  @Test
  void sortsExtraParamsAmongTheAuthParamsV07b() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("foo", "bar");
    params.put("baz", "123454321");

    RequestSigner.Signed signed =
        signer("f00d", "tofu").sign("GET", "/event", params, NO_BODY, 1234567890L);

    assertThat(signed.stringToSign())
        .isEqualTo(
            "GET\n/event\nauth_key=f00d&auth_timestamp=1234567890&auth_version=1.0&baz=123454321"
                + "&foo=bar");
    assertThat(signed.signature())
        .isEqualTo("d8bdbd31911fb7400a14fbd36fd7de053494725b64400ae5856deafe304b34a9");
  }

  @Test
  void putsTheSignatureLastOnTheWire() {
    RequestSigner.Signed signed =
        signer("f00d", "tofu").sign("GET", "/event", Map.of("zzz", "1"), NO_BODY, 1234567890L);

    assertThat(signed.wireQuery())
        .isEqualTo(
            "auth_key=f00d&auth_timestamp=1234567890&auth_version=1.0&zzz=1&auth_signature="
                + signed.signature());
  }

  @Test
  void signsValuesRawAndPercentEncodesThemOnTheWire() {
    RequestSigner.Signed signed =
        signer("f00d", "tofu")
            .sign(
                "GET",
                "/apps/1/channels",
                Map.of("filter_by_prefix", "a b+c&d%e=f#g/h?i~j*k", "x", "é€😀"),
                NO_BODY,
                1234567890L);

    assertThat(signed.stringToSign())
        .isEqualTo(
            "GET\n/apps/1/channels\nauth_key=f00d&auth_timestamp=1234567890&auth_version=1.0"
                + "&filter_by_prefix=a b+c&d%e=f#g/h?i~j*k&x=é€😀");
    assertThat(signed.wireQuery())
        .contains(
            "&filter_by_prefix=a%20b%2Bc%26d%25e%3Df%23g%2Fh%3Fi~j%2Ak&x=%C3%A9%E2%82%AC%F0%9F%98%80&");
    // HMAC-SHA256 of the string above under "tofu", computed with Python's hmac module.
    assertThat(signed.signature())
        .isEqualTo("f60ef74e890c6dd8254d6f47ba79aa05607e753e74e485f6986652c46c82ac4d");
  }

  @Test
  void leavesUnreservedCharactersUnencoded() {
    assertThat(RequestSigner.encode("AZaz09-_.~")).isEqualTo("AZaz09-_.~");
    assertThat(RequestSigner.encode("presence-")).isEqualTo("presence-");
    assertThat(RequestSigner.encode("")).isEqualTo("");
  }

  @Test
  void encodesSpaceAsPercent20AndNotAsPlus() {
    assertThat(RequestSigner.encode("a b")).isEqualTo("a%20b");
    assertThat(RequestSigner.encode("a+b")).isEqualTo("a%2Bb");
    assertThat(RequestSigner.encode("*")).isEqualTo("%2A");
  }

  @Test
  void addsNoBodyMd5WithoutABody() {
    RequestSigner.Signed signed =
        signer("f00d", "tofu").sign("POST", "/apps/1/x", Map.of(), NO_BODY, 1L);

    assertThat(signed.stringToSign())
        .isEqualTo("POST\n/apps/1/x\nauth_key=f00d&auth_timestamp=1&auth_version=1.0");
  }
}
