/**
 * End-to-end encryption for {@code private-encrypted-} channels: NaCl secretbox (XSalsa20-Poly1305)
 * built on BouncyCastle, provided to channels4j through {@link
 * io.channels4j.spi.ChannelEncryption}.
 */
module io.channels4j.crypto {
  requires transitive io.channels4j;
  requires org.bouncycastle.provider;
  requires com.fasterxml.jackson.core;

  exports io.channels4j.crypto;
}
