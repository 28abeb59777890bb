using GroupBot.Data;
using GroupBot.People;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Chat;

/// <summary>One bulk message to one chat, keyed so that it is never sent twice.</summary>
public sealed record Delivery(string Key, string Channel, string ChatId, OutgoingMessage Message);

/// <summary>
/// Enqueues reminders with a delivery key per (kind, occurrence, person). A key already in the
/// outbox is skipped, and the unique index settles races, so restarts, misfires and double
/// triggers never send twice.
/// </summary>
public static class Deliveries
{
    /// <summary>Each person's chat: her most recently used identity that still reaches her.</summary>
    public static async Task<Dictionary<long, ChatIdentity>> ChatsAsync(GroupBotDb db, IReadOnlyCollection<long> personIds, CancellationToken ct)
    {
        var identities = await db.ChatIdentities.AsNoTracking()
            .Where(i => personIds.Contains(i.PersonId) && i.UnreachableUtc == null)
            .ToListAsync(ct);
        return identities.GroupBy(i => i.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.LastInboundUtc ?? DateTime.MinValue).First());
    }

    public static async Task<int> EnqueueAsync(GroupBotDb db, IReadOnlyList<Delivery> deliveries, DateTime nowUtc, CancellationToken ct, int attempt = 1)
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
        catch (DbUpdateException ex) when (attempt < 3 && ex.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 } unique
            && unique.Message.Contains("Outbox.DeliveryKey", StringComparison.Ordinal))
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
