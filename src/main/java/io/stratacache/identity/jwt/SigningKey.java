package io.stratacache.identity.jwt;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The issuer's RSA key pair, kept as one PKCS#8 PEM file (the public key is derived from the
 * private one). {@link #loadOrCreate} generates a 2048-bit pair on first use and writes it readable
 * by the owner only (directory {@code rwx------} when it creates it, file {@code rw-------}, where
 * the file system has POSIX permissions). Creation is atomic: the file is written under a temporary
 * name and linked into place, so processes starting at once over one folder (a cluster on one
 * machine) end up with the same key. Immutable and thread-safe.
 */
public final class SigningKey {

  private static final Logger LOG = Logger.getLogger(SigningKey.class.getName());
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";
  private static final byte[] NEWLINE = {'\n'};
  private static final Map<Path, SigningKey> LOADED = new ConcurrentHashMap<>();

  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;
  private final Path file;

  private SigningKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, Path file) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.file = file;
  }

  /**
   * The key in {@code file}, generated and written first if the file does not exist. The same
   * instance is returned for the same file within this JVM.
   *
   * @throws IllegalStateException if the file exists but holds no RSA private key, or cannot be
   *     read or written (the message names the file)
   */
  public static SigningKey loadOrCreate(Path file) {
    return LOADED.computeIfAbsent(file.toAbsolutePath().normalize(), SigningKey::read);
  }

  /** Reads {@code file}, creating it first if it does not exist; not memoized. */
  static SigningKey read(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return parse(Files.readString(file, StandardCharsets.US_ASCII), file);
    } catch (IOException e) {
      throw new IllegalStateException("JWT signing key " + file + ": " + e, e);
    }
  }

  private static void create(Path file) throws IOException {
    Path dir = file.getParent();
    boolean posix = Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView("posix");
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
    Path tmp =
        posix
            ? Files.createTempFile(
                dir,
                ".jwt-key",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, ".jwt-key", ".tmp");
    try {
      Files.writeString(tmp, pem(generate()), StandardCharsets.US_ASCII);
      try {
        Files.createLink(file, tmp);
        LOG.info("Identity: generated the JWT signing key " + file.toAbsolutePath());
      } catch (FileAlreadyExistsException another) {
        // another process created it first: use theirs
      } catch (UnsupportedOperationException noLinks) {
        Files.move(tmp, file);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path existingAncestor(Path dir) {
    Path p = dir.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p;
  }

  private static RSAPrivateCrtKey generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair pair = g.generateKeyPair();
      return (RSAPrivateCrtKey) pair.getPrivate();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA key pair", e);
    }
  }

  static String pem(RSAPrivateCrtKey key) {
    String body = Base64.getMimeEncoder(64, NEWLINE).encodeToString(key.getEncoded());
    return BEGIN + "\n" + body + "\n" + END + "\n";
  }

  static SigningKey parse(String pem, Path file) {
    int from = pem.indexOf(BEGIN);
    int to = pem.indexOf(END);
    if (from < 0 || to < from) {
      throw new IllegalStateException(
          "JWT signing key " + file + " is not a PKCS#8 PEM private key (" + BEGIN + ")");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + BEGIN.length(), to));
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey key)) {
        throw new IllegalStateException("JWT signing key " + file + " lacks its CRT parameters");
      }
      BigInteger e = key.getPublicExponent();
      RSAPublicKey pub =
          (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), e));
      return new SigningKey(key, pub, file);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("JWT signing key " + file + " cannot be read: " + e, e);
    }
  }

  /** The private key that signs tokens. */
  public RSAPrivateCrtKey privateKey() {
    return privateKey;
  }

  /** The public key that verifies them. */
  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /** The file the key is kept in. */
  public Path file() {
    return file;
  }

  /**
   * The public key as an X.509 {@code PUBLIC KEY} PEM, the form {@code mp.jwt.verify.publickey}
   * takes.
   */
  public String publicKeyPem() {
    String body = Base64.getMimeEncoder(64, NEWLINE).encodeToString(publicKey.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /** Forgets the loaded keys (tests that delete key files). */
  static void forgetAll() {
    LOADED.clear();
  }
}
