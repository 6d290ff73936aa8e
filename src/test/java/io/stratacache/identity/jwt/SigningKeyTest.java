package io.stratacache.identity.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

  @TempDir Path dir;

  @Test
  void read_noFile_createsItOwnerOnly_inANewOwnerOnlyFolder() throws Exception {
    Path file = dir.resolve("data/keys/jwt.pem");
    SigningKey key = SigningKey.read(file);
    assertTrue(Files.isRegularFile(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    assertEquals(2048, key.publicKey().getModulus().bitLength());
    try (var listing = Files.list(file.getParent())) {
      assertEquals(List.of(file), listing.toList(), "no temporary file left behind");
    }
  }

  @Test
  void read_existingFile_sameKeyAfterARestart() {
    Path file = dir.resolve("jwt.pem");
    SigningKey first = SigningKey.read(file);
    SigningKey again = SigningKey.read(file);
    assertEquals(first.privateKey(), again.privateKey());
    assertEquals(first.publicKey(), again.publicKey());
  }

  @Test
  void read_manyCreatorsAtOnce_allGetTheOneKeyWritten() throws Exception {
    Path file = dir.resolve("race/jwt.pem");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<SigningKey>> keys = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        keys.add(
            pool.submit(
                () -> {
                  go.await();
                  return SigningKey.read(file);
                }));
      }
      go.countDown();
      SigningKey onDisk = SigningKey.read(file);
      for (Future<SigningKey> k : keys) {
        assertEquals(onDisk.publicKey(), k.get().publicKey());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void loadOrCreate_sameFile_sameInstance() {
    Path file = dir.resolve("jwt.pem");
    assertSame(SigningKey.loadOrCreate(file), SigningKey.loadOrCreate(dir.resolve("./jwt.pem")));
  }

  @Test
  void read_notAKey_failsNamingTheFile() throws Exception {
    Path file = dir.resolve("jwt.pem");
    Files.writeString(file, "hello");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SigningKey.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    e = assertThrows(IllegalStateException.class, () -> SigningKey.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void publicKeyPem_isTheX509FormOfThePublicKey() throws Exception {
    SigningKey key = SigningKey.read(dir.resolve("jwt.pem"));
    String pem = key.publicKeyPem();
    assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"), pem);
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    var parsed =
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    assertEquals(key.publicKey(), parsed);
  }
}
