using System.Text.Json;
using System.Threading.Channels;
using GroupBot.Data;

namespace GroupBot.Chat;

/// <summary>Writes outgoing messages as outbox rows and wakes the dispatcher once they are committed.</summary>
public sealed class Outbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public static OutboxMessage Row(string channel, string chatId, OutgoingMessage message, OutboxPriority priority, DateTime nowUtc,
        long? inboxEntryId = null, string? deliveryKey = null) =>
        OutboxMessage.Create(channel, chatId, JsonSerializer.Serialize(message, Json), priority, nowUtc, inboxEntryId, deliveryKey);

    public static OutgoingMessage Read(OutboxMessage row) =>
        JsonSerializer.Deserialize<OutgoingMessage>(row.PayloadJson, Json) ?? OutgoingMessage.Plain(string.Empty);

    /// <summary>Text longer than every channel's limit (Telegram and WhatsApp: 4096) becomes several rows, so a retry never repeats a part already sent.</summary>
    public const int MaxTextPerRow = 4096;

    /// <summary>Adds the message's rows to the unit of work; call <see cref="Wake"/> after SaveChanges.</summary>
    public static void Enqueue(GroupBotDb db, string channel, string chatId, OutgoingMessage message, OutboxPriority priority,
        DateTime nowUtc, long? inboxEntryId = null, string? deliveryKey = null) =>
        db.Outbox.AddRange(Rows(channel, chatId, message, priority, nowUtc, inboxEntryId, deliveryKey));

    /// <summary>One row, or one per part of a long plain text (buttons on the last part; delivery keys get "#2", "#3" …).</summary>
    public static List<OutboxMessage> Rows(string channel, string chatId, OutgoingMessage message, OutboxPriority priority, DateTime nowUtc,
        long? inboxEntryId = null, string? deliveryKey = null)
    {
        if (message.Text.Length <= MaxTextPerRow || message.Document is not null || message.Photo is not null)
        {
            return [Row(channel, chatId, message, priority, nowUtc, inboxEntryId, deliveryKey)];
        }

        var parts = Words.SplitAtLines(message.Text, MaxTextPerRow);
        return [.. parts.Select((part, i) => Row(channel, chatId,
            message with { Text = part, Choices = i == parts.Count - 1 ? message.Choices : [] },
            priority, nowUtc, inboxEntryId, deliveryKey is null || i == 0 ? deliveryKey : $"{deliveryKey}#{i + 1}"))];
    }

    public void Wake() => _wake.Writer.TryWrite(true);

    internal async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await _wake.Reader.WaitToReadAsync(cts.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Timed out (real time): poll anyway, for retries that became due.
        }
    }
}

/// <summary>What a channel says about one send attempt.</summary>
public abstract record SendResult
{
    public sealed record Sent(string? ExternalId) : SendResult;

    /// <summary>Try again later; <paramref name="RetryAfter"/> when the channel said how long (Telegram retry_after).</summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter = null) : SendResult;

    /// <summary>Will never succeed (blocked bot, bad address). <paramref name="Unreachable"/> marks the identity.</summary>
    public sealed record Permanent(string Reason, bool Unreachable = false) : SendResult;

    /// <summary>Cannot be sent until the person writes again (WhatsApp 24 h window).</summary>
    public sealed record Waiting(string Reason) : SendResult;

    /// <summary>
    /// Our own rate limit says not yet: try again after <paramref name="Wait"/>. Not a failed attempt.
    /// <paramref name="WholeChannel"/>: the channel's limit, not this chat's, so other chats must wait too.
    /// </summary>
    public sealed record Throttled(TimeSpan Wait, bool WholeChannel = false) : SendResult;
}

/// <summary>What a sender knows about the outbox row it sends.</summary>
/// <param name="Attempts">Attempts made before this one.</param>
/// <param name="UseTemplate">The person's window is known to be closed: send the message's template.</param>
public sealed record SendContext(string ChatId, OutboxPriority Priority, int Attempts, bool UseTemplate = false);

/// <summary>A channel's sending side. The dispatcher calls it for rows of its channel, one at a time per chat.</summary>
public interface IChannelSender
{
    string Channel { get; }

    /// <summary>
    /// Takes a slot under the channel's rate limits for this send, or says how long to wait. Asked
    /// before anything about the send is written; a sender without limits has nothing to reserve.
    /// </summary>
    RateWait? TryReserve(SendContext to) => null;

    Task<SendResult> SendAsync(SendContext to, OutgoingMessage message, CancellationToken ct);
}

/// <summary>A sender that can reach a person outside her window with an approved template (WhatsApp).</summary>
public interface ITemplateSender
{
    /// <summary>True when the message names a template this channel has approved.</summary>
    bool HasTemplateFor(OutgoingMessage message);
}
