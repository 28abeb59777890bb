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

/// <summary>Every outgoing message is a row first, then sent by the dispatcher.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ChatId { get; set; }
    public required string PayloadJson { get; set; }
    public OutboxPriority Priority { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public string? LastError { get; set; }

    /// <summary>The channel's id of the sent message.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The inbox entry this replies to, if it is a reply.</summary>
    public long? InboxEntryId { get; set; }

    /// <summary>The channel said the person's window is closed: send the message's template instead.</summary>
    public bool UseTemplate { get; set; }

    /// <summary>The channel's latest delivery news (WhatsApp: sent, delivered, read, failed) and when it happened.</summary>
    public string? ChannelStatus { get; set; }

    public DateTime? ChannelStatusUtc { get; set; }

    /// <summary>Unique when set: (kind, occurrence, person) for reminders, so nothing is sent twice.</summary>
    public string? DeliveryKey { get; set; }
}
