package io.channels4j.spi.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS material of the contract tests: two self-signed certificates, valid until 2126, for test
 * use only. {@code localhost.p12} is for 127.0.0.1 and localhost; {@code wrong-host.p12} is for
 * {@code wrong.example} only, so a client that checks host names must refuse it on 127.0.0.1 even
 * though it trusts it.
 */
public final class TestTls {
  private static final char[] PASSWORD = "test-only".toCharArray();

  private TestTls() {}

  /**
   * A server context holding the certificate for 127.0.0.1.
   *
   * @return a new context
   */
  public static SSLContext localhostServer() {
    return server("localhost.p12");
  }

  /**
   * A server context holding a certificate for {@code wrong.example}, not for 127.0.0.1.
   *
   * @return a new context
   */
  public static SSLContext wrongHostServer() {
    return server("wrong-host.p12");
  }

  /**
   * A client context that trusts both test certificates and nothing else.
   *
   * @return a new context
   */
  public static SSLContext trustingClient() {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("localhost", load("localhost.p12").getCertificate("localhost"));
      trusted.setCertificateEntry("wrong", load("wrong-host.p12").getCertificate("wrong"));
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SSLContext server(String resource) {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(load(resource), PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(String resource) {
    try (InputStream in = TestTls.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("test resource missing: " + resource);
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
