using System.ComponentModel.DataAnnotations;
using System.Globalization;
using GroupBot.Data;
using GroupBot.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Quartz;

namespace GroupBot.Backups;

/// <summary>The "Backup" settings section.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Where daily backups go; default: "backups" inside GroupBot:DataDirectory.</summary>
    public string? Directory { get; set; }

    /// <summary>How many daily backups to keep; older ones are deleted.</summary>
    [Range(1, 365)]
    public int Keep { get; set; } = 7;

    /// <summary>Local time of the daily backup.</summary>
    public TimeOnly At { get; set; } = new(2, 0);
}

/// <summary>
/// SQLite online backups of both files (data and scheduler), consistent while the bot runs: the
/// SQLite backup API copies a snapshot page by page (Microsoft.Data.Sqlite BackupDatabase).
/// </summary>
public static class BackupFiles
{
    public static readonly IReadOnlyList<string> Files = [DataExtensions.DatabaseFileName, SchedulerExtensions.SchedulerFileName];

    public static IReadOnlyList<string> Take(string dataDirectory, string target)
    {
        System.IO.Directory.CreateDirectory(target);
        var written = new List<string>();
        foreach (var file in Files.Where(f => File.Exists(Path.Combine(dataDirectory, f))))
        {
            var destination = Path.Combine(target, file);
            using var source = new SqliteConnection(DataExtensions.ConnectionString(dataDirectory, file));
            using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
            source.Open();
            copy.Open();
            Copy(source, copy);
            written.Add(destination);
        }

        return written;
    }

    /// <summary>
    /// Copies with SQLite's backup API. The running bot may hold a lock for a moment (a commit, a
    /// checkpoint): wait for it as the bot itself does, and try again a few times if it still was.
    /// </summary>
    private static void Copy(SqliteConnection source, SqliteConnection copy)
    {
        using (var pragma = source.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 5000;";
            pragma.ExecuteNonQuery();
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.BackupDatabase(copy);
                return;
            }
            catch (SqliteException ex) when (DbErrors.IsBusy(ex) && attempt < 5)
            {
                // The bot is writing; it lets go within milliseconds.
                Thread.Sleep(200 * attempt);
            }
        }
    }

    /// <summary>Keeps the newest <paramref name="keep"/> "groupbot-*" backup folders under <paramref name="root"/>.</summary>
    public static int Prune(string root, int keep)
    {
        if (!System.IO.Directory.Exists(root))
        {
            return 0;
        }

        var old = System.IO.Directory.GetDirectories(root, "groupbot-*").Order(StringComparer.Ordinal).SkipLast(keep).ToList();
        foreach (var folder in old)
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }

        return old.Count;
    }
}

/// <summary>The daily backup: a new dated folder, then only the newest Keep are kept.</summary>
public sealed class DailyBackup(IOptions<GroupBotOptions> data, IOptions<BackupOptions> options, LocalClock clock, ILogger<DailyBackup> logger)
{
    public void Take()
    {
        var root = options.Value.Directory ?? Path.Combine(data.Value.DataDirectory, "backups");
        var folder = Path.Combine(root, "groupbot-" + clock.LocalNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var files = BackupFiles.Take(data.Value.DataDirectory, folder);
        var removed = BackupFiles.Prune(root, options.Value.Keep);
        logger.LogInformation("Backup of {Count} files taken; {Removed} old backups removed", files.Count, removed);
    }
}

/// <summary>Daily at Backup:At: <see cref="DailyBackup"/>.</summary>
public sealed class BackupJob(IServiceScopeFactory scopes, LocalClock clock, ILogger<BackupJob> logger) : ScopedJob<DailyBackup>(scopes, clock, logger)
{
    protected override Task RunAsync(DailyBackup backup, JobDataMap data, Fired fired, CancellationToken ct)
    {
        backup.Take();
        return Task.CompletedTask;
    }
}

/// <summary>Writes the daily backup job at start and hourly.</summary>
public sealed class BackupSchedule(JobSchedule jobs, IOptions<BackupOptions> options, DatabaseSettings database) : IScheduleSync
{
    /// <summary>On PostgreSQL there is no file to copy: the server is backed up with pg_dump (README, "PostgreSQL").</summary>
    public async Task<int> SyncAsync(CancellationToken ct) =>
        !database.IsPostgres && await jobs.EveryAsync<BackupJob>("backup", options.Value.At, day: null, ct) ? 1 : 0;
}

public static class BackupExtensions
{
    public static IHostApplicationBuilder AddBackups(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DailyBackup>();
        builder.Services.AddScheduleSync<BackupSchedule>();
        return builder;
    }
}
