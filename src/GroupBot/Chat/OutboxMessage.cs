using GroupBot.Data;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Chat;

public enum OutboxPriority
{
    /// <summary>A reply to something a person just wrote: goes first.</summary>
    Reply = 0,

    /// <summary>Reminders, announcements, summaries.</summary>
    Bulk = 1,
}

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,

    /// <summary>Cannot be sent until the person writes again (WhatsApp 24 h window).</summary>
    Waiting = 3,

    /// <summary>
    /// A message with a delivery key is being handed to its channel. Found at start, it means the
    /// bot died mid-send: whether the channel got it is unknown, so it is not sent again (see
    /// <see cref="OutboxDispatcher"/>).
    /// </summary>
    Sending = 4,
}

/// <summary>How far a sent message got, as its channel reports it later (WhatsApp statuses).</summary>
public enum DeliveryStage
{
    Sent = 1,
    Delivered = 2,
    Read = 3,
}

/// <summary>
/// Every outgoing message is a row first, then sent by the dispatcher. Its status moves only through
/// the methods below, each of which checks where the row stands first and throws on a move the
/// lifecycle does not have:
/// <code>
/// Pending  ─MarkSending→ Sending            a keyed message, before its channel is called
/// Sending, or Pending without a key (an attempt's outcome):
///          ─MarkSent→ Sent   ─Retry, Throttle→ Pending   ─Hold→ Waiting   ─Fail→ Failed
/// Sending  ─Interrupt→ Failed               found so at start
/// Waiting  ─Release→ Pending                she wrote
/// Sent     ─ResendAsTemplateOrHoldUndelivered→ Pending or Waiting
///          ─RetryUndelivered→ Pending   ─FailUndelivered→ Failed     a failed status, later
/// </code>
/// Delivery news that comes late or again (channels re-deliver) is no error: <see cref="Reached"/>
/// ignores it, and <see cref="TakesDeliveryFailure"/> tells a stale failure so the core ignores it.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public long Id { get; private set; }
    public string Channel { get; private set; } = null!;
    public string ChatId { get; private set; } = null!;
    public string PayloadJson { get; private set; } = null!;
    public OutboxPriority Priority { get; private set; }
    public OutboxStatus Status { get; private set; }

    /// <summary>Times its channel was asked (a throttle by our own rate limit does not count).</summary>
    public int Attempts { get; private set; }

    public DateTime CreatedUtc { get; private set; }
    public DateTime NextAttemptUtc { get; private set; }
    public DateTime? SentUtc { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The channel's id of the sent message.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>The inbox entry this replies to, if it is a reply.</summary>
    public long? InboxEntryId { get; private set; }

    /// <summary>The channel said the person's window is closed: send the message's template instead.</summary>
    public bool UseTemplate { get; private set; }

    /// <summary>The channel's latest delivery news (WhatsApp: sent, delivered, read, failed) and when it happened.</summary>
    public string? ChannelStatus { get; private set; }

    public DateTime? ChannelStatusUtc { get; private set; }

    /// <summary>Unique when set: (kind, occurrence, person) for reminders, so nothing is sent twice.</summary>
    public string? DeliveryKey { get; private set; }

    /// <summary>A new row, due at once. <see cref="Outbox.Rows"/> makes them from an <see cref="OutgoingMessage"/>.</summary>
    public static OutboxMessage Create(string channel, string chatId, string payloadJson, OutboxPriority priority, DateTime nowUtc,
        long? inboxEntryId = null, string? deliveryKey = null) => new()
        {
            Channel = channel,
            ChatId = chatId,
            PayloadJson = payloadJson,
            Priority = priority,
            Status = OutboxStatus.Pending,
            CreatedUtc = nowUtc,
            NextAttemptUtc = nowUtc,
            InboxEntryId = inboxEntryId,
            DeliveryKey = deliveryKey,
        };

    // Sending: the dispatcher's attempt and its outcome.

    /// <summary>Committed before a keyed message's channel is called, so a crash mid-send never sends it twice.</summary>
    public void MarkSending()
    {
        Require(OutboxStatus.Sending, Status == OutboxStatus.Pending);
        Status = OutboxStatus.Sending;
    }

    /// <summary>The channel accepted it.</summary>
    public void MarkSent(string? externalId, DateTime nowUtc)
    {
        RequireInFlight(OutboxStatus.Sent);
        Attempts++;
        Status = OutboxStatus.Sent;
        SentUtc = nowUtc;
        ExternalId = externalId;
        LastError = null;
    }

    /// <summary>The channel refused it for now: an attempt made, the next one at <paramref name="nextAttemptUtc"/>.</summary>
    public void Retry(string reason, DateTime nextAttemptUtc)
    {
        RequireInFlight(OutboxStatus.Pending);
        Attempts++;
        Status = OutboxStatus.Pending;
        NextAttemptUtc = nextAttemptUtc;
        LastError = reason;
    }

    /// <summary>Our own rate limit said not yet: no attempt was made, so none is counted.</summary>
    public void Throttle(DateTime nextAttemptUtc)
    {
        RequireInFlight(OutboxStatus.Pending);
        Status = OutboxStatus.Pending;
        NextAttemptUtc = nextAttemptUtc;
    }

    /// <summary>It cannot go until the person writes again (the WhatsApp window closed and there is no template).</summary>
    public void Hold(string reason)
    {
        RequireInFlight(OutboxStatus.Waiting);
        Attempts++;
        Status = OutboxStatus.Waiting;
        LastError = reason;
    }

    /// <summary>It will never go: refused for good, or still refused when it was no longer useful.</summary>
    public void Fail(string reason)
    {
        RequireInFlight(OutboxStatus.Failed);
        Attempts++;
        Status = OutboxStatus.Failed;
        LastError = reason;
    }

    /// <summary>A keyed message the last process left mid-send: whether it arrived is unknown, so it is not sent again.</summary>
    public void Interrupt()
    {
        Require(OutboxStatus.Failed, Status == OutboxStatus.Sending);
        Status = OutboxStatus.Failed;
        LastError = OutboxDispatcher.InterruptedError;
    }

    /// <summary>She wrote: a held message goes now, free-form, since her window is open again.</summary>
    public void Release(DateTime nowUtc)
    {
        Require(OutboxStatus.Pending, Status == OutboxStatus.Waiting);
        Status = OutboxStatus.Pending;
        NextAttemptUtc = nowUtc;
        UseTemplate = false;
    }

    /// <summary>
    /// <see cref="Release"/> for every held message of one chat, as one statement: the person who
    /// wrote may have many, and this runs inside the transaction that handles her message.
    /// </summary>
    public static Task<int> ReleaseWaitingAsync(GroupBotDb db, string channel, string chatId, DateTime nowUtc, CancellationToken ct) =>
        db.Outbox.Where(o => o.Channel == channel && o.ChatId == chatId && o.Status == OutboxStatus.Waiting)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OutboxStatus.Pending).SetProperty(o => o.NextAttemptUtc, nowUtc).SetProperty(o => o.UseTemplate, false), ct);

    // Delivery news: what the channel learns later about a message it accepted.

    /// <summary>
    /// Records that the message got as far as <paramref name="stage"/>. News only moves forward: a
    /// stage reported late (statuses arrive out of order) or twice changes nothing, and false is returned.
    /// </summary>
    public bool Reached(DeliveryStage stage, DateTime atUtc)
    {
        if ((int)stage <= Rank(ChannelStatus))
        {
            return false;
        }

        ChannelStatus = stage switch
        {
            DeliveryStage.Sent => "sent",
            DeliveryStage.Delivered => "delivered",
            _ => "read",
        };
        ChannelStatusUtc = atUtc;
        return true;
    }

    /// <summary>
    /// Whether a failed status is news for this row: it is sent and not yet delivered. A failure
    /// reported after delivery, or again after the core already acted on it, is stale and ignored.
    /// </summary>
    public bool TakesDeliveryFailure => Status == OutboxStatus.Sent && Rank(ChannelStatus) < (int)DeliveryStage.Delivered;

    /// <summary>
    /// Reported undelivered because her window had closed: sent again as its template when the channel
    /// has one for it and it was not sent so already, else held until she writes.
    /// </summary>
    public void ResendAsTemplateOrHoldUndelivered(string reason, DateTime atUtc, DateTime nowUtc, bool templateAvailable)
    {
        var to = templateAvailable && !UseTemplate ? OutboxStatus.Pending : OutboxStatus.Waiting;
        Undelivered(to, reason, atUtc);
        UseTemplate = templateAvailable;
        NextAttemptUtc = nowUtc;
    }

    /// <summary>Reported undelivered for a passing reason (throttled after acceptance): tried again at <paramref name="nextAttemptUtc"/>.</summary>
    public void RetryUndelivered(string reason, DateTime atUtc, DateTime nextAttemptUtc)
    {
        Undelivered(OutboxStatus.Pending, reason, atUtc);
        NextAttemptUtc = nextAttemptUtc;
    }

    /// <summary>Reported undelivered for good.</summary>
    public void FailUndelivered(string reason, DateTime atUtc) => Undelivered(OutboxStatus.Failed, reason, atUtc);

    private void Undelivered(OutboxStatus to, string reason, DateTime atUtc)
    {
        if (!TakesDeliveryFailure)
        {
            throw new InvalidOperationException($"Outbox message {Id} cannot go from {Status} to {to} on a delivery failure: only a sent message not yet delivered takes one (its channel status is {ChannelStatus ?? "none"}).");
        }

        ChannelStatus = "failed";
        ChannelStatusUtc = atUtc;
        Status = to;
        LastError = reason;
    }

    // Privacy.

    /// <summary>
    /// Not a transition but the right to be forgotten, as two statements: what went out (or is held, or
    /// failed) keeps its row but loses her words; what is still queued is deleted and never goes.
    /// </summary>
    public static async Task ForgetChatAsync(GroupBotDb db, string channel, string chatId, CancellationToken ct)
    {
        await db.Outbox.Where(o => o.Channel == channel && o.ChatId == chatId && o.Status != OutboxStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.PayloadJson, "{\"text\":\"\"}"), ct);
        await db.Outbox.Where(o => o.Channel == channel && o.ChatId == chatId && o.Status == OutboxStatus.Pending).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// An attempt's outcome is recorded on a row being sent: Sending, or Pending for a message without a
    /// delivery key (sent at least once, so it skips Sending). A keyed one still Pending was never marked
    /// Sending, and recording it would break its at-most-once promise.
    /// </summary>
    private void RequireInFlight(OutboxStatus to) =>
        Require(to, Status == OutboxStatus.Sending || Status == OutboxStatus.Pending && DeliveryKey is null,
            Status == OutboxStatus.Pending ? $": it has a delivery key, so it is marked {OutboxStatus.Sending} before its channel is called" : "");

    private void Require(OutboxStatus to, bool allowed, string why = "")
    {
        if (!allowed)
        {
            throw new InvalidOperationException($"Outbox message {Id} cannot go from {Status} to {to}{why}.");
        }
    }

    /// <summary>Stored channel statuses in order; "failed" and none rank lowest, so any later news moves past them.</summary>
    private static int Rank(string? channelStatus) => channelStatus switch
    {
        "sent" => (int)DeliveryStage.Sent,
        "delivered" => (int)DeliveryStage.Delivered,
        "read" => (int)DeliveryStage.Read,
        _ => 0,
    };
}
