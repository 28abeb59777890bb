using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace GroupBot.Trainings;

/// <summary>
/// A training reminder: to everyone invited who has not said "Tidak bisa". A moved training has a
/// new schedule version, so reminders of the old schedule do nothing.
/// </summary>
public sealed class TrainingReminders(GroupBotDb db, LocalClock clock, Texts texts, Broadcast broadcast, BotMetrics metrics, ILogger<TrainingReminders> logger)
{
    /// <param name="version">The schedule version the reminder was written for.</param>
    /// <param name="kind">"week", "eve" or "lead" (the delivery key carries it).</param>
    /// <param name="firedUtc">When the reminder was due, for the lag it went out with.</param>
    public async Task SendAsync(long trainingId, int version, string kind, DateTime firedUtc, CancellationToken ct)
    {
        var training = await db.Trainings.SingleOrDefaultAsync(t => t.Id == trainingId, ct);
        if (training is null || training.Status == TrainingStatus.Cancelled || training.ScheduleVersion != version)
        {
            return;
        }

        if (clock.UtcNow >= clock.ToUtc(training.StartDate, training.StartTime))
        {
            logger.LogInformation("Dropped a late {Kind} reminder for training {TrainingId}: it has started", kind, trainingId);
            return;
        }

        var invited = await db.Invitations.Where(i => i.TrainingId == trainingId && i.Rsvp != Rsvp.No)
            .Select(i => new Recipient.Person(i.PersonId, i.Person!.Language)).ToListAsync(ct);
        var added = await broadcast.SendAsync(db, invited, i => $"training:{trainingId}:v{version}:{kind}:p{i.PersonId}",
            i => TrainingText.Notice(texts, i.Language, training, "Reminder.Training", withRsvp: true), ct);
        metrics.ReminderLag("training", clock.UtcNow - firedUtc);
        logger.LogInformation("Training reminder {Kind} for training {TrainingId}: {Count} queued", kind, trainingId, added);
    }
}

/// <summary>One of a training's one-off triggers: <see cref="TrainingReminders"/>.</summary>
public sealed class TrainingReminderJob(IServiceScopeFactory scopes, LocalClock clock, ILogger<TrainingReminderJob> logger)
    : ScopedJob<TrainingReminders>(scopes, clock, logger)
{
    protected override Task RunAsync(TrainingReminders reminders, JobDataMap data, Fired fired, CancellationToken ct) =>
        reminders.SendAsync(data.GetLong("trainingId"), data.GetInt("version"), data.GetString("kind") ?? "lead", fired.Utc, ct);
}
