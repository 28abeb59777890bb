using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Trainings;

/// <summary>Invitations and change notices to everyone invited, once each per schedule version (delivery keys).</summary>
public sealed class TrainingNotices(Broadcast broadcast, Texts texts)
{
    /// <param name="key">The text, which is also the kind in the delivery key: "Training.Invitation", "Training.Moved", "Training.CancelledNotice".</param>
    /// <returns>How many messages were queued.</returns>
    public async Task<int> SendAsync(GroupBotDb db, Training training, string key, bool withRsvp, CancellationToken ct)
    {
        var invited = await db.Invitations.Where(i => i.TrainingId == training.Id).Select(i => new Recipient.Person(i.PersonId, i.Person!.Language)).ToListAsync(ct);
        return await broadcast.SendAsync(db, invited, i => $"{key}:{training.Id}:v{training.ScheduleVersion}:p{i.PersonId}",
            i => TrainingText.Notice(texts, i.Language, training, key, withRsvp), ct);
    }
}
