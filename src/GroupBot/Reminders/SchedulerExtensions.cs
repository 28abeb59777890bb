using GroupBot.Data;
using Microsoft.Extensions.Options;
using Quartz;

namespace GroupBot.Reminders;

public static class SchedulerExtensions
{
    public const string SchedulerFileName = "scheduler.db";

    /// <summary>
    /// Quartz with its persistent ADO store in its own SQLite file (one process per file, and no
    /// clash with EF's locks), so scheduled reminders survive restarts.
    /// </summary>
    public static IHostApplicationBuilder AddScheduler(this IHostApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration[$"{GroupBotOptions.Section}:{nameof(GroupBotOptions.DataDirectory)}"] ?? new GroupBotOptions().DataDirectory;
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
        return builder;
    }
}
