package io.stratacache.identity.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuerSettingsTest {

  @TempDir Path dir;

  static IssuerSettings of(Map<String, String> values) {
    return IssuerSettings.from(k -> Optional.ofNullable(values.get(k)));
  }

  @Test
  void from_nothingSet_ownIssuerUnderData() {
    IssuerSettings s = of(Map.of());
    assertEquals(Path.of("./data/jwt-signing-key.pem"), s.keyFile());
    assertEquals("stratacache", s.issuer());
    assertTrue(s.ownIssuer());
  }

  @Test
  void from_keyFileAndIssuer_taken() {
    IssuerSettings s = of(Map.of("AUTH_KEY_FILE", "/srv/k.pem", "AUTH_ISSUER", "https://me"));
    assertEquals(Path.of("/srv/k.pem"), s.keyFile());
    assertEquals("https://me", s.issuer());
  }

  @Test
  void from_externalKeyLocationOrKey_noOwnIssuer() {
    assertFalse(of(Map.of("mp.jwt.verify.publickey.location", "https://idp/jwks")).ownIssuer());
    assertFalse(of(Map.of("mp.jwt.verify.publickey", "-----BEGIN PUBLIC KEY-----")).ownIssuer());
    assertTrue(of(Map.of("mp.jwt.verify.publickey.location", " ")).ownIssuer());
  }

  @Test
  void configSource_ownIssuer_publicKeyAndIssuer_belowEveryDefaultSource() {
    Path key = dir.resolve("jwt.pem");
    System.setProperty("AUTH_KEY_FILE", key.toString());
    System.setProperty("AUTH_ISSUER", "it-issuer");
    try {
      OwnIssuerConfigSource source = new OwnIssuerConfigSource();
      assertEquals("it-issuer", source.getValue("mp.jwt.verify.issuer"));
      assertEquals(
          SigningKey.loadOrCreate(key).publicKeyPem(), source.getValue("mp.jwt.verify.publickey"));
      assertNull(source.getValue("AUTH_KEY_FILE"));
      assertTrue(source.getOrdinal() < 100);
    } finally {
      System.clearProperty("AUTH_KEY_FILE");
      System.clearProperty("AUTH_ISSUER");
    }
  }

  @Test
  void configSource_externalKeyConfigured_suppliesNothing() {
    System.setProperty("AUTH_KEY_FILE", dir.resolve("unused.pem").toString());
    System.setProperty("mp.jwt.verify.publickey.location", "file:/elsewhere.pem");
    try {
      OwnIssuerConfigSource source = new OwnIssuerConfigSource();
      assertTrue(source.getPropertyNames().isEmpty());
      assertNull(source.getValue("mp.jwt.verify.publickey"));
      assertNull(source.getValue("mp.jwt.verify.issuer"));
      assertFalse(java.nio.file.Files.exists(dir.resolve("unused.pem")), "no key generated");
    } finally {
      System.clearProperty("AUTH_KEY_FILE");
      System.clearProperty("mp.jwt.verify.publickey.location");
    }
  }
}
