import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The baseline of the scheduled warm-up benchmark (docs/benchmarks.md, "Warm-up" (b)): reads the
 * rows behind the user statistics of ids 1..N with plain JDBC, in batches of 256 ids (the warm-up's
 * batch), the three queries per batch that {@code UserService.statsAll} runs, no cache, no
 * objects kept. Run with the server stopped (H2 file mode is exclusive):
 * {@code java -cp h2-2.2.224.jar src/test/bench/JdbcBulkRead.java 'jdbc:h2:file:data/bench' 100000
 * stratacache stratacache} (URL, ids, user, password).
 */
public class JdbcBulkRead {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    int n = Integer.parseInt(args[1]);
    int batch = 256;
    String in = "?" + ", ?".repeat(batch - 1);
    String[] sql = {
      "SELECT id, username FROM app_user WHERE id IN (" + in + ")",
      "SELECT user_id, status, COUNT(*), AVG(score), MAX(created_at) FROM diagnosis_report"
          + " WHERE user_id IN (" + in + ") GROUP BY user_id, status",
      "SELECT r.user_id, b.name, COUNT(*) FROM diagnosis_report r JOIN brand b ON b.id = r.brand_id"
          + " WHERE r.user_id IN (" + in + ") GROUP BY r.user_id, b.name"
          + " ORDER BY r.user_id, COUNT(*) DESC, b.name"
    };
    try (Connection c = DriverManager.getConnection(url, args[2], args[3])) {
      for (int round = 0; round < 2; round++) { // round 0 warms the JIT and the page cache
        long rows = 0;
        long start = System.nanoTime();
        for (int from = 1; from <= n; from += batch) {
          for (String q : sql) {
            try (PreparedStatement s = c.prepareStatement(q)) {
              for (int i = 0; i < batch; i++) {
                s.setLong(i + 1, from + i);
              }
              try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                  rows++;
                }
              }
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "plain JDBC bulk read, round %d: %d ids, %d rows in %.2f s: %.0f keys/s%n",
            round, n, rows, seconds, n / seconds);
      }
    }
  }
}
