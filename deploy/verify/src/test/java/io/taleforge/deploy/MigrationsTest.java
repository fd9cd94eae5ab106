package io.taleforge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * The migrations: each service's changelog runs on H2 in MODE=MSSQLServer (what the tests and
 * the embedded default use), and no SQL file uses what SQL Server lacks or what H2 silently
 * reads differently (SQL Server itself cannot run here).
 */
class MigrationsTest {

    /** A construct to keep out of the migrations, and why. */
    record Forbidden(Pattern pattern, String reason) {
        Forbidden(String regex, String reason) {
            this(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE), reason);
        }
    }

    static final List<Forbidden> FORBIDDEN = List.of(
            new Forbidden("\\bSYSUTCDATETIME\\s*\\(", "SQL Server only; H2 lacks it: set times from the application"),
            new Forbidden("\\bSYSDATETIME\\s*\\(|\\bGETUTCDATE\\s*\\(", "SQL Server only; H2 lacks or differs: set times from the application"),
            new Forbidden("^\\s*GO\\s*$", "GO is a sqlcmd batch separator, not T-SQL: JDBC (and Liquibase) reject it"),
            new Forbidden("\\bXML\\b", "the XML type exists in SQL Server only"),
            new Forbidden("\\bROWVERSION\\b", "SQL Server only; H2 lacks it"),
            new Forbidden("(?<![_A-Z])TIMESTAMP\\b", "in SQL Server TIMESTAMP is ROWVERSION (a binary counter), in H2 a date-time: use DATETIME2"),
            new Forbidden("\\bDATETIME\\b", "SQL Server DATETIME rounds to 1/300 s, H2 keeps nanoseconds: use DATETIME2"),
            new Forbidden("\\bAUTO_INCREMENT\\b", "MySQL; SQL Server lacks it: use IDENTITY"),
            new Forbidden("\\b(BIG|SMALL)?SERIAL\\b", "PostgreSQL; SQL Server lacks it: use IDENTITY"),
            new Forbidden("\\bBOOL(EAN)?\\b", "SQL Server has no BOOLEAN: use BIT"),
            new Forbidden("\\bN?TEXT\\b", "deprecated in SQL Server, a CLOB in H2: use NVARCHAR(MAX)"),
            new Forbidden("\\b[BC]LOB\\b", "SQL Server lacks BLOB/CLOB: use VARBINARY(MAX)/NVARCHAR(MAX)"),
            new Forbidden("\\bLIMIT\\s+\\d", "SQL Server lacks LIMIT: use TOP or OFFSET ... FETCH"),
            new Forbidden("\\bCREATE\\s+(TABLE|INDEX|UNIQUE\\s+INDEX|SCHEMA|SEQUENCE|VIEW)\\s+IF\\s+NOT\\s+EXISTS\\b",
                    "SQL Server lacks CREATE ... IF NOT EXISTS (and a changeset runs once anyway)"),
            new Forbidden("\\bUUID\\b", "SQL Server lacks a UUID type: use UNIQUEIDENTIFIER"),
            new Forbidden("\\bDOUBLE\\b", "SQL Server lacks DOUBLE: use FLOAT"),
            new Forbidden("\\bTINYINT\\b", "SQL Server TINYINT is 0..255, H2 TINYINT is -128..127"),
            new Forbidden("\\b(N?VARCHAR|N?CHAR|VARBINARY)\\b(?!\\s*\\()",
                    "without a length SQL Server means length 1 (in DDL), H2 means unbounded: always give (n) or (MAX)"),
            new Forbidden("\\bENUM\\s*\\(", "MySQL; SQL Server lacks ENUM: use NVARCHAR with a CHECK"),
            new Forbidden("\\bNOW\\s*\\(", "SQL Server lacks NOW(): set times from the application"),
            new Forbidden("`", "MySQL identifier quoting; SQL Server uses [ ] or double quotes"),
            new Forbidden("\\bMERGE\\s+INTO\\s+\\S+\\s+KEY\\b", "H2's MERGE ... KEY; SQL Server's MERGE has another syntax"),
            new Forbidden("\\bON\\s+CONFLICT\\b", "PostgreSQL; SQL Server lacks it"));

    private static Path root() {
        return Deployment.root();
    }

    /** The SQL files a changelog includes, resolved against the service's and service-data's resources. */
    private static List<Path> includedFiles(String service) {
        String changelog = Deployment.read(root().resolve(service).resolve("src/main/resources/db/changelog.xml"));
        Matcher include = Pattern.compile("<include\\s+file=\"([^\"]+)\"").matcher(changelog);
        List<Path> files = new ArrayList<>();
        while (include.find()) {
            String file = include.group(1);
            Path own = root().resolve(service).resolve("src/main/resources").resolve(file);
            Path commons = root().resolve("service-data/src/main/resources").resolve(file);
            Path found = Files.isRegularFile(own) ? own : commons;
            assertTrue(Files.isRegularFile(found), service + ": changelog includes " + file + ", found nowhere");
            files.add(found);
        }
        return files;
    }

    /** The tables the files create, less those a later changeset drops (a table replaced by a migration). */
    private static List<String> tablesLeft(List<Path> files) {
        List<String> tables = new ArrayList<>();
        Pattern ddl = Pattern.compile("(?i)\\b(CREATE|DROP)\\s+TABLE\\s+(\\w+)");
        for (Path file : files) {
            Matcher m = ddl.matcher(statements(Deployment.read(file)));
            while (m.find()) {
                if (m.group(1).equalsIgnoreCase("CREATE")) {
                    tables.add(m.group(2));
                } else {
                    tables.removeIf(t -> t.equalsIgnoreCase(m.group(2)));
                }
            }
        }
        return tables;
    }

    private static List<Path> allSqlFiles() {
        List<Path> files = new ArrayList<>();
        for (String service : Deployment.DATABASE_SERVICES) {
            for (Path file : includedFiles(service)) {
                if (!files.contains(file)) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    /** The SQL of a file without comments (Liquibase's directives are comments too). */
    static String statements(String sql) {
        return sql.replaceAll("(?m)--.*$", "").replaceAll("(?s)/\\*.*?\\*/", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"story-service", "image-service", "approval-service", "film-service"})
    void theChangelogRunsOnH2InSqlServerMode(String service) throws Exception {
        List<Path> files = includedFiles(service);
        int changesets = 0;
        for (Path file : files) {
            String sql = Deployment.read(file);
            assertTrue(sql.startsWith("--liquibase formatted sql"), file + " is not Liquibase formatted SQL");
            changesets += (int) sql.lines().filter(l -> l.startsWith("--changeset ")).count();
        }
        String url = "jdbc:h2:mem:verify-" + service
                + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             CompositeResourceAccessor resources = new CompositeResourceAccessor(
                     new DirectoryResourceAccessor(root().resolve(service).resolve("src/main/resources")),
                     new DirectoryResourceAccessor(root().resolve("service-data/src/main/resources")))) {
            Liquibase liquibase = new Liquibase("db/changelog.xml", resources, new JdbcConnection(connection));
            liquibase.update(new Contexts());
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM DATABASECHANGELOG")) {
                rows.next();
                assertEquals(changesets, rows.getInt(1), service + ": every changeset applied");
            }
            for (String created : tablesLeft(files)) {
                try (ResultSet tables = connection.getMetaData().getTables(null, null, created, null)) {
                    assertTrue(tables.next(), service + ": table " + created + " was not created");
                }
            }
        }
    }

    @Test
    void noStatementUsesWhatSqlServerLacksOrH2Reinterprets() {
        List<Path> files = allSqlFiles();
        assertTrue(files.size() >= 5, "expected the commons and the three services' migrations, got " + files);
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String sql = statements(Deployment.read(file));
            for (Forbidden forbidden : FORBIDDEN) {
                Matcher m = forbidden.pattern().matcher(sql);
                while (m.find()) {
                    problems.add(root().relativize(file) + ": '" + m.group().trim() + "' — " + forbidden.reason());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theListCatchesWhatItNames() {
        // the scan above passes only if the patterns can match: each sample must be caught
        List<String> samples = List.of("created_at TIMESTAMP NOT NULL", "created_at DATETIME NOT NULL",
                "flag BOOLEAN", "id INT AUTO_INCREMENT", "body TEXT", "name NVARCHAR NOT NULL", "GO",
                "CREATE TABLE IF NOT EXISTS t (id INT)", "SELECT * FROM t LIMIT 10", "DEFAULT SYSUTCDATETIME()",
                "n TINYINT", "v ROWVERSION", "doc XML", "id BIGSERIAL");
        for (String sample : samples) {
            assertTrue(FORBIDDEN.stream().anyMatch(f -> f.pattern().matcher(sample).find()), "not caught: " + sample);
        }
        List<String> allowed = List.of("created_at DATETIME2 NOT NULL", "DEFAULT CURRENT_TIMESTAMP",
                "name NVARCHAR(64) NOT NULL", "body NVARCHAR(MAX)", "id BIGINT IDENTITY(1,1)", "flag BIT NOT NULL",
                "id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY", "story_id UNIQUEIDENTIFIER");
        for (String sample : allowed) {
            assertFalse(FORBIDDEN.stream().anyMatch(f -> f.pattern().matcher(sample).find()), "wrongly caught: " + sample);
        }
    }
}
