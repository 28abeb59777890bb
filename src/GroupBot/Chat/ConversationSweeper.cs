using GroupBot.Data;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Chat;

/// <summary>
/// Ends idle conversations with a message. Expiry is read from the stored ExpiresUtc, so it
/// survives restarts; the engine also checks it when the next message arrives.
/// </summary>
public sealed class ConversationSweeper(
    IServiceScopeFactory scopes,
    ChatProcessor processor,
    Outbox outbox,
    Texts texts,
    TimeProvider time,
    ILogger<ConversationSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Sweeping idle conversations failed");
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        List<(long Id, string Channel, string ChatId)> expired;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
            var now = time.GetUtcNow().UtcDateTime;
            expired = (await db.Conversations.Where(c => c.ExpiresUtc <= now).OrderBy(c => c.Id)
                    .Select(c => new { c.Id, c.Channel, c.ChatId })
                    .Take(500)
                    .ToListAsync(ct))
                .Select(c => (c.Id, c.Channel, c.ChatId)).ToList();
        }

        foreach (var (id, channel, chatId) in expired)
        {
            await processor.WithChatLockAsync($"{channel}:{chatId}", () => EndAsync(id, ct), ct);
        }

        if (expired.Count > 0)
        {
            outbox.Wake();
        }

        return expired.Count;
    }

    private async Task EndAsync(long conversationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var now = time.GetUtcNow().UtcDateTime;
        // Re-read under the chat lock: the person may have answered meanwhile.
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId && c.ExpiresUtc <= now, ct);
        if (conversation is null)
        {
            return;
        }

        db.Conversations.Remove(conversation);
        Outbox.Enqueue(db, conversation.Channel, conversation.ChatId,
            OutgoingMessage.Plain(texts.Get(conversation.Language, "Flow.Expired")), OutboxPriority.Reply, now);
        await db.SaveChangesAsync(ct);
    }
}
