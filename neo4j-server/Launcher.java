/*
 * A local Neo4j (Community, embedded, Bolt only) for `make neo4j` and the tests.
 *
 *   java -cp 'lib/*' Launcher.java HOME PORT [OWNER_PID]
 *
 * HOME holds the databases and logs; Bolt listens on 127.0.0.1:PORT only, with
 * auth on: user neo4j, password $NEO4J_PASSWORD (default actorgraph). Once the
 * password is set and Bolt listens, HOME/bolt holds the URI (the control script
 * waits for it); the file is removed again when the server stops (SIGTERM).
 * With OWNER_PID (a test session), the server also stops when that process
 * ends, so a session killed before its teardown leaves no server behind.
 */

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;

public class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: java -cp 'lib/*' Launcher.java HOME PORT [OWNER_PID]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "actorgraph");
        Path ready = home.resolve("bolt");
        Files.createDirectories(home);
        Files.deleteIfExists(ready);

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.pagecache_memory, 512L * 1024 * 1024)
                // No usage reports: this server talks to nothing but its clients.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (Exception ignored) {
                // The server stops all the same.
            }
            service.shutdown();
            stopped.countDown();
        }));

        if (args.length == 3) {
            ProcessHandle.of(Long.parseLong(args[2])).ifPresentOrElse(
                    owner -> owner.onExit().thenRun(() -> System.exit(0)),
                    () -> System.exit(0));
        }
        setPassword(service, password);
        Path partial = home.resolve("bolt.partial");
        Files.writeString(partial, "bolt://127.0.0.1:" + port + "\n");
        Files.move(partial, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("Neo4j " + org.neo4j.kernel.internal.Version.getNeo4jVersion()
                + " listening on bolt://127.0.0.1:" + port);
        stopped.await();
    }

    /** The password of neo4j, set on every start so $NEO4J_PASSWORD always wins. */
    private static void setPassword(DatabaseManagementService service, String password) {
        try {
            service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (QueryExecutionException error) {
            // Setting the password it already has is refused; anything else is fatal.
            if (!String.valueOf(error.getMessage()).contains("cannot be the same")) {
                throw error;
            }
        }
    }
}
