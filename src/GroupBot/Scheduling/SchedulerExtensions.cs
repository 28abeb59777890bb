using GroupBot.Data;
using Quartz;

namespace GroupBot.Scheduling;

public static class SchedulerExtensions
{
    public const string SchedulerFileName = "scheduler.db";

    /// <summary>
    /// A feature's part of the start-up and hourly schedule check (<see cref="IScheduleSync"/>).
    /// </summary>
    public static IServiceCollection AddScheduleSync<T>(this IServiceCollection services) where T : class, IScheduleSync =>
        services.AddSingleton<IScheduleSync, T>();

    /// <summary>The job store of this deployment (also used by the migrate-to-postgres tool, on both sides).</summary>
    public static void UseStore(IPersistentStoreBuilder store, DatabaseSettings database, string dataDirectory)
    {
        if (database.IsPostgres)
        {
            store.UsePostgres(database.PostgresConnection);
            store.UseClustering(c =>
            {
                c.CheckinInterval = ClusterCheckin;
                c.CheckinMisfireThreshold = 2 * ClusterCheckin;
            });
        }
        else
        {
            store.UseSqlite(DataExtensions.ConnectionString(dataDirectory, SchedulerFileName));
        }

        store.ProvisionSchema();
        store.UseSystemTextJsonSerializer();
    }

    /// <summary>How often a clustered instance checks in, and how long after a missed check-in
    /// another instance takes over its fired jobs.</summary>
    public static readonly TimeSpan ClusterCheckin = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Quartz with its persistent ADO store, so scheduled reminders survive restarts. On SQLite it
    /// has its own file (one process per file, and no clash with EF's locks); on PostgreSQL it
    /// shares the bot's database and is clustered: every instance runs a scheduler, and each
    /// trigger fires on exactly one of them.
    /// </summary>
    public static IHostApplicationBuilder AddScheduler(this IHostApplicationBuilder builder)
    {
        var dataDirectory = GroupBotOptions.DataDirectoryOf(builder.Configuration);
        var database = DatabaseSettings.Of(builder.Configuration);
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "GroupBot");
            q.UsePersistentStore(store => UseStore(store, database, dataDirectory));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddSingleton<JobSchedule>();
        builder.Services.AddSingleton<ScheduleSync>();
        builder.Services.AddHostedService<SchedulingStartup>();
        return builder;
    }
}
