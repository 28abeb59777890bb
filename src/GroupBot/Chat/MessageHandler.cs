using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GroupBot.Chat;

/// <summary>
/// Handles one recorded update: works out who wrote it, runs the conversation engine, and commits
/// every change (domain rows, conversation state, replies as outbox rows, the inbox entry marked
/// processed) in one SaveChanges, so a crash either did all of it or none of it.
/// </summary>
public sealed class MessageHandler(ConversationEngine engine, Texts texts, LocalClock clock, IOptions<GroupBotOptions> options, DatabaseSettings database, ILogger<MessageHandler> logger)
{
    public async Task HandleAsync(GroupBotDb db, InboxEntry entry, IncomingMessage message, CancellationToken ct)
    {
        // One transaction per update: steps that save mid-way (to get ids) still commit or roll back
        // together with the inbox entry, so a crash never leaves half an update applied. SQLite is
        // serializable anyway (one writer). On PostgreSQL, repeatable read: two chats changing the
        // same row at once (two officers approving one loan) cannot both win; the loser fails with
        // a serialization error (DbErrors.IsConflict), rolls back, and is handled again, seeing what
        // the winner did. (Serializable was measured too: under load nearly every step conflicted
        // on the shared inbox and outbox reads; docs/BENCHMARKS.md.)
        await using var tx = await db.Database.BeginTransactionAsync(
            database.IsPostgres ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable, ct);
        var caller = await LoadCallerAsync(db, message, ct);
        using var logScope = logger.BeginScope(LogScope.Caller(caller));
        var turn = new Turn(db, message, caller, texts, clock);
        await engine.HandleAsync(turn, ct);

        var now = clock.UtcNow;
        if (caller.Identity is { } identity)
        {
            identity.LastInboundUtc = now;
            identity.UnreachableUtc = null;
        }

        // In a group chat, replies name the person they answer (several people write there).
        var mention = message.IsGroupChat ? new Mention(message.SenderId, message.SenderName ?? caller.Person?.Name ?? "?") : null;
        foreach (var reply in turn.Replies)
        {
            Outbox.Enqueue(db, message.Channel, message.ChatId, mention is null ? reply : reply with { Mention = mention }, OutboxPriority.Reply, now, entry.Id);
        }

        // She wrote: messages held until she did (WhatsApp's 24-hour window) can go now.
        await OutboxMessage.ReleaseWaitingAsync(db, message.Channel, message.ChatId, now, ct);

        entry.MarkHandled(now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Handled update {InboxId}: {Replies} replies", entry.Id, turn.Replies.Count);
        foreach (var work in turn.AfterCommitWork)
        {
            await work(ct);
        }
    }

    private async Task<Caller> LoadCallerAsync(GroupBotDb db, IncomingMessage m, CancellationToken ct)
    {
        var identity = await db.ChatIdentities.Include(i => i.Person)
            .SingleOrDefaultAsync(i => i.Channel == m.Channel && i.Address == m.SenderId, ct);
        var isAdmin = options.Value.Admins.Any(a => string.Equals(a.Trim(), $"{m.Channel}:{m.SenderId}", StringComparison.OrdinalIgnoreCase));

        if (identity is null && isAdmin)
        {
            // Admins are configured, not invited: their person record is made on first contact.
            var person = new Person
            {
                Name = string.IsNullOrWhiteSpace(m.SenderName) ? "Admin" : Words.Clean(m.SenderName),
                Language = options.Value.DefaultLanguage,
                CreatedUtc = clock.UtcNow,
                ConsentUtc = clock.UtcNow,
            };
            identity = new ChatIdentity { Channel = m.Channel, Address = m.SenderId, Person = person };
            db.ChatIdentities.Add(identity);
        }

        var person2 = identity?.Person;
        if (person2 is null || person2.Id == 0)
        {
            return new Caller { Person = person2, Identity = identity, IsAdmin = isAdmin };
        }

        var memberships = await db.Memberships.Include(x => x.Group).ThenInclude(g => g!.Village)
            .Where(x => x.PersonId == person2.Id && x.Group!.DeletedUtc == null)
            .OrderBy(x => x.Id)
            .ToListAsync(ct);
        var villages = await db.FacilitatorAssignments.Where(f => f.PersonId == person2.Id).Select(f => f.VillageId).ToListAsync(ct);
        return new Caller { Person = person2, Identity = identity, IsAdmin = isAdmin, Memberships = memberships, FacilitatorVillageIds = villages };
    }
}
