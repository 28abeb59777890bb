using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace GroupBot.Data;

public static class DataExtensions
{
    public const string DatabaseFileName = "groupbot.db";

    /// <summary>The default of GroupBot:DatabaseBusyTimeout.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Options, clock, the database (SQLite or PostgreSQL, by Database:Provider) and the start-up migration.</summary>
    public static IHostApplicationBuilder AddGroupBotData(this IHostApplicationBuilder builder)
    {
        var database = DatabaseSettings.Of(builder.Configuration);
        builder.Services.AddSingleton(database);
        builder.Services.AddOptions<GroupBotOptions>()
            .BindConfiguration(GroupBotOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => LocalClock.TryFindZone(o.TimeZone, out _),
                "GroupBot:TimeZone is not a known time zone id (example: Asia/Jakarta).")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LocalClock>();
        // Pooled: building a context's options and services per scope was a visible share of each
        // chat step in the load benchmark (docs/BENCHMARKS.md).
        if (database.IsPostgres)
        {
            builder.Services.AddDbContextPool<GroupBotDb, PostgresDb>(o => o.UseNpgsql(database.PostgresConnection));
        }
        else
        {
            builder.Services.AddSingleton<SqlitePragmas>();
            builder.Services.AddDbContextPool<GroupBotDb>((sp, o) =>
            {
                var options = sp.GetRequiredService<IOptions<GroupBotOptions>>().Value;
                o.UseSqlite(ConnectionString(options.DataDirectory, DatabaseFileName, options.DatabaseBusyTimeout));
                o.AddInterceptors(sp.GetRequiredService<SqlitePragmas>());
            });
        }

        // Registered first among hosted services, so the schema exists before anything reads it;
        // then this instance signs in among the others (PostgreSQL).
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddSingleton<InstanceIdentity>();
        builder.Services.AddSingleton<Leases>();
        builder.Services.AddSingleton<InstanceRegistry>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InstanceRegistry>());
        return builder;
    }

    public static string ConnectionString(string dataDirectory, string fileName, TimeSpan? busyTimeout = null)
    {
        Directory.CreateDirectory(dataDirectory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, fileName),
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until this many seconds pass.
            DefaultTimeout = (int)Math.Ceiling((busyTimeout ?? DefaultBusyTimeout).TotalSeconds),
            Pooling = true,
        }.ToString();
    }

    private static void TryAddSingleton(this IServiceCollection services, TimeProvider time)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(time);
        }
    }
}

/// <summary>
/// Per-connection settings: SQLite's own busy wait for concurrent writers (at most 5 s per try;
/// Microsoft.Data.Sqlite keeps trying until the connection's timeout), NORMAL sync (safe with WAL).
/// </summary>
public sealed class SqlitePragmas(IOptions<GroupBotOptions> options) : DbConnectionInterceptor
{
    private readonly string _pragmas =
        $"PRAGMA busy_timeout = {(int)Math.Min(5000, options.Value.DatabaseBusyTimeout.TotalMilliseconds)}; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = _pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = _pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// Applies the provider's migrations (and on SQLite turns on WAL) before the host starts anything
/// else. Instances starting together on one PostgreSQL wait for each other: EF Core takes a
/// migration lock.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, DatabaseSettings database, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        await db.Database.MigrateAsync(cancellationToken);
        if (!database.IsPostgres)
        {
            // EF sets WAL when it creates the file; a file made elsewhere may not have it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }

        logger.LogInformation("Database ready ({Provider})", database.Provider);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
