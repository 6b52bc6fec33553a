package registry.http.jdk.internal.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One parse of an htpasswd file: {@code user:hash} lines with bcrypt hashes ({@code $2y$},
 * {@code $2a$}, {@code $2b$}, as {@code htpasswd -B} writes them), and a cache of recent
 * successful checks. A new parse (the file changed) starts with an empty cache, so a removed
 * user or changed password counts at once.
 *
 * <p>A bcrypt check costs milliseconds to tens of milliseconds by design; clients send the
 * credentials with every request of a push, so successful checks are remembered for a while,
 * keyed by the user and an HMAC of the password under a key of this process (never the password
 * itself, and nothing a stolen heap dump can look up in a table).
 */
public final class HtpasswdTable {

  private static final System.Logger LOG = System.getLogger("registry.http.jdk.auth");
  private static final int MAX_CACHED = 10_000;
  /** apache2-utils' default cost for {@code htpasswd -B}, used when the file holds no entry. */
  private static final int DEFAULT_COST = 5;

  // htpasswd (crypt_blowfish) uses at most 72 bytes of a password and ignores the rest.
  private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(BCrypt.Version.VERSION_2Y,
      LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2Y));

  private final Map<String, String> hashes;
  private final String dummyHash;
  private final Map<String, Long> verified = new ConcurrentHashMap<>();
  private final byte[] cacheKey = new byte[32];

  private HtpasswdTable(Map<String, String> hashes) {
    this.hashes = Collections.unmodifiableMap(hashes);
    this.dummyHash = dummyHash(hashes.values());
    new SecureRandom().nextBytes(cacheKey);
  }

  /** Parses the file. */
  public static HtpasswdTable parse(Path file) throws IOException {
    Map<String, String> hashes = new HashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        // The line may be a password pasted in the wrong place: never log its content.
        LOG.log(System.Logger.Level.WARNING, file + " line " + (i + 1) + " is not user:hash; ignored");
        continue;
      }
      String user = line.substring(0, colon);
      String hash = line.substring(colon + 1);
      if (!(hash.startsWith("$2y$") || hash.startsWith("$2a$") || hash.startsWith("$2b$"))) {
        LOG.log(System.Logger.Level.WARNING, file + ": the entry of user " + user
            + " is not a bcrypt hash (write it with htpasswd -B); ignored");
        continue;
      }
      hashes.put(user, hash);
    }
    return new HtpasswdTable(hashes);
  }

  /** The users in the file. */
  public java.util.Set<String> users() {
    return hashes.keySet();
  }

  /**
   * Whether the password is the user's. An unknown user costs one bcrypt check as a known one
   * does (against a hash of the file's usual cost), so timing tells nothing about who exists.
   */
  public boolean verify(String user, String password, long ttlNanos) {
    String key = user + '\n' + hmac(password);
    long now = System.nanoTime();
    Long until = verified.get(key);
    if (until != null && until - now > 0) {
      return true;
    }
    String hash = hashes.get(user);
    boolean ok = bcrypt(password, hash != null ? hash : dummyHash) && hash != null;
    if (ok && ttlNanos > 0) {
      if (verified.size() >= MAX_CACHED) {
        verified.clear();
      }
      verified.put(key, now + ttlNanos);
    } else if (until != null) {
      verified.remove(key);
    }
    return ok;
  }

  private static boolean bcrypt(String password, String hash) {
    try {
      return VERIFYER.verify(password.toCharArray(), hash.toCharArray()).verified;
    } catch (IllegalArgumentException e) {
      // A malformed hash in the file, or a password the library refuses: not a match.
      return false;
    }
  }

  private String hmac(String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
      return java.util.Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** A hash of a random password at the cost most entries use. */
  private static String dummyHash(java.util.Collection<String> hashes) {
    int cost = hashes.stream()
        .map(HtpasswdTable::cost)
        .filter(c -> c >= BCrypt.MIN_COST && c <= BCrypt.MAX_COST)
        .collect(Collectors.groupingBy(c -> c, Collectors.counting()))
        .entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(DEFAULT_COST);
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    char[] secret = java.util.Base64.getEncoder().encodeToString(random).toCharArray();
    return BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(cost, secret);
  }

  private static int cost(String hash) {
    // $2y$10$...: the cost is the two digits after the version.
    try {
      return Integer.parseInt(hash.substring(4, 6));
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
