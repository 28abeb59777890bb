using GroupBot.Chat;

namespace GroupBot.Reminders;

public static class RemindersExtensions
{
    /// <summary>Meeting and training reminders, follow-up nudges, and the commands that change schedules.</summary>
    public static IHostApplicationBuilder AddReminders(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton<ReminderScheduler>();
        s.AddSingleton<ReminderSync>();
        s.AddHostedService<ReminderStartup>();
        s.AddFlow<ChangeScheduleFlow>();
        s.AddFlow<ExtraMeetingFlow>();
        s.AddCommand<ChangeScheduleCommand>();
        s.AddCommand<SkipMeetingCommand>();
        s.AddCommand<ExtraMeetingCommand>();
        s.AddCommand<PauseRemindersCommand>();
        s.AddCommand<ResumeRemindersCommand>();
        return builder;
    }
}

/// <summary>At start: the daily jobs, and a reminder job for every group that lacks one.</summary>
public sealed class ReminderStartup(ReminderScheduler scheduler, ReminderSync sync, ILogger<ReminderStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await scheduler.ScheduleDailyJobsAsync(stoppingToken);
            await sync.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        catch (Exception ex)
        {
            // The hourly sync tries again; the bot keeps answering meanwhile.
            logger.LogError(ex, "Scheduling reminders at start failed");
        }
    }
}
