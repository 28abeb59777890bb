using System.Reflection;
using GroupBot.Data;
using GroupBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Quartz;

namespace GroupBot;

/// <summary>
/// "migrate-to-postgres [CONNECTION]": copies a SQLite deployment (GroupBot:DataDirectory) into an
/// empty PostgreSQL database (CONNECTION, or ConnectionStrings:GroupBot): every row of every table,
/// ids kept, then the scheduler's jobs and triggers; then it counts both sides and says whether
/// they agree. Stop the bot first. Afterwards start it with Database:Provider=Postgres.
/// </summary>
public static class MoveToPostgres
{
    public static async Task<int> RunAsync(string? target, string[] args, TextWriter output, CancellationToken ct = default)
    {
        var config = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().AddCommandLine(args).Build();
        var connection = target ?? config.GetConnectionString(DatabaseSettings.ConnectionName);
        if (string.IsNullOrWhiteSpace(connection))
        {
            await output.WriteLineAsync("Give the PostgreSQL connection string: migrate-to-postgres \"Host=…;Database=groupbot;Username=…;Password=…\" (or set ConnectionStrings:GroupBot).");
            return 2;
        }

        var dataDirectory = GroupBotOptions.DataDirectoryOf(config);
        var file = Path.Combine(dataDirectory, DataExtensions.DatabaseFileName);
        if (!File.Exists(file))
        {
            await output.WriteLineAsync($"No SQLite database at {file} (GroupBot:DataDirectory).");
            return 2;
        }

        await using var source = new GroupBotDb(new DbContextOptionsBuilder<GroupBotDb>().UseSqlite(DataExtensions.ConnectionString(dataDirectory, DataExtensions.DatabaseFileName)).Options);
        await using var destination = new PostgresDb(new DbContextOptionsBuilder<PostgresDb>().UseNpgsql(connection).Options);
        await source.Database.MigrateAsync(ct);
        await destination.Database.MigrateAsync(ct);

        var tables = InsertOrder(destination.Model);
        foreach (var type in tables)
        {
            if (await CountAsync(destination, type, ct) > 0)
            {
                await output.WriteLineAsync($"The PostgreSQL database is not empty ({type.GetTableName()} has rows): nothing was copied. Use a new, empty database.");
                return 1;
            }
        }

        var copied = new List<(string Table, long Source, long Target)>();
        foreach (var type in tables)
        {
            await CopyAsync(source, destination, type, ct);
            copied.Add((type.GetTableName()!, await CountAsync(source, type, ct), await CountAsync(destination, type, ct)));
        }

        await ResetSequencesAsync(destination, tables, ct);
        var (jobsSource, jobsTarget, triggersSource, triggersTarget) = await CopySchedulesAsync(dataDirectory, connection, ct);
        copied.Add(("Quartz jobs", jobsSource, jobsTarget));
        copied.Add(("Quartz triggers", triggersSource, triggersTarget));

        foreach (var (table, from, to) in copied)
        {
            await output.WriteLineAsync($"{table,-24} {from,8} -> {to,8}{(from == to ? string.Empty : "   MISMATCH")}");
        }

        var ok = copied.All(c => c.Source == c.Target);
        await output.WriteLineAsync(ok
            ? $"Copied {copied.Sum(c => c.Source)} rows; every count matches. Start the bot with Database:Provider=Postgres and this connection string."
            : "Some counts differ (MISMATCH above): do not switch yet.");
        return ok ? 0 : 1;
    }

    /// <summary>Tables whose rows others point at come first.</summary>
    private static List<IEntityType> InsertOrder(IModel model)
    {
        var types = model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()).ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        while (ordered.Count < types.Count)
        {
            var next = types.Where(t => !placed.Contains(t)
                && t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || placed.Contains(fk.PrincipalEntityType))).ToList();
            if (next.Count == 0)
            {
                throw new InvalidOperationException("The tables' foreign keys form a circle: " + string.Join(", ", types.Where(t => !placed.Contains(t)).Select(t => t.GetTableName())));
            }

            foreach (var t in next.OrderBy(t => t.GetTableName(), StringComparer.Ordinal))
            {
                ordered.Add(t);
                placed.Add(t);
            }
        }

        return ordered;
    }

    private static readonly MethodInfo CopyOfType = typeof(MoveToPostgres).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CountOfType = typeof(MoveToPostgres).GetMethod(nameof(CountTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task CopyAsync(GroupBotDb source, GroupBotDb destination, IEntityType type, CancellationToken ct) =>
        (Task)CopyOfType.MakeGenericMethod(type.ClrType).Invoke(null, [source, destination, ct])!;

    private static Task<long> CountAsync(GroupBotDb db, IEntityType type, CancellationToken ct) =>
        (Task<long>)CountOfType.MakeGenericMethod(type.ClrType).Invoke(null, [db, ct])!;

    private static Task<long> CountTableAsync<T>(GroupBotDb db, CancellationToken ct) where T : class => db.Set<T>().LongCountAsync(ct);

    /// <summary>In slices, each saved as it is read: rows keep their ids; the tracker is emptied after each slice.</summary>
    private static async Task CopyTableAsync<T>(GroupBotDb source, GroupBotDb destination, CancellationToken ct) where T : class
    {
        const int Slice = 2000;
        var key = source.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties;
        var query = source.Set<T>().AsNoTracking();
        var ordered = key.Skip(1).Aggregate(query.OrderBy(e => EF.Property<object>(e, key[0].Name)), (q, p) => q.ThenBy(e => EF.Property<object>(e, p.Name)));
        destination.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var skip = 0; ; skip += Slice)
        {
            var rows = await ordered.Skip(skip).Take(Slice).ToListAsync(ct);
            if (rows.Count == 0)
            {
                return;
            }

            destination.Set<T>().AddRange(rows);
            await destination.SaveChangesAsync(ct);
            destination.ChangeTracker.Clear();
        }
    }

    /// <summary>Identity columns continue after the highest id copied.</summary>
    private static async Task ResetSequencesAsync(GroupBotDb destination, IEnumerable<IEntityType> tables, CancellationToken ct)
    {
        foreach (var type in tables)
        {
            var key = type.FindPrimaryKey()?.Properties;
            if (key is not { Count: 1 } || key[0].ClrType != typeof(long) && key[0].ClrType != typeof(int) || key[0].ValueGenerated == ValueGenerated.Never)
            {
                continue;
            }

            var table = type.GetTableName()!;
            var column = key[0].GetColumnName();
#pragma warning disable EF1002 // names come from the model, not from input
            await destination.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)", ct);
#pragma warning restore EF1002
        }
    }

    /// <summary>Every job and its triggers, read from the SQLite scheduler file and written to the PostgreSQL store (neither scheduler is started).</summary>
    private static async Task<(long, long, long, long)> CopySchedulesAsync(string dataDirectory, string connection, CancellationToken ct)
    {
        var jobs = new List<(IJobDetail Job, IReadOnlyCollection<Quartz.ITrigger> Triggers)>();
        if (File.Exists(Path.Combine(dataDirectory, SchedulerExtensions.SchedulerFileName)))
        {
            var source = await Build(new DatabaseSettings(DatabaseProvider.Sqlite, null), dataDirectory, ct);
            foreach (var key in await source.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), ct))
            {
                jobs.Add(((await source.GetJobDetail(key, ct))!, await source.GetTriggersOfJob(key, ct)));
            }

            await source.Shutdown(waitForJobsToComplete: false, ct);
        }

        var target = await Build(new DatabaseSettings(DatabaseProvider.Postgres, connection), dataDirectory, ct);
        foreach (var (job, triggers) in jobs)
        {
            await target.ScheduleJob(job, triggers, ScheduleJobOptions.Replacing, ct);
        }

        long copiedJobs = (await target.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), ct)).Count;
        long copiedTriggers = (await target.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup(), ct)).Count;
        await target.Shutdown(waitForJobsToComplete: false, ct);
        return (jobs.Count, copiedJobs, jobs.Sum(j => j.Triggers.Count), copiedTriggers);
    }

    /// <summary>The deployment's scheduler, on one store; same name as the bot's, so the rows belong to it.</summary>
    private static ValueTask<IScheduler> Build(DatabaseSettings database, string dataDirectory, CancellationToken ct) =>
        QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "GroupBot");
            q.UsePersistentStore(store => SchedulerExtensions.UseStore(store, database, dataDirectory));
        }).BuildScheduler(ct);
}
