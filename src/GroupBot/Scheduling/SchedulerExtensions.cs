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

    /// <summary>
    /// Quartz with its persistent ADO store in its own SQLite file (one process per file, and no
    /// clash with EF's locks), so scheduled reminders survive restarts.
    /// </summary>
    public static IHostApplicationBuilder AddScheduler(this IHostApplicationBuilder builder)
    {
        var dataDirectory = GroupBotOptions.DataDirectoryOf(builder.Configuration);
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "GroupBot");
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(DataExtensions.ConnectionString(dataDirectory, SchedulerFileName));
                store.ProvisionSchema();
                store.UseSystemTextJsonSerializer();
            });
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddSingleton<JobSchedule>();
        builder.Services.AddSingleton<ScheduleSync>();
        builder.Services.AddHostedService<SchedulingStartup>();
        return builder;
    }
}
