using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace GroupBot.Trainings;

/// <summary>
/// A training reminder fired: to everyone invited who has not said "Tidak bisa". A moved training
/// has a new schedule version, so triggers of the old schedule do nothing.
/// </summary>
public sealed class TrainingReminderJob(IServiceScopeFactory scopes, LocalClock clock, Texts texts, Outbox outbox, BotMetrics metrics, ILogger<TrainingReminderJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        BusyDatabase.RetryJobAsync(() => RunAsync(context, cancellationToken), logger);

    private async ValueTask RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var data = context.MergedJobDataMap;
        var trainingId = data.GetLong("trainingId");
        var version = data.GetInt("version");
        var kind = data.GetString("kind") ?? "lead";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
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
            .Select(i => new { i.PersonId, i.Person!.Language }).ToListAsync(ct);
        var chats = await Deliveries.ChatsAsync(db, [.. invited.Select(i => i.PersonId)], ct);
        var deliveries = invited.Where(i => chats.ContainsKey(i.PersonId)).Select(i =>
        {
            var chat = chats[i.PersonId];
            var date = TrainingText.Dates(i.Language, training);
            var time = Format.Time(i.Language, training.StartTime);
            return new Delivery($"training:{trainingId}:v{version}:{kind}:p{i.PersonId}", chat.Channel, chat.Address, new OutgoingMessage
            {
                Text = texts.Get(i.Language, "Reminder.Training", training.Title, date, time, training.Venue),
                Choices = TrainingText.RsvpChoices(texts, i.Language, trainingId),
                Template = new TemplateRef(Templates.TrainingReminder, i.Language, [training.Title, date, time, training.Venue]),
            });
        }).ToList();
        var added = await Deliveries.EnqueueAsync(db, deliveries, clock.UtcNow, ct);
        outbox.Wake();
        metrics.ReminderLag("training", clock.UtcNow - (context.ScheduledFireTimeUtc?.UtcDateTime ?? clock.UtcNow));
        logger.LogInformation("Training reminder {Kind} for training {TrainingId}: {Count} queued", kind, trainingId, added);
    }
}
