using GroupBot.Chat;
using GroupBot.Scheduling;

namespace GroupBot.Reminders;

public static class RemindersExtensions
{
    /// <summary>Meeting reminders, follow-up nudges, and the commands that change a group's schedule.</summary>
    public static IHostApplicationBuilder AddReminders(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddScoped<MeetingReminders>();
        s.AddScoped<FollowUps>();
        s.AddSingleton<ReminderScheduler>();
        s.AddSingleton<ReminderSync>();
        s.AddScheduleSync<ReminderSync>();
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
