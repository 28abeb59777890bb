using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Chat;

/// <summary>Who a broadcast goes to, and the language her message is written in.</summary>
public abstract record Recipient(string Language)
{
    /// <summary>A person, on her most recently used chat that still reaches her; someone without one is left out.</summary>
    public sealed record Person(long PersonId, string Language) : Recipient(Language);

    /// <summary>A chat as it is: a group's Telegram chat, or a chat that was sent something before.</summary>
    public sealed record Chat(string Channel, string ChatId, string Language) : Recipient(Language);
}

/// <summary>
/// Sends one message (or a few) to many people, once each: every message has a delivery key per
/// (kind, occurrence, person). A key already in the outbox is skipped, and the unique index settles
/// races, so restarts, misfires, double triggers and a repeated command never send twice.
/// </summary>
public sealed class Broadcast(Outbox outbox, LocalClock clock)
{
    private sealed record Delivery(string Key, string Channel, string ChatId, OutgoingMessage Message);

    /// <summary>One message to each recipient, under <paramref name="key"/>.</summary>
    /// <returns>How many outbox rows were added (keys already there add none).</returns>
    public Task<int> SendAsync<TRecipient>(GroupBotDb db, IReadOnlyList<TRecipient> to, Func<TRecipient, string> key, Func<TRecipient, OutgoingMessage> message,
        CancellationToken ct) where TRecipient : Recipient =>
        SendEachAsync(db, to, r => ValueTask.FromResult<IEnumerable<(string, OutgoingMessage)>>([(key(r), message(r))]), ct);

    /// <summary>
    /// Several messages to each recipient (a summary too long for one), keyed "<paramref name="key"/>:1",
    /// ":2" …; <paramref name="messages"/> is asked only for recipients who can be reached.
    /// </summary>
    public Task<int> SendPartsAsync<TRecipient>(GroupBotDb db, IReadOnlyList<TRecipient> to, Func<TRecipient, string> key,
        Func<TRecipient, CancellationToken, Task<IReadOnlyList<OutgoingMessage>>> messages, CancellationToken ct) where TRecipient : Recipient =>
        SendEachAsync(db, to, async r => (await messages(r, ct)).Select((m, i) => ($"{key(r)}:{i + 1}", m)), ct);

    private async Task<int> SendEachAsync<TRecipient>(GroupBotDb db, IReadOnlyList<TRecipient> to,
        Func<TRecipient, ValueTask<IEnumerable<(string Key, OutgoingMessage Message)>>> messages, CancellationToken ct) where TRecipient : Recipient
    {
        var chats = await ChatsAsync(db, [.. to.OfType<Recipient.Person>().Select(p => p.PersonId)], ct);
        var deliveries = new List<Delivery>();
        foreach (var recipient in to)
        {
            (string Channel, string ChatId)? address = (Recipient)recipient switch
            {
                Recipient.Chat c => (c.Channel, c.ChatId),
                Recipient.Person p when chats.TryGetValue(p.PersonId, out var identity) => (identity.Channel, identity.Address),
                _ => null,
            };
            if (address is { } chat)
            {
                deliveries.AddRange((await messages(recipient)).Select(m => new Delivery(m.Key, chat.Channel, chat.ChatId, m.Message)));
            }
        }

        var added = await EnqueueAsync(db, deliveries, clock.UtcNow, ct);
        outbox.Wake();
        return added;
    }

    /// <summary>Each person's chat: her most recently used identity that still reaches her.</summary>
    private static async Task<Dictionary<long, ChatIdentity>> ChatsAsync(GroupBotDb db, IReadOnlyCollection<long> personIds, CancellationToken ct)
    {
        if (personIds.Count == 0)
        {
            return [];
        }

        var identities = await db.ChatIdentities.AsNoTracking()
            .Where(i => personIds.Contains(i.PersonId) && i.UnreachableUtc == null)
            .ToListAsync(ct);
        return identities.GroupBy(i => i.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.LastInboundUtc ?? DateTime.MinValue).First());
    }

    private static async Task<int> EnqueueAsync(GroupBotDb db, IReadOnlyList<Delivery> deliveries, DateTime nowUtc, CancellationToken ct, int attempt = 1)
    {
        if (deliveries.Count == 0)
        {
            return 0;
        }

        var keys = deliveries.Select(d => d.Key).ToList();
        var existing = (await db.Outbox.Where(o => o.DeliveryKey != null && keys.Contains(o.DeliveryKey)).Select(o => o.DeliveryKey!).ToListAsync(ct)).ToHashSet();
        var rows = deliveries.Where(d => !existing.Contains(d.Key))
            .SelectMany(d => Outbox.Rows(d.Channel, d.ChatId, d.Message, OutboxPriority.Bulk, nowUtc, deliveryKey: d.Key))
            .ToList();
        db.Outbox.AddRange(rows);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (attempt < 3 && DbErrors.IsUniqueViolation(ex, "Outbox", "DeliveryKey"))
        {
            // Another run enqueued some of these meanwhile: drop ours and add only what is still missing.
            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Detached;
            }

            return await EnqueueAsync(db, deliveries, nowUtc, ct, attempt + 1);
        }

        return rows.Count;
    }
}
