using GroupBot.Chat;
using GroupBot.Scheduling;

namespace GroupBot.Trainings;

public static class TrainingsExtensions
{
    /// <summary>Trainings, invitations with RSVP, and their reminders.</summary>
    public static IHostApplicationBuilder AddTrainings(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<TrainingScheduler>();
        s.AddSingleton<TrainingNotices>();
        s.AddScoped<TrainingReminders>();
        s.AddScheduleSync<TrainingSync>();
        s.AddFlow<NewTrainingFlow>();
        s.AddFlow<MoveTrainingFlow>();
        s.AddCommand<NewTrainingCommand>();
        s.AddCommand<TrainingsCommand>();
        s.AddCommand<RsvpCommand>();
        s.AddCommand<MoveTrainingCommand>();
        s.AddCommand<CancelTrainingCommand>();
        return builder;
    }
}
