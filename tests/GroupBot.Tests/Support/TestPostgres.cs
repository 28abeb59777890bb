using Npgsql;

namespace GroupBot.Tests.Support;

/// <summary>
/// Marks a test class whose bots run on PostgreSQL instead of SQLite: a subclass of a suite,
/// so the same tests run on both providers (<c>sealed class XOnPostgres : X, IOnPostgres</c>).
/// </summary>
public interface IOnPostgres;

/// <summary>
/// The PostgreSQL server the tests use: GROUPBOT_TEST_POSTGRES, a connection string to a server
/// where the user may create databases (.ci/run starts a throwaway one with .ci/postgres). Each
/// bot gets a fresh database, dropped when the bot is disposed. Without a server the PostgreSQL
/// tests are skipped, except in CI, where a missing server is a failure.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "GROUPBOT_TEST_POSTGRES";

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    /// <summary>True when the running test's class is marked <see cref="IOnPostgres"/>.</summary>
    public static bool CurrentTestWants =>
        TestContext.Current.TestClass is Xunit.v3.IXunitTestClass c && c.Class.IsAssignableTo(typeof(IOnPostgres));

    /// <summary>The server's connection string, or the test is skipped (a failure in CI).</summary>
    public static string RequireServer()
    {
        if (Server is { } server)
        {
            return server;
        }

        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"{Variable} is not set; .ci/run should start PostgreSQL (.ci/postgres)");
        Assert.Skip($"No PostgreSQL server ({Variable} is not set; see README, \"Tests\")");
        return null!;
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = RequireServer();
        var name = "gbtest_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 30 }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing what still uses it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        var server = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS {builder.Database} WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }
}
